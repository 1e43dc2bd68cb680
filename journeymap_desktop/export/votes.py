"""Voting results out of a map: ranked results as terminal text, every vote as CSV.

`journeymap votes MAP [--round NAME] [--csv]` prints these; the workshop panel's "Export
votes…" writes the same CSV. Text from the map is data: in the terminal every name goes
through `safe_text.shown` (escape codes, bidi overrides and line breaks made visible); in the
CSV a cell that a spreadsheet would run as a formula gets an apostrophe in front
(`storage.importers.cells.neutralise_cell`).

Who voted for what follows the round's anonymity (model.workshop.shows_names): the CSV is
the facilitator's, so it names participants in "named" and "visible to the facilitator only"
rounds and says "anonymous" in anonymous ones; the ranked text names nobody.
No Qt, no reportlab.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.queries import KIND_LABELS
from journeymap_desktop.model.workshop import (
    ANONYMITY_LABELS,
    VotingRound,
    done_count,
    participant_label,
    ranked_results,
    results,
    round_letter,
    round_summary,
    shows_names,
)
from journeymap_desktop.safe_text import shown
from journeymap_desktop.storage.importers.cells import neutralise_row

CSV_COLUMNS = ("round", "round_letter", "round_state", "anonymity", "rank", "tied", "card_id",
               "card", "kind", "stage", "lane", "card_dots", "participant", "dots")


class UnknownRoundError(ValueError):
    """The map has no round of that name (the message names the rounds it has)."""


def chosen_rounds(journey: JourneyMap, name: str | None = None) -> list[tuple[int, VotingRound]]:
    """The map's rounds with their positions, or only the one called `name` (exact, else
    the only one whose name starts with it, ignoring case)."""
    rounds = list(enumerate(journey.workshop.rounds))
    if name is None:
        return rounds
    exact = [(i, r) for i, r in rounds if r.name == name]
    if exact:
        return exact[:1]
    folded = name.casefold()
    starting = [(i, r) for i, r in rounds if r.name.casefold().startswith(folded)]
    if len(starting) == 1:
        return starting
    names = ", ".join(f"“{shown(r.name, 60)}”" for _, r in rounds) or "none"
    what = "more than one round starts with" if starting else "no round is called"
    raise UnknownRoundError(f"{what} “{shown(name, 60)}” (rounds: {names})")


def results_text(journey: JourneyMap, name: str | None = None) -> str:
    """Every round's ranked results (or one round's), for a terminal: rank (ties marked
    with "=" and "tied"), dots, the card's title, stage and lane."""
    chosen = chosen_rounds(journey, name)
    if not chosen:
        return "This map has no voting rounds.\n"
    out: list[str] = []
    for index, voting_round in chosen:
        done, people = done_count(voting_round)
        state = voting_round.state + (", revealed" if voting_round.revealed
                                      and voting_round.state != "closed" else "")
        out.append(f"Round {round_letter(index)}: {shown(voting_round.name)} ({state})")
        out.append(f"  {shown(round_summary(voting_round, journey), 400)}")
        out.append(f"  {done} of {people} said they were done")
        rows = results(journey, voting_round)
        if not rows:
            out.append("  no votes yet")
            out.append("")
            continue
        total = sum(row.dots for row in rows)
        out.append(f"  {total} dot{'s' if total != 1 else ''} on {len(rows)} "
                   f"card{'s' if len(rows) != 1 else ''}")
        out.append("  rank  dots  card")
        for row in rows:
            rank = f"{row.rank}=" if row.tied else f"{row.rank}"
            where = " · ".join(shown(part, 60) for part in (row.stage, row.lane) if part)
            tied = "  (tied)" if row.tied else ""
            out.append(f"  {rank:<5} {row.dots:>4}  {shown(row.title, 120)}  [{where}]{tied}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def vote_rows(journey: JourneyMap, name: str | None = None) -> list[list[str]]:
    """Every vote (a participant's dots on a card in a round) as CSV cells, rounds in order,
    each round's cards in rank order; ties marked; cells neutralised for spreadsheets."""
    cards = {card.id: card for card in journey.cards}
    stages = {stage.id: stage.name for stage in journey.stages}
    lanes = {lane.id: lane.name for lane in journey.lanes}
    rows = [list(CSV_COLUMNS)]
    for index, voting_round in chosen_rounds(journey, name):
        named = shows_names(voting_round, "facilitator")
        ranks = {card_id: (rank, dots, tied)
                 for rank, card_id, dots, tied in ranked_results(voting_round)}
        position = {card_id: i for i, card_id in enumerate(ranks)}  # rank order, ties kept
        for vote in sorted(voting_round.votes, key=lambda v: position.get(v.card_id, 0)):
            card = cards.get(vote.card_id)
            if card is None:
                continue
            rank, dots, tied = ranks[vote.card_id]
            who = (participant_label(journey.workshop, vote.participant_id) if named
                   else "anonymous")
            rows.append(neutralise_row([
                voting_round.name, round_letter(index), voting_round.state,
                ANONYMITY_LABELS[voting_round.anonymity], str(rank), "yes" if tied else "",
                card.id, card.title, KIND_LABELS[card.kind], stages.get(card.stage_id, ""),
                lanes.get(card.lane_id, ""), str(dots), who, str(vote.count)]))
    return rows


def votes_csv(journey: JourneyMap, name: str | None = None) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(vote_rows(journey, name))
    return buffer.getvalue()


def write_votes_csv(journey: JourneyMap, path: Path, name: str | None = None) -> None:
    """Write every vote to a CSV file (UTF-8 with a byte-order mark, so spreadsheets read
    accents right), atomically."""
    from journeymap_desktop.storage.files import write_bytes_atomically

    write_bytes_atomically(Path(path), ("\ufeff" + votes_csv(journey, name)).encode("utf-8"),
                           keep_backup=False)
