"""Workshop results kept in the map: participants, dot-voting rounds and the timer's log.

The stored shape of issue 12 (workshop mode). The map keeps every round side by side: its
name, what can be voted on, the budget each participant has, the cap per card, who takes part
(by name, or just counted: a participant with an empty name), whether votes are anonymous,
visible to the facilitator only, or named, whether they have been revealed, who said
"I'm done", and every participant's votes. `card.votes` stays the plain tally of votes given
outside rounds (dot stickers counted by hand, the +/- keys).

Whole-map checks (integrity.py) make sure every reference resolves, every vote's participant
takes part in its round, no participant spends more than the budget, and no vote exceeds the
cap.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Final, Literal

from pydantic import Field, field_validator

from journeymap_desktop.model.fields import (
    MAX_CARDS,
    MAX_LANES,
    MAX_STAGES,
    CardKind,
    Id,
    Name,
    ShortText,
    StrictModel,
)

if TYPE_CHECKING:
    from journeymap_desktop.model.map import Card, JourneyMap

MAX_BUDGET: Final = 99
MAX_PARTICIPANTS: Final = 500
MAX_ROUNDS: Final = 100
MAX_TIMER_EVENTS: Final = 10_000
MAX_TIMER_SECONDS: Final = 24 * 3600

Anonymity = Literal["anonymous", "facilitator", "named"]
ANONYMITY_LABELS: dict[str, str] = {
    "anonymous": "Anonymous",
    "facilitator": "Visible to the facilitator only",
    "named": "Named",
}
RoundState = Literal["draft", "open", "closed"]
# Who is looking: the room (projector, handout) or the facilitator (laptop, CSV of votes).
Audience = Literal["room", "facilitator"]
TimerAction = Literal["set", "start", "pause", "resume", "add", "subtract", "end", "reset"]


def _utc(value: datetime | None) -> datetime | None:
    from datetime import UTC

    return value if value is None or value.tzinfo is not None else value.replace(tzinfo=UTC)


class Participant(StrictModel):
    """Someone who votes. An empty name: counted only (shown as "Participant 3")."""

    id: Id
    name: ShortText = ""


class VoteScope(StrictModel):
    """What a round lets people vote on: cards of these kinds, in these lanes and stages, or
    exactly these cards. Empty lists don't narrow; all empty: every card."""

    kinds: list[CardKind] = Field(default_factory=list, max_length=4)
    lane_ids: list[Id] = Field(default_factory=list, max_length=MAX_LANES)
    stage_ids: list[Id] = Field(default_factory=list, max_length=MAX_STAGES)
    card_ids: list[Id] = Field(default_factory=list, max_length=MAX_CARDS)


class Vote(StrictModel):
    """A participant's dots on one card in one round."""

    card_id: Id
    participant_id: Id
    count: int = Field(default=1, ge=1, le=MAX_BUDGET)


class VotingRound(StrictModel):
    """A dot-voting round: what can be voted on, the budget per participant, the cap per
    card (per participant), who takes part, anonymity, state, reveal, who is done, votes."""

    id: Id
    name: Name
    scope: VoteScope = Field(default_factory=VoteScope)
    budget: int = Field(default=5, ge=1, le=MAX_BUDGET)
    cap_per_card: int | None = Field(default=None, ge=1, le=MAX_BUDGET)
    participant_ids: list[Id] = Field(default_factory=list, max_length=MAX_PARTICIPANTS)
    anonymity: Anonymity = "anonymous"
    state: RoundState = "draft"
    revealed: bool = False
    done_ids: list[Id] = Field(default_factory=list, max_length=MAX_PARTICIPANTS)
    opened: datetime | None = Field(default=None, strict=False)
    closed: datetime | None = Field(default=None, strict=False)
    votes: list[Vote] = Field(default_factory=list, max_length=MAX_CARDS)

    @field_validator("opened", "closed")
    @classmethod
    def _assume_utc(cls, value: datetime | None) -> datetime | None:
        return _utc(value)


class TimerEvent(StrictModel):
    """One entry of the facilitator's timer log: what was done, when, and the seconds left
    on the timer after it."""

    at: datetime = Field(strict=False)
    action: TimerAction
    seconds: int = Field(ge=0, le=MAX_TIMER_SECONDS)
    round_id: Id | None = None

    @field_validator("at")
    @classmethod
    def _assume_utc(cls, value: datetime) -> datetime:
        result = _utc(value)
        assert result is not None
        return result


class Workshop(StrictModel):
    """Workshop results: participants, voting rounds side by side, the timer's log."""

    participants: list[Participant] = Field(default_factory=list, max_length=MAX_PARTICIPANTS)
    rounds: list[VotingRound] = Field(default_factory=list, max_length=MAX_ROUNDS)
    timer_log: list[TimerEvent] = Field(default_factory=list, max_length=MAX_TIMER_EVENTS)

    def is_empty(self) -> bool:
        return not (self.participants or self.rounds or self.timer_log)


# ----- queries -----------------------------------------------------------------------------
def round_by_id(workshop: Workshop, round_id: str | None) -> VotingRound | None:
    return next((r for r in workshop.rounds if r.id == round_id), None)


def round_index(workshop: Workshop, round_id: str) -> int:
    return next(i for i, r in enumerate(workshop.rounds) if r.id == round_id)


def round_letter(index: int) -> str:
    """The short label a round is shown with beside its colour: A, B, ... Z, AA, AB, ..."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def in_scope(voting_round: VotingRound, card: Card) -> bool:
    """Whether a round lets people vote on this card: the card is one of the round's chosen
    cards (when it names any), and its kind, lane and stage are among those named (a list
    left empty does not narrow)."""
    scope = voting_round.scope
    if scope.card_ids and card.id not in scope.card_ids:
        return False
    if scope.kinds and card.kind not in scope.kinds:
        return False
    if scope.lane_ids and card.lane_id not in scope.lane_ids:
        return False
    return not (scope.stage_ids and card.stage_id not in scope.stage_ids)


def scope_card_ids(journey: JourneyMap, voting_round: VotingRound) -> list[str]:
    """The cards of the map people may vote on in this round, in file order."""
    return [card.id for card in journey.cards if in_scope(voting_round, card)]


def votes_on(voting_round: VotingRound, card_id: str, participant_id: str) -> int:
    """A participant's dots on one card in a round."""
    return next((v.count for v in voting_round.votes
                 if v.card_id == card_id and v.participant_id == participant_id), 0)


def remaining(voting_round: VotingRound, participant_id: str) -> int:
    """The dots a participant has left to give in a round."""
    return voting_round.budget - spent(voting_round, participant_id)


def vote_refusal(journey: JourneyMap, voting_round: VotingRound, participant_id: str,
                 card_id: str, count: int) -> str | None:
    """Why a participant may not have `count` dots on this card in this round (a sentence
    for the facilitator), or None when they may. Taking dots back is always allowed while
    the round is open."""
    if voting_round.state != "open":
        return ("This round is not open for voting yet." if voting_round.state == "draft"
                else "This round is closed.")
    if participant_id not in voting_round.participant_ids:
        return "Choose who is voting first."
    card = next((c for c in journey.cards if c.id == card_id), None)
    if card is None:
        return "That card is gone."
    if count < 0:
        return "There is no dot to take back there."
    current = votes_on(voting_round, card_id, participant_id)
    if count <= current:
        return None
    if not in_scope(voting_round, card):
        return "This card is not part of this round."
    cap = voting_round.cap_per_card
    if cap is not None and count > cap:
        return f"At most {cap} dot{'s' if cap != 1 else ''} per card in this round."
    if spent(voting_round, participant_id) - current + count > voting_round.budget:
        return (f"All {voting_round.budget} dot{'s' if voting_round.budget != 1 else ''} "
                "are used: take one back first.")
    return None


def with_vote(voting_round: VotingRound, participant_id: str, card_id: str,
              count: int) -> list[Vote]:
    """The round's votes with this participant's dots on this card set to `count` (0: none);
    a changed vote keeps its place, a new one goes last."""
    votes: list[Vote] = []
    found = False
    for vote in voting_round.votes:
        if vote.card_id == card_id and vote.participant_id == participant_id:
            found = True
            if count > 0:
                votes.append(Vote(card_id=card_id, participant_id=participant_id, count=count))
        else:
            votes.append(vote)
    if not found and count > 0:
        votes.append(Vote(card_id=card_id, participant_id=participant_id, count=count))
    return votes


def done_count(voting_round: VotingRound) -> tuple[int, int]:
    """(how many said "I'm done", how many take part)."""
    return len(voting_round.done_ids), len(voting_round.participant_ids)


def shows_names(voting_round: VotingRound, audience: Audience) -> bool:
    """Whether who voted for what may be shown to this audience: the room (projector,
    handout) sees names only in a named round; the facilitator (the laptop, the CSV of
    every vote) also in a round visible to the facilitator."""
    if voting_round.anonymity == "named":
        return True
    return voting_round.anonymity == "facilitator" and audience == "facilitator"


@dataclass(frozen=True)
class ResultRow:
    """One card in a round's ranked results."""

    rank: int
    card_id: str
    title: str
    kind: str
    stage: str
    lane: str
    dots: int
    tied: bool
    voters: tuple[tuple[str, int], ...]  # (name, dots), only where names may be shown


def results(journey: JourneyMap, voting_round: VotingRound,
            audience: Audience = "room") -> list[ResultRow]:
    """The round's cards with dots, ranked (ties share a rank and are marked), with the card's
    title, kind, stage and lane names, and who gave the dots where `audience` may see it."""
    cards = {card.id: card for card in journey.cards}
    stages = {stage.id: stage.name for stage in journey.stages}
    lanes = {lane.id: lane.name for lane in journey.lanes}
    named = shows_names(voting_round, audience)
    rows = []
    for rank, card_id, dots, tied in ranked_results(voting_round):
        card = cards.get(card_id)
        if card is None:
            continue
        voters: tuple[tuple[str, int], ...] = ()
        if named:
            voters = tuple((participant_label(journey.workshop, v.participant_id), v.count)
                           for v in voting_round.votes if v.card_id == card_id)
        rows.append(ResultRow(rank, card_id, card.title or "Untitled", card.kind,
                              stages.get(card.stage_id, ""), lanes.get(card.lane_id, ""),
                              dots, tied, voters))
    return rows


def round_summary(voting_round: VotingRound, journey: JourneyMap) -> str:
    """One line about a round: who, how many dots, the cap, anonymity, state."""
    people = len(voting_round.participant_ids)
    parts = [f"{people} participant{'s' if people != 1 else ''}",
             f"{voting_round.budget} dot{'s' if voting_round.budget != 1 else ''} each"]
    if voting_round.cap_per_card is not None:
        parts.append(f"at most {voting_round.cap_per_card} per card")
    parts.append(ANONYMITY_LABELS[voting_round.anonymity].lower())
    parts.append(scope_text(journey, voting_round))
    return " · ".join(parts)


def scope_text(journey: JourneyMap, voting_round: VotingRound) -> str:
    """What a round lets people vote on, in words: "pain points in Checkout", "4 chosen
    cards", "every card"."""
    from journeymap_desktop.model.queries import KIND_LABELS

    scope = voting_round.scope
    if scope.card_ids:
        count = len(scope.card_ids)
        return f"{count} chosen card{'s' if count != 1 else ''}"
    narrowed = bool(scope.lane_ids or scope.stage_ids)
    what = (" and ".join(KIND_LABELS[k].lower() + "s" for k in scope.kinds)
            if scope.kinds else "cards" if narrowed else "every card")
    places = []
    if scope.lane_ids:
        names = {lane.id: lane.name for lane in journey.lanes}
        places.append(", ".join(names.get(i, i) for i in scope.lane_ids))
    if scope.stage_ids:
        names = {stage.id: stage.name for stage in journey.stages}
        places.append(", ".join(names.get(i, i) for i in scope.stage_ids))
    return what + (" in " + " / ".join(places) if places else "")


def round_totals(voting_round: VotingRound) -> Counter[str]:
    """Dots per card in a round."""
    totals: Counter[str] = Counter()
    for vote in voting_round.votes:
        totals[vote.card_id] += vote.count
    return totals


def spent(voting_round: VotingRound, participant_id: str) -> int:
    """How many of their dots a participant has used in a round."""
    return sum(v.count for v in voting_round.votes if v.participant_id == participant_id)


def ranked_results(voting_round: VotingRound) -> list[tuple[int, str, int, bool]]:
    """(rank, card id, dots, tied) for every card with dots, most first; cards with equal
    dots share a rank and are marked tied. Within a tie, cards keep the order they were
    first voted for."""
    totals = round_totals(voting_round)
    ordered = sorted(totals.items(), key=lambda item: -item[1])
    counts = Counter(totals.values())
    results: list[tuple[int, str, int, bool]] = []
    rank = 0
    previous: int | None = None
    for position, (card_id, dots) in enumerate(ordered, start=1):
        if dots != previous:
            rank = position
            previous = dots
        results.append((rank, card_id, dots, counts[dots] > 1))
    return results


def participant_label(workshop: Workshop, participant_id: str) -> str:
    for number, participant in enumerate(workshop.participants, start=1):
        if participant.id == participant_id:
            return participant.name or f"Participant {number}"
    return participant_id
