"""The document and its undo commands: every edit undoes to the exact bytes it started from."""

from __future__ import annotations

import errno
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QUndoCommand

from journeymap_desktop import commands as cmd
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.map import Card, JourneyMap, Lane, Persona, Stage
from journeymap_desktop.model.queries import cards_in_cell
from journeymap_desktop.storage import SaveError, dumps_map, load_map, loads_map
from journeymap_desktop.storage import files as storage_files
from tests.helpers_model import feel


# ----- fixtures and helpers ----------------------------------------------------------------
def _grid() -> JourneyMap:
    """Two stages x two lanes; cell (s1, top) holds a, b, c, d; (s2, top) holds x, y."""
    cards = [Card(id=cid, stage_id="s1", lane_id="top", order=i, title=cid.upper())
             for i, cid in enumerate("abcd")]
    cards += [Card(id=cid, stage_id="s2", lane_id="top", order=i, title=cid.upper())
              for i, cid in enumerate("xy")]
    cards.append(Card(id="p1", stage_id="s1", lane_id="bottom", kind="pain_point",
                      persona_id="ana", emotions=feel(-1), tags=["pricing"]))
    return JourneyMap(
        title="Grid",
        personas=[Persona(id="ana", name="Ana"), Persona(id="ben", name="Ben")],
        stages=[Stage(id="s1", name="One"), Stage(id="s2", name="Two"),
                Stage(id="s3", name="Three")],
        lanes=[Lane(id="top", name="Top", kind="touchpoints"),
               Lane(id="bottom", name="Bottom", kind="pain_points")],
        cards=cards,
    )


@pytest.fixture
def doc(qapp: Any) -> JourneyDocument:
    return JourneyDocument(_grid())


def _json(document: JourneyDocument) -> str:
    return dumps_map(document.map)


def _cell(document: JourneyDocument, stage_id: str, lane_id: str) -> list[str]:
    return [card.id for card in cards_in_cell(document.map, stage_id, lane_id)]


def _assert_consistent(document: JourneyDocument) -> None:
    """The map is one the loader accepts, and the document's id index matches it."""
    loads_map(_json(document))
    assert {card.id for card in document.map.cards} == {
        cid for cid in (card.id for card in document.map.cards) if document.has_card(cid)}
    for card in document.map.cards:
        assert document.card(card.id) is card


def _assert_undo_redo_exact(document: JourneyDocument, command: QUndoCommand) -> str:
    """Push; undo gives back the exact JSON of before, redo the exact JSON of after."""
    before = _json(document)
    count = document.undo_stack.count()
    document.push(command)
    after = _json(document)
    assert after != before, "the command changed nothing"
    assert document.undo_stack.count() == count + 1
    _assert_consistent(document)
    for _ in range(2):
        document.undo_stack.undo()
        assert _json(document) == before
        _assert_consistent(document)
        document.undo_stack.redo()
        assert _json(document) == after
        _assert_consistent(document)
    return after


class Recorder:
    """Records every signal of a document as (name, args), through bound-method slots."""

    NAMES = ("reset", "edited", "map_changed", "personas_changed", "card_added", "card_removed",
             "card_changed", "cards_moved", "stage_added", "stage_removed", "stage_changed",
             "stages_reordered", "lane_added", "lane_removed", "lane_changed",
             "lanes_reordered", "path_changed", "modified_changed")

    def __init__(self, document: JourneyDocument) -> None:
        self.events: list[tuple[str, tuple[Any, ...]]] = []
        # Kept referenced: Qt does not keep a bound method's object alive.
        self._slots = [_Slot(self.events, name) for name in self.NAMES]
        for slot in self._slots:
            getattr(document, slot.name).connect(slot.record)

    def names(self) -> list[str]:
        return [name for name, _ in self.events]

    def args(self, name: str) -> list[tuple[Any, ...]]:
        return [args for event, args in self.events if event == name]

    def clear(self) -> None:
        self.events.clear()


class _Slot:
    def __init__(self, events: list[tuple[str, tuple[Any, ...]]], name: str) -> None:
        self.events = events
        self.name = name

    def record(self, *args: Any) -> None:
        self.events.append((self.name, args))


# ----- every command undoes and redoes exactly ---------------------------------------------
def _new_card(cid: str, stage: str = "s1", lane: str = "top", **fields: Any) -> Card:
    return Card(id=cid, stage_id=stage, lane_id=lane, title=f"New {cid}", **fields)


COMMANDS: dict[str, Callable[[JourneyDocument], QUndoCommand]] = {
    "add card at 0": lambda d: cmd.AddCards(d, [_new_card("n")], 0),
    "add card in the middle": lambda d: cmd.AddCards(d, [_new_card("n")], 2),
    "add card at the end": lambda d: cmd.AddCards(d, [_new_card("n")], 4),
    "add cards keeping their order": lambda d: cmd.AddCards(
        d, [_new_card("n", order=7), _new_card("m", "s3", "bottom", order=0)]),
    "add two cards to an empty cell": lambda d: cmd.AddCards(
        d, [_new_card("n", "s3"), _new_card("m", "s3")], 0),
    "remove a card": lambda d: cmd.RemoveCards(d, ["b"]),
    "remove cards from several cells": lambda d: cmd.RemoveCards(d, ["d", "x", "p1", "a"]),
    "move a card down its cell": lambda d: cmd.MoveCards(d, ["a"], "s1", "top", 3),
    "move cards to another cell": lambda d: cmd.MoveCards(d, ["b", "c"], "s2", "top", 1),
    "move cards to an empty cell": lambda d: cmd.MoveCards(d, ["x", "a"], "s3", "bottom", 0),
    "add stage first": lambda d: cmd.AddStage(d, Stage(id="s0", name="Zero"), 0),
    "add stage last": lambda d: cmd.AddStage(d, Stage(id="s9", name="Nine", colour="#009E73"),
                                             3),
    "remove stage with cards": lambda d: cmd.RemoveStage(d, "s1"),
    "remove empty stage": lambda d: cmd.RemoveStage(d, "s3"),
    "move stage": lambda d: cmd.MoveStage(d, "s1", 2),
    "duplicate stage with cards": lambda d: cmd.DuplicateStage(d, "s1"),
    "duplicate empty stage": lambda d: cmd.DuplicateStage(d, "s3"),
    "add lane": lambda d: cmd.AddLane(d, Lane(id="new-lane", name="Thoughts",
                                              kind="thoughts"), 1),
    "remove lane with cards": lambda d: cmd.RemoveLane(d, "top"),
    "move lane": lambda d: cmd.MoveLane(d, "bottom", 0),
    "duplicate lane with cards": lambda d: cmd.DuplicateLane(d, "top"),
    "add persona": lambda d: cmd.AddPersona(d, Persona(id="cy", name="Cy", role="Admin"), 1),
    "remove persona used by a card": lambda d: cmd.RemovePersona(d, "ana"),
    "remove unused persona": lambda d: cmd.RemovePersona(d, "ben"),
    "duplicate cards of two cells": lambda d: cmd.DuplicateCards(d, ["c", "a", "y"]),
    "paste cards": lambda d: cmd.PasteCards(
        d, [d.card("a"), _new_card("ext", persona_id="gone")], "s2", "top", 1),
    "set card fields": lambda d: cmd.SetFields(
        d, "card", "b", {"title": "Renamed", "emotions": feel(2), "tags": ["x", "y"],
                         "channel": "email", "persona_id": "ben", "colour": "#CC79A7"}),
    "clear card fields": lambda d: cmd.SetFields(
        d, "card", "p1", {"emotions": {}, "persona_id": None, "tags": []}),
    "set stage fields": lambda d: cmd.SetFields(d, "stage", "s2", {"name": "Pay",
                                                                   "colour": "#E69F00"}),
    "set lane fields": lambda d: cmd.SetFields(d, "lane", "top", {"name": "Channels",
                                                                  "kind": "channels"}),
    "set persona fields": lambda d: cmd.SetFields(d, "persona", "ana",
                                                  {"goals": ["Speed"], "quote": "Hi"}),
    "set map title": lambda d: cmd.SetFields(d, "map", "", {"title": "Renamed map"}),
    "set map author and description": lambda d: cmd.SetFields(
        d, "map", "", {"author": "Zoë", "description": "R&D <notes>"}),
}


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_command_undoes_and_redoes_to_the_exact_json(doc: JourneyDocument,
                                                          name: str) -> None:
    _assert_undo_redo_exact(doc, COMMANDS[name](doc))


def test_add_card_places_it_and_renumbers_the_cell(doc: JourneyDocument) -> None:
    doc.push(cmd.AddCards(doc, [_new_card("n")], 2))
    assert _cell(doc, "s1", "top") == ["a", "b", "n", "c", "d"]
    assert [doc.card(c).order for c in _cell(doc, "s1", "top")] == [0, 1, 2, 3, 4]


def test_remove_stage_removes_its_cards_and_undo_brings_them_back(doc: JourneyDocument) -> None:
    doc.push(cmd.RemoveStage(doc, "s1"))
    assert [s.id for s in doc.map.stages] == ["s2", "s3"]
    assert sorted(c.id for c in doc.map.cards) == ["x", "y"]
    doc.undo_stack.undo()
    assert _cell(doc, "s1", "top") == ["a", "b", "c", "d"]
    assert doc.undo_stack.count() == 1  # one step for the stage and its cards


def test_duplicate_stage_copies_cards_right_after_the_original(doc: JourneyDocument) -> None:
    doc.push(cmd.DuplicateStage(doc, "s1"))
    assert [s.name for s in doc.map.stages] == ["One", "One (copy)", "Two", "Three"]
    copy_id = doc.map.stages[1].id
    assert copy_id != "s1"
    copies = [doc.card(c) for c in _cell(doc, copy_id, "top")]
    assert [c.title for c in copies] == ["A", "B", "C", "D"]
    assert not {c.id for c in copies} & set("abcd")
    assert [c.title for c in cards_in_cell(doc.map, copy_id, "bottom")] == [""]


def test_duplicate_lane_copies_below_the_original(doc: JourneyDocument) -> None:
    doc.push(cmd.DuplicateLane(doc, "top"))
    assert [lane.name for lane in doc.map.lanes] == ["Top", "Top (copy)", "Bottom"]
    copy_id = doc.map.lanes[1].id
    assert [doc.card(c).title for c in _cell(doc, "s2", copy_id)] == ["X", "Y"]


def test_duplicate_cards_puts_copies_after_the_last_original(doc: JourneyDocument) -> None:
    command = cmd.DuplicateCards(doc, ["c", "a"])
    doc.push(command)
    cell = _cell(doc, "s1", "top")
    assert [doc.card(c).title for c in cell] == ["A", "B", "C", "A", "C", "D"]
    assert set(command.copy_ids) == set(cell[3:5])


def test_paste_gives_fresh_ids_and_drops_unknown_personas(doc: JourneyDocument) -> None:
    outsider = _new_card("a", persona_id="someone-else")  # same id as an existing card
    command = cmd.PasteCards(doc, [doc.card("p1"), outsider], "s3", "top", 0)
    doc.push(command)
    pasted = [doc.card(c) for c in _cell(doc, "s3", "top")]
    assert [c.id for c in pasted] == command.copy_ids
    assert not set(command.copy_ids) & {"a", "p1"}
    assert [c.persona_id for c in pasted] == ["ana", None]
    assert doc.card("a").title == "A"


def test_remove_persona_clears_references_and_undo_restores_them(doc: JourneyDocument) -> None:
    doc.push(cmd.RemovePersona(doc, "ana"))
    assert doc.card("p1").persona_id is None
    doc.undo_stack.undo()
    assert doc.card("p1").persona_id == "ana"
    assert [p.id for p in doc.map.personas] == ["ana", "ben"]


# ----- a random editing session undoes to the original -------------------------------------
def _random_command(document: JourneyDocument, rng: random.Random,
                    counter: list[int]) -> QUndoCommand | None:
    journey = document.map
    stage_ids = [s.id for s in journey.stages]
    lane_ids = [lane.id for lane in journey.lanes]
    card_ids = [c.id for c in journey.cards]
    persona_ids = [p.id for p in journey.personas]
    counter[0] += 1
    fresh = f"r{counter[0]}"
    choice = rng.choice([
        "add", "add", "add-kept", "remove", "move", "move", "stage-add", "stage-remove",
        "stage-move", "stage-dup", "lane-add", "lane-remove", "lane-move", "lane-dup",
        "persona-add", "persona-remove", "dup-cards", "paste", "set-card", "set-card",
        "set-stage", "set-lane", "set-persona", "set-map",
    ])
    has_cells = bool(stage_ids and lane_ids)

    def a_cell() -> tuple[str, str]:
        return rng.choice(stage_ids), rng.choice(lane_ids)

    def some(ids: list[str]) -> list[str]:
        return rng.sample(ids, rng.randint(1, min(3, len(ids))))

    if choice in ("add", "add-kept") and has_cells:
        stage, lane = a_cell()
        cards = [Card(id=f"{fresh}-{i}", stage_id=stage, lane_id=lane, title=fresh,
                      order=rng.randint(0, 5), emotions=feel(rng.choice([None, -2, 0, 2])),
                      persona_id=rng.choice([None, *persona_ids]))
                 for i in range(rng.randint(1, 2))]
        index = None if choice == "add-kept" else rng.randint(0, 6)
        return cmd.AddCards(document, cards, index)
    if choice == "remove" and card_ids:
        return cmd.RemoveCards(document, some(card_ids))
    if choice == "move" and card_ids and has_cells:
        stage, lane = a_cell()
        return cmd.MoveCards(document, some(card_ids), stage, lane, rng.randint(0, 6))
    if choice == "stage-add":
        return cmd.AddStage(document, Stage(id=fresh, name=f"Stage {fresh}"),
                            rng.randint(0, len(stage_ids)))
    if choice == "stage-remove" and stage_ids:
        return cmd.RemoveStage(document, rng.choice(stage_ids))
    if choice == "stage-move" and len(stage_ids) > 1:
        return cmd.MoveStage(document, rng.choice(stage_ids), rng.randrange(len(stage_ids)))
    if choice == "stage-dup" and stage_ids:
        return cmd.DuplicateStage(document, rng.choice(stage_ids))
    if choice == "lane-add":
        return cmd.AddLane(document, Lane(id=fresh, name=f"Lane {fresh}"),
                           rng.randint(0, len(lane_ids)))
    if choice == "lane-remove" and lane_ids:
        return cmd.RemoveLane(document, rng.choice(lane_ids))
    if choice == "lane-move" and len(lane_ids) > 1:
        return cmd.MoveLane(document, rng.choice(lane_ids), rng.randrange(len(lane_ids)))
    if choice == "lane-dup" and lane_ids:
        return cmd.DuplicateLane(document, rng.choice(lane_ids))
    if choice == "persona-add":
        return cmd.AddPersona(document, Persona(id=fresh, name=fresh),
                              rng.randint(0, len(persona_ids)))
    if choice == "persona-remove" and persona_ids:
        return cmd.RemovePersona(document, rng.choice(persona_ids))
    if choice == "dup-cards" and card_ids:
        return cmd.DuplicateCards(document, some(card_ids))
    if choice == "paste" and card_ids and has_cells:
        stage, lane = a_cell()
        cards = [document.card(c) for c in some(card_ids)]
        return cmd.PasteCards(document, cards, stage, lane, rng.randint(0, 6))
    if choice == "set-card" and card_ids:
        changes = rng.choice([
            {"title": f"T{fresh} & <b>"}, {"emotions": feel(rng.choice([None, -2, -1, 0, 1, 2]))},
            {"votes": rng.randint(0, 50)}, {"tags": ["a", fresh]},
            {"persona_id": rng.choice([None, *persona_ids])}, {"kind": "opportunity"},
        ])
        return cmd.SetFields(document, "card", rng.choice(card_ids), changes,
                             mergeable=rng.random() < 0.5)
    if choice == "set-stage" and stage_ids:
        return cmd.SetFields(document, "stage", rng.choice(stage_ids),
                             {"name": f"S {fresh}", "colour": rng.choice([None, "#0072B2"])})
    if choice == "set-lane" and lane_ids:
        return cmd.SetFields(document, "lane", rng.choice(lane_ids), {"name": f"L {fresh}"})
    if choice == "set-persona" and persona_ids:
        return cmd.SetFields(document, "persona", rng.choice(persona_ids),
                             {"role": f"role {fresh}"})
    if choice == "set-map":
        return cmd.SetFields(document, "map", "", {"title": f"Map {fresh}"},
                             mergeable=rng.random() < 0.5)
    return None


@pytest.mark.parametrize("seed", range(12))
def test_a_random_editing_session_undoes_and_redoes_step_by_step(qapp: Any, seed: int) -> None:
    rng = random.Random(seed)
    document = JourneyDocument(_grid())
    original = _json(document)
    counter = [0]
    for _ in range(60):
        command = _random_command(document, rng, counter)
        if command is not None:
            document.push(command)
            _assert_consistent(document)
    # Snapshots per undo index (merged edits share one step, so take them from the stack).
    steps = document.undo_stack.count()
    assert steps > 20
    final = _json(document)
    snapshots = [final]
    for _ in range(steps):
        document.undo_stack.undo()
        _assert_consistent(document)
        snapshots.append(_json(document))
    assert snapshots[-1] == original
    assert not document.is_modified()
    for expected in reversed(snapshots[:-1]):
        document.undo_stack.redo()
        assert _json(document) == expected
    assert _json(document) == final


# ----- move_cards index semantics ----------------------------------------------------------
@pytest.mark.parametrize(
    ("moving", "index", "expected"),
    [
        (["a"], 0, ["a", "b", "c", "d"]),  # dropped where it was
        (["a"], 1, ["a", "b", "c", "d"]),  # just below itself: still where it was
        (["a"], 2, ["b", "a", "c", "d"]),  # between b and c
        (["a"], 4, ["b", "c", "d", "a"]),  # to the end
        (["a"], 99, ["b", "c", "d", "a"]),  # past the end: the end
        (["d"], 0, ["d", "a", "b", "c"]),  # up to the top
        (["d"], 1, ["a", "d", "b", "c"]),  # between a and b
        (["c"], 1, ["a", "c", "b", "d"]),
        (["a", "c"], 4, ["b", "d", "a", "c"]),  # several, together at the drop point
        (["b", "d"], 0, ["b", "d", "a", "c"]),
        (["a", "d"], 2, ["b", "a", "d", "c"]),
    ],
)
def test_move_within_a_cell(doc: JourneyDocument, moving: list[str], index: int,
                            expected: list[str]) -> None:
    before = _json(doc)
    doc.push(cmd.MoveCards(doc, moving, "s1", "top", index))
    assert _cell(doc, "s1", "top") == expected
    assert [doc.card(c).order for c in expected] == [0, 1, 2, 3]
    doc.undo_stack.undo()
    assert _json(doc) == before


@pytest.mark.parametrize(
    ("index", "expected"),
    [(0, ["b", "x", "y"]), (1, ["x", "b", "y"]), (2, ["x", "y", "b"]), (50, ["x", "y", "b"])],
)
def test_move_into_another_cell(doc: JourneyDocument, index: int, expected: list[str]) -> None:
    before = _json(doc)
    doc.push(cmd.MoveCards(doc, ["b"], "s2", "top", index))
    assert _cell(doc, "s2", "top") == expected
    assert [doc.card(c).order for c in expected] == [0, 1, 2]
    # The cell it left closes the gap.
    assert _cell(doc, "s1", "top") == ["a", "c", "d"]
    assert [doc.card(c).order for c in ("a", "c", "d")] == [0, 1, 2]
    assert (doc.card("b").stage_id, doc.card("b").lane_id) == ("s2", "top")
    doc.undo_stack.undo()
    assert _json(doc) == before


def test_move_cards_from_two_cells_into_a_third(doc: JourneyDocument) -> None:
    doc.push(cmd.MoveCards(doc, ["y", "b"], "s3", "bottom", 0))
    assert _cell(doc, "s3", "bottom") == ["y", "b"]
    assert _cell(doc, "s1", "top") == ["a", "c", "d"]
    assert _cell(doc, "s2", "top") == ["x"]


def test_move_does_not_reorder_the_file(doc: JourneyDocument) -> None:
    ids_before = [c.id for c in doc.map.cards]
    doc.push(cmd.MoveCards(doc, ["d"], "s2", "top", 0))
    assert [c.id for c in doc.map.cards] == ids_before  # small diffs in git


def test_move_to_an_unknown_cell_is_refused(doc: JourneyDocument) -> None:
    before = _json(doc)
    with pytest.raises(ValueError, match="unknown stage"):
        doc.move_cards(["a"], "nowhere", "top", 0)
    with pytest.raises(ValueError, match="unknown lane"):
        doc.move_cards(["a"], "s1", "nowhere", 0)
    assert _json(doc) == before


# ----- signals -----------------------------------------------------------------------------
def test_move_emits_cards_moved_with_the_ids_and_edited_once(doc: JourneyDocument,
                                                              qtbot: Any) -> None:
    recorder = Recorder(doc)
    with qtbot.waitSignal(doc.cards_moved, timeout=1000) as blocker:
        doc.push(cmd.MoveCards(doc, ["a", "c"], "s2", "top", 1))
    assert blocker.args == [["a", "c"]]
    assert recorder.names().count("edited") == 1
    assert recorder.names().count("cards_moved") == 1
    recorder.clear()
    doc.undo_stack.undo()
    assert recorder.args("cards_moved")
    assert {"a", "c"} <= set(recorder.args("cards_moved")[-1][0])


def test_set_fields_emits_card_changed_for_that_card(doc: JourneyDocument) -> None:
    recorder = Recorder(doc)
    doc.push(cmd.SetFields(doc, "card", "b", {"title": "Bee"}))
    assert recorder.args("card_changed") == [("b",)]
    assert recorder.names().count("edited") == 1
    assert "modified_changed" in recorder.names()


def test_add_stage_emits_stage_added(doc: JourneyDocument, qtbot: Any) -> None:
    with qtbot.waitSignal(doc.stage_added, timeout=1000) as blocker:
        doc.push(cmd.AddStage(doc, Stage(id="new", name="New"), 1))
    assert blocker.args == ["new"]
    with qtbot.waitSignal(doc.stage_removed, timeout=1000) as blocker:
        doc.undo_stack.undo()
    assert blocker.args == ["new"]


def test_replace_map_emits_reset_and_clears_history(doc: JourneyDocument) -> None:
    doc.push(cmd.SetFields(doc, "map", "", {"title": "Changed"}))
    recorder = Recorder(doc)
    other = _grid()
    other.title = "Other"
    doc.replace_map(other)
    assert recorder.names().count("reset") == 1
    assert recorder.names().count("edited") == 1
    assert doc.map.title == "Other"
    assert doc.undo_stack.count() == 0
    assert not doc.is_modified()
    assert doc.card("a") is other.cards[0]


VERBS: dict[str, Callable[[JourneyDocument], Any]] = {
    "insert_cards": lambda d: d.insert_cards([_new_card("n"), _new_card("m")], 1),
    "remove_cards": lambda d: d.remove_cards(["a", "x", "p1"]),
    "restore_cards": lambda d: d.restore_cards(d.remove_cards(["a", "b"])),
    "set_card_fields": lambda d: d.set_card_fields("a", title="New", votes=3),
    "move_cards": lambda d: d.move_cards(["a", "b", "x"], "s3", "top", 0),
    "apply_placements": lambda d: d.apply_placements({"a": ("s2", "top", 5),
                                                      "b": ("s1", "top", 9)}),
    "insert_stage": lambda d: d.insert_stage(Stage(id="n", name="N"), 0),
    "remove_stage": lambda d: d.remove_stage("s3"),
    "move_stage": lambda d: d.move_stage("s1", 2),
    "set_stage_fields": lambda d: d.set_stage_fields("s1", name="Uno"),
    "insert_lane": lambda d: d.insert_lane(Lane(id="n", name="N"), 2),
    "remove_lane": lambda d: (d.remove_cards(["p1"]), d.remove_lane("bottom")),
    "move_lane": lambda d: d.move_lane("top", 1),
    "set_lane_fields": lambda d: d.set_lane_fields("top", name="Up"),
    "insert_persona": lambda d: d.insert_persona(Persona(id="n", name="N"), 0),
    "remove_persona": lambda d: d.remove_persona("ben"),
    "set_persona_fields": lambda d: d.set_persona_fields("ben", name="Benjamin"),
    "set_map_fields": lambda d: d.set_map_fields(title="T", author="A"),
}
_TWO_VERBS = {"restore_cards", "remove_lane"}  # these lambdas call two verbs


@pytest.mark.parametrize("verb", list(VERBS))
def test_each_verb_emits_edited_exactly_once(doc: JourneyDocument, verb: str) -> None:
    recorder = Recorder(doc)
    VERBS[verb](doc)
    expected = 2 if verb in _TWO_VERBS else 1
    assert recorder.names().count("edited") == expected
    # `edited` comes last, after the fine-grained signal(s) of the verb.
    assert recorder.names()[-1] == "edited"
    assert len(recorder.names()) > expected, "a verb names what changed, not only `edited`"


# ----- modified state and saving -----------------------------------------------------------
def test_is_modified_follows_the_undo_stack_and_save(doc: JourneyDocument,
                                                     tmp_path: Path) -> None:
    recorder = Recorder(doc)
    assert not doc.is_modified()
    doc.push(cmd.SetFields(doc, "card", "a", {"title": "Changed"}))
    assert doc.is_modified()
    assert recorder.args("modified_changed") == [(True,)]
    doc.undo_stack.undo()
    assert not doc.is_modified()
    doc.undo_stack.redo()
    assert doc.is_modified()

    path = tmp_path / "saved.journeymap"
    doc.save(path)
    assert not doc.is_modified()
    assert recorder.args("modified_changed")[-1] == (False,)
    assert "path_changed" in recorder.names()
    assert doc.path == path
    assert doc.display_name == "saved.journeymap"
    assert path.read_text(encoding="utf-8") == _json(doc)
    assert load_map(path) == doc.map
    assert load_map(path).cards[0].title == "Changed"
    assert doc.map.meta.app_version  # the file says which version wrote it

    doc.undo_stack.undo()  # back past the save point: modified again
    assert doc.is_modified()
    doc.undo_stack.redo()
    assert not doc.is_modified()


def test_save_to_the_current_path_and_reopen(doc: JourneyDocument, tmp_path: Path) -> None:
    path = tmp_path / "map.journeymap"
    doc.save(path)
    doc.push(cmd.MoveCards(doc, ["a"], "s3", "bottom", 0))
    doc.save()
    assert not doc.is_modified()
    reopened = JourneyDocument.open(path)
    assert _json(reopened) == _json(doc)
    assert not reopened.is_modified()
    assert reopened.stamp is not None
    assert reopened.path == path


def test_an_untitled_document_needs_a_file_name_to_save(doc: JourneyDocument) -> None:
    with pytest.raises(ValueError):
        doc.save()


def test_a_failed_save_keeps_the_document_modified_and_unchanged(
        doc: JourneyDocument, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    doc.push(cmd.SetFields(doc, "map", "", {"title": "Unsaved work"}))
    before = _json(doc)

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage_files.os, "fsync", disk_full)
    with pytest.raises(SaveError):
        doc.save(tmp_path / "map.journeymap")
    assert doc.is_modified()
    assert doc.path is None
    assert _json(doc) == before  # not even the "modified" time changed
    assert list(tmp_path.iterdir()) == []


def test_mark_unsaved_makes_a_restored_draft_modified(doc: JourneyDocument) -> None:
    doc.mark_unsaved()
    assert doc.is_modified()


# ----- merging text edits ------------------------------------------------------------------
def test_mergeable_edits_of_one_field_are_one_undo_step(doc: JourneyDocument) -> None:
    original = _json(doc)
    for text in ("G", "Gr", "Gro", "Groc"):
        doc.push(cmd.SetFields(doc, "card", "a", {"title": text}, mergeable=True))
    assert doc.card("a").title == "Groc"
    assert doc.undo_stack.count() == 1
    doc.undo_stack.undo()
    assert _json(doc) == original
    doc.undo_stack.redo()
    assert doc.card("a").title == "Groc"


def test_edits_are_not_merged_across_fields_objects_or_non_mergeable(
        doc: JourneyDocument) -> None:
    doc.push(cmd.SetFields(doc, "card", "a", {"title": "1"}, mergeable=True))
    doc.push(cmd.SetFields(doc, "card", "a", {"body": "2"}, mergeable=True))  # other field
    doc.push(cmd.SetFields(doc, "card", "b", {"body": "3"}, mergeable=True))  # other card
    doc.push(cmd.SetFields(doc, "stage", "s1", {"name": "4"}, mergeable=True))  # other kind
    doc.push(cmd.SetFields(doc, "stage", "s1", {"name": "5"}))  # not mergeable
    doc.push(cmd.SetFields(doc, "stage", "s1", {"name": "6"}, mergeable=True))
    assert doc.undo_stack.count() == 6


def test_typing_after_a_save_does_not_merge_into_the_saved_step(doc: JourneyDocument,
                                                                tmp_path: Path) -> None:
    doc.push(cmd.SetFields(doc, "card", "a", {"title": "Saved"}, mergeable=True))
    doc.save(tmp_path / "m.journeymap")
    doc.push(cmd.SetFields(doc, "card", "a", {"title": "Saved and more"}, mergeable=True))
    assert doc.is_modified()
    doc.undo_stack.undo()
    assert doc.card("a").title == "Saved"
    assert not doc.is_modified()


# ----- invalid values ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "changes",
    [
        {"emotions": feel(7)}, {"emotions": feel(-3)},
        {"emotions": {"everyone-as-is": {"value": "2"}}}, {"emotions": feel(1, curve="ghost")},
        {"votes": True}, {"votes": -1},
        {"votes": 1.0}, {"title": "x" * 201}, {"colour": "red"}, {"kind": "idea"},
        {"channel": "fax"}, {"tags": "urgent"}, {"tags": [""]}, {"moment_of_truth": 1},
        {"no_such_field": 1},
    ],
    ids=repr,
)
def test_invalid_card_values_are_refused_without_changing_anything(
        doc: JourneyDocument, changes: dict[str, Any]) -> None:
    before = _json(doc)
    recorder = Recorder(doc)
    with pytest.raises(ValueError) as caught:
        doc.check_card_fields("a", **changes)
    assert next(iter(changes)) in str(caught.value)  # the reason names the field
    with pytest.raises(ValueError):
        doc.set_card_fields("a", **changes)
    assert _json(doc) == before
    assert recorder.events == []
    assert doc.undo_stack.count() == 0


@pytest.mark.parametrize("field", ["id", "stage_id", "lane_id", "order"])
def test_placement_fields_cannot_be_set_directly(doc: JourneyDocument, field: str) -> None:
    before = _json(doc)
    with pytest.raises(ValueError, match="move_cards"):
        doc.set_card_fields("a", **{field: "s2" if field != "order" else 3})
    assert _json(doc) == before


def test_check_card_fields_accepts_valid_values(doc: JourneyDocument) -> None:
    before = _json(doc)
    doc.check_card_fields("a", emotions=feel(-2), votes=9_999, colour="#0072B2", tags=["ok"],
                          persona_id="ben", channel=None)
    assert _json(doc) == before


@pytest.mark.parametrize(
    ("kind", "target", "changes"),
    [("map", "", {"title": ""}), ("map", "", {"title": 5}), ("stage", "s1", {"name": ""}),
     ("stage", "s1", {"colour": "blue"}), ("lane", "top", {"kind": "river"}),
     ("persona", "ana", {"goals": "all"}), ("map", "", {"colour": "#000000"})],
)
def test_invalid_values_for_other_objects_are_refused(doc: JourneyDocument, kind: str,
                                                      target: str,
                                                      changes: dict[str, Any]) -> None:
    before = _json(doc)
    setter = {
        "map": lambda: doc.set_map_fields(**changes),
        "stage": lambda: doc.set_stage_fields(target, **changes),
        "lane": lambda: doc.set_lane_fields(target, **changes),
        "persona": lambda: doc.set_persona_fields(target, **changes),
    }[kind]
    with pytest.raises(ValueError):
        setter()
    assert _json(doc) == before


def test_adding_a_duplicate_stage_lane_or_card_is_refused(doc: JourneyDocument) -> None:
    before = _json(doc)
    with pytest.raises(ValueError, match="exists already"):
        doc.insert_stage(Stage(id="s1", name="Again"), 0)
    with pytest.raises(ValueError, match="exists already"):
        doc.insert_lane(Lane(id="top", name="Again"), 0)
    with pytest.raises(ValueError, match="exists already"):
        doc.insert_cards([_new_card("a")])
    with pytest.raises(ValueError, match="unknown stage"):
        doc.insert_cards([_new_card("new", stage="nowhere")])
    with pytest.raises(ValueError, match="remove the stage's cards first"):
        doc.remove_stage("s1")
    assert _json(doc) == before


# ----- known bugs --------------------------------------------------------------------------
BROKEN_EDITS: dict[str, Callable[[JourneyDocument], Any]] = {
    "card persona that does not exist": lambda d: d.set_card_fields("p1", persona_id="ghost"),
    "new card with a persona that does not exist": lambda d: d.insert_cards(
        [_new_card("n", persona_id="ghost")]),
    "persona id that exists already": lambda d: d.insert_persona(Persona(id="ana", name="A2"),
                                                                 0),
    "stage id changed under its cards": lambda d: d.set_stage_fields("s1", id="renamed"),
    "lane id changed under its cards": lambda d: d.set_lane_fields("top", id="renamed"),
    "persona id changed under its cards": lambda d: d.set_persona_fields("ana", id="renamed"),
}


@pytest.mark.parametrize("edit", list(BROKEN_EDITS))
def test_edits_that_would_make_the_file_unopenable_are_refused(doc: JourneyDocument,
                                                               edit: str) -> None:
    before = _json(doc)
    with pytest.raises(ValueError):
        BROKEN_EDITS[edit](doc)
    assert _json(doc) == before
    loads_map(_json(doc))


def test_pushing_an_invalid_edit_leaves_no_undo_step(doc: JourneyDocument) -> None:
    before = _json(doc)
    with pytest.raises(ValueError):
        doc.push(cmd.SetFields(doc, "card", "a", {"emotions": feel(7)}))
    assert _json(doc) == before
    assert doc.undo_stack.count() == 0
    assert not doc.is_modified()
