"""Voting rounds in the model and the document: scope, budget, cap, ranked results with ties,
and the fine-grained verbs (one undo step per vote; undoing a vote leaves the timer's log and
the other rounds alone; a snapshot being autosaved never changes under it)."""

from __future__ import annotations

import pytest

from journeymap_desktop import commands
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.workshop import (
    Participant,
    TimerEvent,
    VoteScope,
    VotingRound,
    in_scope,
    ranked_results,
    remaining,
    results,
    round_letter,
    scope_card_ids,
    shows_names,
    vote_refusal,
    votes_on,
)
from journeymap_desktop.storage import dumps_map, loads_map
from tests.helpers.workshop import voting_map


@pytest.fixture
def doc(qapp: object) -> JourneyDocument:
    return JourneyDocument(voting_map())


def _ideas(doc: JourneyDocument) -> VotingRound:
    return doc.voting_round("ideas")


def test_ranked_results_share_a_rank_and_mark_ties() -> None:
    journey = voting_map()
    worst = journey.workshop.rounds[0]
    assert ranked_results(worst) == [(1, "p0", 4, False), (2, "p1", 2, True),
                                     (2, "p2", 2, True)]
    rows = results(journey, worst)
    assert [(r.rank, r.title, r.dots, r.tied) for r in rows] == [
        (1, "Hidden fees", 4, False), (2, "Slow checkout", 2, True), (2, "No tracking", 2, True)]
    assert rows[0].voters == (), "an anonymous round names nobody, even to the facilitator"
    assert results(journey, worst, "facilitator")[0].voters == ()


def test_who_voted_is_shown_only_as_the_round_allows() -> None:
    journey = voting_map()
    ideas = journey.workshop.rounds[1]
    assert results(journey, ideas)[0].voters == (("Ben", 2),)
    facilitator_only = ideas.model_copy(update={"anonymity": "facilitator"})
    assert not shows_names(facilitator_only, "room")
    assert shows_names(facilitator_only, "facilitator")
    assert results(journey, facilitator_only)[0].voters == ()
    assert results(journey, facilitator_only, "facilitator")[0].voters == (("Ben", 2),)


def test_scope_narrows_by_kind_lane_stage_or_chosen_cards() -> None:
    journey = voting_map()
    round_ = journey.workshop.rounds[0]
    assert scope_card_ids(journey, round_) == [f"p{i}" for i in range(6)]
    cards = {c.id: c for c in journey.cards}
    first_stage = journey.stages[0].id
    by_stage = round_.model_copy(update={"scope": VoteScope(stage_ids=[first_stage])})
    assert in_scope(by_stage, cards["i0"]) and not in_scope(by_stage, cards["i1"])
    chosen = round_.model_copy(update={"scope": VoteScope(card_ids=["i1", "p3"])})
    assert scope_card_ids(journey, chosen) == ["p3", "i1"]
    lane = cards["i0"].lane_id
    by_lane = round_.model_copy(update={"scope": VoteScope(lane_ids=[lane])})
    assert scope_card_ids(journey, by_lane) == ["i0", "i1"]


def test_round_letters_go_on_past_z() -> None:
    assert [round_letter(i) for i in (0, 1, 25, 26, 27, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "ZZ", "AAA"]


def test_the_budget_and_the_cap_are_never_exceeded(doc: JourneyDocument) -> None:
    journey = doc.map
    ideas = _ideas(doc)
    assert remaining(ideas, "ben") == 0
    assert "used" in (vote_refusal(journey, ideas, "ben", "i0", 1) or "")
    assert vote_refusal(journey, ideas, "ben", "i1", 1) is None, "taking back is fine"
    assert "not part" in (vote_refusal(journey, ideas, "ana", "p0", 1) or "")
    assert "Choose who" in (vote_refusal(journey, ideas, "c3", "i0", 1) or "")
    with pytest.raises(ValueError, match="used"):
        commands.CastVote(doc, "ideas", "ben", "i0", 1)
    capped = doc.map.workshop.rounds[0].model_copy(update={"state": "open", "votes": []})
    assert "At most 2" in (vote_refusal(journey, capped, "ana", "p0", 3) or "")
    assert "closed" in (vote_refusal(journey, journey.workshop.rounds[0], "ana", "p5", 1) or "")


def test_each_vote_is_one_undo_step_and_the_log_survives_undo(doc: JourneyDocument) -> None:
    stack = doc.undo_stack
    doc.push(commands.CastVote(doc, "ideas", "ana", "i0", 1))
    doc.push(commands.CastVote(doc, "ideas", "ana", "i0", 2))
    assert votes_on(_ideas(doc), "i0", "ana") == 2
    assert stack.count() == 2, "two clicks, two undo steps (no merging)"
    doc.log_timer(TimerEvent(at="2025-03-14T10:05:00Z", action="pause", seconds=120,
                             round_id="ideas"))
    assert stack.count() == 2, "the timer's log is not an undo step"
    stack.undo()
    assert votes_on(_ideas(doc), "i0", "ana") == 1
    assert doc.map.workshop.timer_log[-1].action == "pause", "undoing a vote keeps the log"
    assert votes_on(doc.map.workshop.rounds[0], "p0", "ana") == 2, "other rounds untouched"
    stack.undo()
    assert votes_on(_ideas(doc), "i0", "ana") == 0
    assert all(v.card_id != "i0" for v in _ideas(doc).votes), "no vote with zero dots"
    assert doc.is_modified(), "the new timer entry still needs saving"
    stack.redo()
    stack.redo()
    assert votes_on(_ideas(doc), "i0", "ana") == 2


def test_a_vote_never_changes_a_snapshot_taken_before_it(doc: JourneyDocument) -> None:
    snapshot = doc.snapshot()
    before = dumps_map(snapshot)
    doc.push(commands.CastVote(doc, "ideas", "ana", "i0", 1))
    doc.log_timer(TimerEvent(at="2025-03-14T10:05:00Z", action="start", seconds=60))
    doc.push(commands.EditRound(doc, "ideas", {"revealed": True}, "Reveal votes"))
    assert dumps_map(snapshot) == before
    assert dumps_map(doc.snapshot()) != before


def test_rounds_added_with_participants_and_removed_in_one_step(doc: JourneyDocument) -> None:
    new = VotingRound(id="third", name="Third", budget=5, participant_ids=["ana", "dan"])
    doc.push(commands.AddRound(doc, new, [Participant(id="dan", name="Dan")]))
    assert [r.id for r in doc.map.workshop.rounds] == ["worst", "ideas", "third"]
    assert doc.map.workshop.participants[-1].name == "Dan"
    doc.undo_stack.undo()
    assert [p.id for p in doc.map.workshop.participants] == ["ana", "ben", "c3"]
    doc.undo_stack.redo()
    doc.push(commands.RemoveRound(doc, "worst"))
    assert all(e.round_id is None for e in doc.map.workshop.timer_log)
    doc.undo_stack.undo()
    assert [e.round_id for e in doc.map.workshop.timer_log] == ["worst", "worst"]
    assert doc.map.workshop.rounds[0].votes, "the round came back with its votes"


def test_a_late_joiner_takes_part_and_leaves_again_on_undo(doc: JourneyDocument) -> None:
    doc.push(commands.JoinRound(doc, "ideas", Participant(id="late", name="Late Lou")))
    assert "late" in _ideas(doc).participant_ids
    doc.push(commands.CastVote(doc, "ideas", "late", "i0", 1))
    doc.undo_stack.undo()
    doc.undo_stack.undo()
    assert "late" not in _ideas(doc).participant_ids
    assert [p.id for p in doc.map.workshop.participants] == ["ana", "ben", "c3"]


def test_round_edits_are_checked_and_undone(doc: JourneyDocument) -> None:
    with pytest.raises(ValueError):
        doc.set_round_fields("ideas", budget=0)
    with pytest.raises(ValueError, match="budget"):
        doc.set_round_fields("ideas", budget=1)  # Ben spent 2 already
    with pytest.raises(ValueError, match="set_vote"):
        doc.set_round_fields("ideas", votes=[])
    steps = doc.undo_stack.count()
    with pytest.raises(ValueError, match="budget"):
        commands.EditRound(doc, "ideas", {"budget": 1}, "Fewer dots")
    assert doc.undo_stack.count() == steps, "refused before it is an undo step"
    doc.push(commands.EditRound(doc, "ideas", {"state": "closed", "revealed": True},
                                "Close round"))
    assert _ideas(doc).state == "closed"
    doc.undo_stack.undo()
    assert _ideas(doc).state == "open" and not _ideas(doc).revealed


def test_removing_a_voted_card_takes_its_votes_along_and_back(doc: JourneyDocument) -> None:
    doc.push(commands.RemoveCards(doc, ["p0"]))
    assert all(v.card_id != "p0" for v in doc.map.workshop.rounds[0].votes)
    doc.undo_stack.undo()
    assert votes_on(doc.map.workshop.rounds[0], "p0", "ana") == 2


def test_the_workshop_round_trips_through_the_file(doc: JourneyDocument) -> None:
    doc.push(commands.CastVote(doc, "ideas", "ana", "i0", 2))
    doc.log_timer(TimerEvent(at="2025-03-14T10:05:00Z", action="end", seconds=0,
                             round_id="ideas"))
    again = loads_map(dumps_map(doc.map))
    assert again.workshop == doc.map.workshop
    assert isinstance(again, JourneyMap)
