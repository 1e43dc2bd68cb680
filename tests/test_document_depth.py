"""Document verbs and undo commands for the journey's depth: scale, curves, a card's values,
evidence, priorities, saved views, and what removals do to views and voting rounds."""

from __future__ import annotations

from typing import Any

import pytest

from journeymap_desktop import commands as cmd
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.emotion import Distribution, EmotionCurve, EmotionValue
from journeymap_desktop.model.evidence import FileLink, MetricEvidence, QuoteEvidence
from journeymap_desktop.model.map import Card, JourneyMap, Lane, Persona, Stage
from journeymap_desktop.model.priority import Priority
from journeymap_desktop.model.scales import default_word, preset_scale
from journeymap_desktop.model.views import SavedView
from journeymap_desktop.model.workshop import Participant, Vote, VotingRound, Workshop
from journeymap_desktop.storage import dumps_map, loads_map


def _map() -> JourneyMap:
    return JourneyMap(
        personas=[Persona(id="maya", name="Maya")],
        curves=[EmotionCurve(id="now"), EmotionCurve(id="later", scenario="to-be"),
                EmotionCurve(id="maya", persona_id="maya")],
        stages=[Stage(id="s1", name="One"), Stage(id="s2", name="Two")],
        lanes=[Lane(id="touch", name="Touchpoints", kind="touchpoints"),
               Lane(id="ideas", name="Ideas", kind="opportunities")],
        cards=[
            Card(id="a", stage_id="s1", lane_id="touch", emotions={
                "now": EmotionValue(value=-1, word="lost", evidence=Distribution(
                    n=80, mean=-0.8, median=-1, q1=-2, q3=0, low=-2, high=2)),
                "later": EmotionValue(value=1), "maya": EmotionValue(value=-2)}),
            Card(id="b", stage_id="s2", lane_id="touch",
                 emotions={"now": EmotionValue(value=2)}),
            Card(id="idea", stage_id="s2", lane_id="ideas", kind="opportunity",
                 persona_id="maya"),
        ],
        views=[SavedView(id="v", name="Maya's ideas", persona_ids=["maya"],
                         lane_ids=["ideas"])],
        workshop=Workshop(participants=[Participant(id="p1")], rounds=[VotingRound(
            id="r", name="Round 1", participant_ids=["p1"], budget=5,
            votes=[Vote(card_id="idea", participant_id="p1", count=2)])]),
    )


@pytest.fixture
def doc(qapp: Any) -> JourneyDocument:
    return JourneyDocument(_map())


class Signals:
    def __init__(self, document: JourneyDocument) -> None:
        self.seen: list[str] = []
        for name in ("scale_changed", "curves_changed", "views_changed", "workshop_changed",
                     "active_curve_changed", "edited"):
            getattr(document, name).connect(lambda *_, n=name: self.seen.append(n))
        document.card_changed.connect(lambda cid: self.seen.append(f"card:{cid}"))


def _value(doc: JourneyDocument, card: str, curve: str) -> float | None:
    held = doc.card(card).emotions.get(curve)
    return None if held is None else held.value


def _saved(doc: JourneyDocument) -> str:
    text = dumps_map(doc.map)
    assert dumps_map(loads_map(text)) == text, "every state is a map the app can open"
    return text


def _round_trip(doc: JourneyDocument, command: Any) -> None:
    """Push, undo, redo: the file after redo equals the file after the push."""
    before = _saved(doc)
    doc.push(command)
    after = _saved(doc)
    doc.undo_stack.undo()
    assert _saved(doc) == before
    doc.undo_stack.redo()
    assert _saved(doc) == after


# ----- the scale ---------------------------------------------------------------------------
def test_a_new_scale_moves_every_value_with_it_and_undo_puts_them_back(
        doc: JourneyDocument) -> None:
    signals = Signals(doc)
    _round_trip(doc, cmd.SetScale(doc, preset_scale("1..7")))
    assert (doc.map.scale.min, doc.map.scale.max) == (1, 7)
    assert [_value(doc, "a", c) for c in ("now", "later", "maya")] == [2, 6, 1]
    assert _value(doc, "b", "now") == 7
    spread = doc.card("a").emotions["now"].evidence
    assert spread is not None and (spread.median, spread.q1, spread.q3) == (2.5, 1, 4)
    assert doc.card("a").emotions["now"].word == "lost", "words stay"
    assert "scale_changed" in signals.seen and "card:a" in signals.seen
    doc.undo_stack.undo()
    assert (doc.map.scale.min, _value(doc, "a", "now")) == (-2, -1)


def test_only_names_or_marks_change_no_value(doc: JourneyDocument) -> None:
    dots = doc.map.scale.model_copy(update={"marks": "dots"})
    _round_trip(doc, cmd.SetScale(doc, dots))
    assert doc.map.scale.marks == "dots" and _value(doc, "a", "now") == -1


# ----- curves and the active curve ---------------------------------------------------------
def test_the_active_curve_is_view_state_defaulting_to_the_first(doc: JourneyDocument) -> None:
    signals = Signals(doc)
    assert doc.active_curve_id == "now"
    doc.set_active_curve("later")
    assert doc.active_curve_id == "later" and signals.seen == ["active_curve_changed"]
    assert doc.undo_stack.count() == 0 and not doc.is_modified(), "not an edit of the map"
    assert "later" not in dumps_map(doc.map).split('"curves"')[0]
    with pytest.raises(ValueError, match="unknown curve"):
        doc.set_active_curve("ghost")
    signals.seen.clear()
    doc.push(cmd.RemoveCurve(doc, "later"))
    assert doc.active_curve_id == "now", "falls back to the first curve"
    assert "active_curve_changed" in signals.seen
    doc.undo_stack.undo()
    assert doc.active_curve_id == "later", "and comes back with it"


def test_adding_moving_renaming_and_removing_curves(doc: JourneyDocument) -> None:
    _round_trip(doc, cmd.AddCurve(doc, EmotionCurve(id="maya-later", persona_id="maya",
                                                    scenario="to-be")))
    assert [c.id for c in doc.map.curves] == ["now", "later", "maya", "maya-later"]
    _round_trip(doc, cmd.MoveCurve(doc, "maya-later", 0))
    assert doc.active_curve_id == "maya-later", "the first curve shows when none is chosen"
    doc.push(cmd.RenameCurve(doc, "maya", "Maya tod"))
    doc.push(cmd.RenameCurve(doc, "maya", "Maya today"))
    assert doc.curve("maya").name == "Maya today"
    assert doc.undo_stack.count() == 3, "typing a name is one step"
    _round_trip(doc, cmd.RemoveCurve(doc, "now"))
    assert all("now" not in doc.card(c).emotions for c in ("a", "b"))
    doc.undo_stack.undo()
    assert doc.card("a").emotions["now"].word == "lost", "values come back with the curve"
    assert [c.id for c in doc.map.curves][1] == "now"


@pytest.mark.parametrize(("curve", "message"), [
    (EmotionCurve(id="again"), "already the \"as-is\" curve of everyone"),
    (EmotionCurve(id="now", scenario="2030"), 'duplicate id "now"'),
    (EmotionCurve(id="x", persona_id="ghost"), 'unknown persona "ghost"'),
])
def test_a_curve_that_does_not_fit_is_refused_before_any_undo_step(
        doc: JourneyDocument, curve: EmotionCurve, message: str) -> None:
    before = _saved(doc)
    with pytest.raises(ValueError, match=message):
        doc.push(cmd.AddCurve(doc, curve))
    assert _saved(doc) == before and doc.undo_stack.count() == 0


def test_changing_a_curves_scenario_to_a_taken_one_is_refused(doc: JourneyDocument) -> None:
    with pytest.raises(ValueError, match="already"):
        doc.push(cmd.SetFields(doc, "curve", "later", {"scenario": "as-is"}))
    with pytest.raises(ValueError, match="write the scenario"):
        doc.push(cmd.SetFields(doc, "curve", "later", {"scenario": "To Be"}))
    _round_trip(doc, cmd.SetFields(doc, "curve", "later", {"scenario": "2025 pilot"}))


# ----- a card's values ---------------------------------------------------------------------
def test_a_cards_value_on_one_curve_leaves_the_others(doc: JourneyDocument) -> None:
    _round_trip(doc, cmd.SetCardEmotion(doc, "b", "later", EmotionValue(value=2,
                                                                        word="relieved")))
    assert (_value(doc, "b", "now"), _value(doc, "b", "later")) == (2, 2)
    _round_trip(doc, cmd.SetCardEmotion(doc, "a", "maya", None))
    assert _value(doc, "a", "maya") is None and _value(doc, "a", "now") == -1
    with pytest.raises(ValueError, match="outside the map's scale"):
        cmd.SetCardEmotion(doc, "a", "now", EmotionValue(value=3))
    with pytest.raises(ValueError, match="unknown curve"):
        cmd.SetCardEmotion(doc, "a", "ghost", EmotionValue(value=1))


def test_typing_the_word_is_one_step_and_a_new_level_keeps_it_but_not_a_default_word(
        doc: JourneyDocument) -> None:
    for word in ("c", "co", "con"):
        doc.push(cmd.SetCardEmotion(doc, "a", "now", EmotionValue(
            value=-1, word=word, evidence=doc.card("a").emotions["now"].evidence),
            mergeable=True))
    assert doc.undo_stack.count() == 1
    cmd.push_emotion_for_cards(doc, ["a"], "now", 1, "Set emotion")
    value = doc.card("a").emotions["now"]
    assert (value.value, value.word) == (1, "con"), "the user's own word stays (issue 10)"
    assert value.evidence is not None and value.evidence.n == 80, "what the survey said stays"
    # A word of the level's default list would contradict the new face: it goes.
    doc.push(cmd.SetCardEmotion(doc, "a", "now", value.model_copy(
        update={"word": default_word(doc.map.scale, 1)})))
    cmd.push_emotion_for_cards(doc, ["a"], "now", -2, "Set emotion")
    value = doc.card("a").emotions["now"]
    assert (value.value, value.word) == (-2, "")


def test_keys_work_on_the_active_curve_over_the_maps_scale(doc: JourneyDocument) -> None:
    doc.push(cmd.SetScale(doc, preset_scale("0..10")))
    doc.set_active_curve("later")
    cmd.set_emotion_by_key(doc, ["a", "b"], 4)
    assert (_value(doc, "a", "later"), _value(doc, "b", "later")) == (8, 8)
    assert _value(doc, "b", "now") == 10, "the other curves stay"
    assert doc.undo_stack.count() == 2, "both cards in one step"
    cmd.set_emotion_by_key(doc, ["a"], None)
    assert _value(doc, "a", "later") is None


def test_a_key_on_a_map_without_curves_adds_everyones_curve_in_the_same_step(
        qapp: Any) -> None:
    journey = _map()
    journey.cards = [card.model_copy(update={"emotions": {}}) for card in journey.cards]
    journey.curves = []
    doc = JourneyDocument(journey)
    assert doc.active_curve_id is None
    cmd.set_emotion_by_key(doc, ["a"], 5)
    assert [c.id for c in doc.map.curves] == ["everyone-as-is"]
    assert _value(doc, "a", "everyone-as-is") == 2
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert doc.map.curves == [] and doc.card("a").emotions == {}
    cmd.set_emotion_by_key(doc, ["a"], None)
    assert doc.undo_stack.count() == 1 and doc.map.curves == [], "clearing adds nothing"


# ----- evidence and priority ---------------------------------------------------------------
def test_evidence_is_added_edited_and_removed_with_undo(doc: JourneyDocument) -> None:
    quote = QuoteEvidence(id="q1", text="Where is my order?", who="P3")
    _round_trip(doc, cmd.AddEvidence(doc, "b", quote))
    _round_trip(doc, cmd.AddEvidence(doc, "b", MetricEvidence(id="m1", value=38, unit="%"),
                                     0))
    assert [e.id for e in doc.card("b").evidence] == ["m1", "q1"]
    for text in ("W", "Wh", "Where?"):
        doc.push(cmd.EditEvidence(doc, "b", quote.model_copy(update={"text": text}),
                                  mergeable=True))
    assert doc.evidence_item("b", "q1").text == "Where?"  # type: ignore[union-attr]
    doc.undo_stack.undo()
    assert doc.evidence_item("b", "q1").text == "Where is my order?"  # type: ignore[union-attr]
    _round_trip(doc, cmd.RemoveEvidence(doc, "b", "m1"))
    assert [e.id for e in doc.card("b").evidence] == ["q1"]
    count = doc.undo_stack.count()
    with pytest.raises(ValueError, match='duplicate id "q1"'):
        doc.push(cmd.AddEvidence(doc, "b", FileLink(id="q1", path="notes.txt")))
    with pytest.raises(ValueError, match="no evidence"):
        cmd.EditEvidence(doc, "b", FileLink(id="nope", path="notes.txt"))
    assert doc.undo_stack.count() == count


def test_scores_merge_while_dragging_and_clear_to_none(doc: JourneyDocument) -> None:
    for effort in (1, 2, 3):
        doc.push(cmd.SetPriority(doc, "idea", effort=effort, customer_value=40,
                                 mergeable=True))
    assert doc.undo_stack.count() == 1
    assert doc.card("idea").priority == Priority(customer_value=40, effort=3)
    _round_trip(doc, cmd.SetPriority(doc, "idea", business_value=90))
    assert doc.card("idea").priority == Priority(customer_value=40, business_value=90,
                                                 effort=3)
    _round_trip(doc, cmd.SetPriority(doc, "idea", customer_value=None, business_value=None,
                                     effort=None))
    assert doc.card("idea").priority is None
    with pytest.raises(ValueError):
        cmd.SetPriority(doc, "idea", effort=9)


# ----- saved views -------------------------------------------------------------------------
def test_views_are_added_edited_and_removed(doc: JourneyDocument) -> None:
    _round_trip(doc, cmd.AddView(doc, SavedView(id="w", name="To-be", scenarios=["to-be"])))
    _round_trip(doc, cmd.EditView(doc, "w", {"kinds": ["pain_point"], "tags": ["pricing"]}))
    assert doc.view("w").kinds == ["pain_point"]
    with pytest.raises(ValueError, match="duplicate view name"):
        cmd.AddView(doc, SavedView(id="x", name="to-BE "))
    with pytest.raises(ValueError, match='unknown lane "gone"'):
        cmd.EditView(doc, "w", {"lane_ids": ["gone"]})
    _round_trip(doc, cmd.RemoveView(doc, "w"))
    assert [v.id for v in doc.map.views] == ["v"]


# ----- removals keep every reference resolving ---------------------------------------------
def test_removing_a_lane_lets_views_and_rounds_forget_it(doc: JourneyDocument) -> None:
    doc.push(cmd.SetWorkshop(doc, doc.map.workshop.model_copy(update={"rounds": [
        doc.map.workshop.rounds[0].model_copy(update={"scope": doc.map.workshop.rounds[0]
                                                      .scope.model_copy(update={
                                                          "lane_ids": ["ideas"]})})]}),
        "Vote on ideas"))
    _round_trip(doc, cmd.RemoveLane(doc, "ideas"))
    assert doc.map.views[0].lane_ids == []
    assert doc.map.workshop.rounds[0].scope.lane_ids == []
    assert doc.map.workshop.rounds[0].votes == [], "the voted card went with its lane"
    doc.undo_stack.undo()
    assert doc.map.views[0].lane_ids == ["ideas"]
    assert doc.map.workshop.rounds[0].votes[0].count == 2


def test_removing_a_card_takes_its_dots_with_it(doc: JourneyDocument) -> None:
    _round_trip(doc, cmd.RemoveCards(doc, ["idea"]))
    assert doc.map.workshop.rounds[0].votes == []
    doc.undo_stack.undo()
    assert doc.map.workshop.rounds[0].votes[0].card_id == "idea"
    with pytest.raises(ValueError, match="voting rounds still name"):
        doc.remove_cards(["idea"])  # the verb alone refuses to leave a dangling vote


def test_removing_a_persona_removes_its_curves_and_view_filter(doc: JourneyDocument) -> None:
    doc.set_active_curve("maya")
    _round_trip(doc, cmd.RemovePersona(doc, "maya"))
    assert [c.id for c in doc.map.curves] == ["now", "later"]
    assert "maya" not in doc.card("a").emotions
    assert doc.card("idea").persona_id is None
    assert doc.map.views[0].persona_ids == []
    assert doc.active_curve_id == "now"
    doc.undo_stack.undo()
    assert doc.card("a").emotions["maya"].value == -2
    assert doc.map.views[0].persona_ids == ["maya"] and doc.active_curve_id == "maya"
    with pytest.raises(ValueError, match="curves first"):
        doc.remove_persona("maya")


def test_pasting_from_another_map_keeps_only_values_this_map_can_hold(
        doc: JourneyDocument) -> None:
    other = Card(id="ext", stage_id="x", lane_id="y", source_key="survey-1", emotions={
        "now": EmotionValue(value=1), "elsewhere": EmotionValue(value=2)})
    paste = cmd.PasteCards(doc, [other, doc.card("b")], "s1", "touch", 0)
    doc.push(paste)
    first, second = (doc.card(cid) for cid in paste.copy_ids)
    assert list(first.emotions) == ["now"] and first.source_key is None
    assert second.emotions == doc.card("b").emotions
    doc.push(cmd.SetScale(doc, preset_scale("1..5")))
    copy = cmd.PasteCards(doc, [Card(id="z", stage_id="s", lane_id="l", emotions={
        "now": EmotionValue(value=-2)})], "s1", "touch", 0)
    doc.push(copy)
    assert doc.card(copy.copy_ids[0]).emotions == {}, "-2 is off a 1-5 scale"


def test_a_snapshot_keeps_curves_and_views_as_they_were(doc: JourneyDocument) -> None:
    snapshot = doc.snapshot()
    before = snapshot.model_dump_json()
    doc.push(cmd.AddCurve(doc, EmotionCurve(id="x", scenario="2030")))
    doc.push(cmd.RemoveView(doc, "v"))
    doc.push(cmd.SetScale(doc, preset_scale("1..10")))
    assert snapshot.model_dump_json() == before
