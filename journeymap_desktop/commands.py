"""One small undo command per edit. Each calls the document's verbs and stores what undo needs.

The UI builds a command and pushes it with `document.push(...)`; nothing else changes the map.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from PySide6.QtGui import QUndoCommand

from journeymap_desktop.document import (
    Axis,
    JourneyDocument,
    Placement,
    ReferenceBackup,
    RemovedCurve,
    RemovedRound,
    ScaleChange,
)
from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID, curve_name, everyone_as_is
from journeymap_desktop.model.emotion import EmotionCurve, EmotionScale, EmotionValue
from journeymap_desktop.model.evidence import Evidence
from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.map import Card, JourneyMap, Lane, Persona, Stage
from journeymap_desktop.model.priority import Priority
from journeymap_desktop.model.scales import keeps_word, key_value
from journeymap_desktop.model.views import SavedView
from journeymap_desktop.model.workshop import Participant, VotingRound, Workshop
from journeymap_desktop.safe_text import shown

TargetKind = Literal["map", "card", "stage", "lane", "persona", "curve", "view"]

_FIELD_EDIT_ID = 1001
_EMOTION_EDIT_ID = 1002
_EVIDENCE_EDIT_ID = 1003
_PRIORITY_EDIT_ID = 1004
_FIELD_NAMES = {
    "title": "title", "body": "text", "name": "name", "description": "description",
    "emotions": "emotions", "kind": "kind", "channel": "channel",
    "owner": "owner", "tags": "tags", "votes": "votes", "moment_of_truth": "moment of truth",
    "colour": "colour", "persona_id": "persona", "role": "role", "goals": "goals",
    "frustrations": "frustrations", "quote": "quote", "author": "author",
    "evidence": "evidence", "priority": "priority", "private": "private capture",
    "source_key": "source key", "scenario": "scenario", "persona_ids": "personas",
    "scenarios": "scenarios", "lane_ids": "lanes", "kinds": "kinds",
}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class SetFields(QUndoCommand):
    """Change fields of the map, a card, a stage, a lane or a persona.

    Consecutive edits of the same fields of the same object merge into one undo step
    when `mergeable` (typing in a text box, nudging votes)."""

    def __init__(self, document: JourneyDocument, kind: TargetKind, target_id: str,
                 changes: dict[str, Any], *, mergeable: bool = False) -> None:
        names = ", ".join(_FIELD_NAMES.get(name, name) for name in changes)
        label = {"map": "map", "card": "card", "stage": "stage", "lane": "lane",
                 "persona": "persona", "curve": "curve", "view": "view"}[kind]
        super().__init__(f"Edit {label} {names}")
        # Refuse here, before the undo stack holds it: a redo() that raises would still leave
        # an (empty) undo step behind and mark the map modified.
        document.check_fields(kind, target_id, changes)
        self.document = document
        self.kind = kind
        self.target_id = target_id
        self.new = dict(changes)
        self.old: dict[str, Any] = {}
        self.mergeable = mergeable

    def current_values(self) -> dict[str, Any]:
        """The target's values of the fields this command sets, as they are now."""
        doc = self.document
        if self.kind == "map":
            return {name: getattr(doc.map.meta if name == "author" else doc.map, name)
                    for name in self.new}
        target: Any = {"card": doc.card, "stage": doc.stage, "lane": doc.lane,
                       "persona": doc.persona, "curve": doc.curve,
                       "view": doc.view}[self.kind](self.target_id)
        return {name: getattr(target, name) for name in self.new}

    def _apply(self, values: dict[str, Any]) -> dict[str, Any]:
        doc = self.document
        if self.kind == "map":
            return doc.set_map_fields(**values)
        if self.kind == "card":
            return doc.set_card_fields(self.target_id, **values)
        if self.kind == "stage":
            return doc.set_stage_fields(self.target_id, **values)
        if self.kind == "lane":
            return doc.set_lane_fields(self.target_id, **values)
        if self.kind == "curve":
            return doc.set_curve_fields(self.target_id, **values)
        if self.kind == "view":
            return doc.set_view_fields(self.target_id, **values)
        return doc.set_persona_fields(self.target_id, **values)

    def redo(self) -> None:
        self.old = self._apply(self.new)
        if self.old == self.new:
            # Nothing changed (the same kind chosen again): no undo step, no unsaved marker.
            self.setObsolete(True)

    def undo(self) -> None:
        self._apply(self.old)

    def id(self) -> int:
        return _FIELD_EDIT_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFields) or not other.mergeable:
            return False
        if (other.kind, other.target_id, set(other.new)) != (self.kind, self.target_id,
                                                              set(self.new)):
            return False
        self.new = dict(other.new)
        if self.new == self.old:
            self.setObsolete(True)  # typed and then erased: nothing left to undo
        return True


class Composite(QUndoCommand):
    """Several steps as one undo step. The steps live in a Python list rather than as Qt child
    commands: PySide does not keep child commands' Python wrappers alive, and a push then
    crashes in a dead wrapper's redo()."""

    def __init__(self, document: JourneyDocument, text: str,
                 steps: Sequence[QUndoCommand] | None = None) -> None:
        super().__init__(text)
        self.document = document
        self.steps: list[QUndoCommand] = list(steps or [])

    def redo(self) -> None:
        with self.document.batch():
            for step in self.steps:
                step.redo()
        if all(step.isObsolete() for step in self.steps):
            self.setObsolete(True)  # no step changed anything: no undo step

    def undo(self) -> None:
        with self.document.batch():
            for step in reversed(self.steps):
                step.undo()


class AddCards(QUndoCommand):
    """Add cards: at `index` of their shared cell, or each at the `order` it carries."""

    def __init__(self, document: JourneyDocument, cards: list[Card], index: int | None = None,
                 text: str | None = None) -> None:
        super().__init__(text or f"Add {_plural(len(cards), 'card')}")
        self.document = document
        self.cards = [card.model_copy(deep=True) for card in cards]
        self.index = index
        self.before: dict[str, Placement] = {}

    @property
    def card_ids(self) -> list[str]:
        return [card.id for card in self.cards]

    def redo(self) -> None:
        cells = {(card.stage_id, card.lane_id) for card in self.cards}
        self.before = self.document.cell_placements(cells)
        self.document.insert_cards([card.model_copy(deep=True) for card in self.cards],
                                   self.index)
        if not self.cards:
            self.setObsolete(True)

    def undo(self) -> None:
        with self.document.batch():
            self.document.remove_cards(self.card_ids)
            self.document.apply_placements(self.before)


class RemoveCards(QUndoCommand):
    def __init__(self, document: JourneyDocument, card_ids: Iterable[str],
                 text: str | None = None) -> None:
        ids = [cid for cid in card_ids if document.has_card(cid)]
        super().__init__(text or f"Delete {_plural(len(ids), 'card')}")
        self.document = document
        self.card_ids = ids
        self.removed: list[tuple[int, Card]] = []
        self.before: dict[str, Placement] = {}
        self.references: ReferenceBackup | None = None

    def redo(self) -> None:
        cells = {(self.document.card(c).stage_id, self.document.card(c).lane_id)
                 for c in self.card_ids}
        self.before = self.document.cell_placements(cells)
        with self.document.batch():
            # Voting rounds forget the cards (and their dots) first, in the same step.
            self.references = self.document.strip_references("card", set(self.card_ids))
            self.removed = self.document.remove_cards(self.card_ids)
        if not self.removed:
            self.setObsolete(True)

    def undo(self) -> None:
        with self.document.batch():
            self.document.restore_cards(
                [(position, card.model_copy(deep=True)) for position, card in self.removed]
            )
            self.document.apply_placements(self.before)
            self.document.restore_references(self.references)


class MoveCards(QUndoCommand):
    """Move cards to a position in a cell: one drag, one undo step."""

    def __init__(self, document: JourneyDocument, card_ids: list[str], stage_id: str,
                 lane_id: str, index: int, text: str | None = None) -> None:
        super().__init__(text or f"Move {_plural(len(card_ids), 'card')}")
        self.document = document
        self.card_ids = list(card_ids)
        self.target = (stage_id, lane_id, index)
        self.before: dict[str, Placement] = {}
        self.after: dict[str, Placement] | None = None

    def _cells(self) -> set[tuple[str, str]]:
        doc = self.document
        cells = {(doc.card(c).stage_id, doc.card(c).lane_id) for c in self.card_ids}
        cells.add((self.target[0], self.target[1]))
        return cells

    def redo(self) -> None:
        if self.after is None:
            cells = self._cells()
            self.before = self.document.cell_placements(cells)
            self.document.move_cards(self.card_ids, *self.target)
            self.after = self.document.cell_placements(cells)
            if self.after == self.before:
                self.setObsolete(True)  # dropped where they were
        else:
            self.document.apply_placements(self.after)

    def undo(self) -> None:
        self.document.apply_placements(self.before)


def _header_label(document: JourneyDocument, axis: Axis, header_id: str) -> str:
    return _named(document.header(axis, header_id).name)


def _named(name: str) -> str:
    """A name from the map in an undo step's text (the history list, the Undo tooltip):
    one line, escaped, short."""
    return shown(name, 60)


class AddHeader(QUndoCommand):
    """Add a stage or a lane at an index."""

    def __init__(self, document: JourneyDocument, axis: Axis, item: Stage | Lane, index: int,
                 text: str | None = None) -> None:
        super().__init__(text or f"Add {axis} “{_named(item.name)}”")
        self.document = document
        self.axis = axis
        self.item = item.model_copy(deep=True)
        self.index = index

    def redo(self) -> None:
        self.document.insert_header(self.axis, self.item.model_copy(deep=True), self.index)

    def undo(self) -> None:
        self.document.remove_header(self.axis, self.item.id)


class _RemoveHeaderOnly(QUndoCommand):
    def __init__(self, document: JourneyDocument, axis: Axis, header_id: str) -> None:
        super().__init__("")
        self.document = document
        self.axis = axis
        self.header_id = header_id
        self.removed: tuple[Stage | Lane, int] | None = None

    def redo(self) -> None:
        self.removed = self.document.remove_header(self.axis, self.header_id)

    def undo(self) -> None:
        assert self.removed is not None
        item, index = self.removed
        self.document.insert_header(self.axis, item, index)


class RemoveHeader(Composite):
    """Delete a stage or a lane and every card in it, as one undo step."""

    def __init__(self, document: JourneyDocument, axis: Axis, header_id: str) -> None:
        super().__init__(document,
                         f"Delete {axis} “{_header_label(document, axis, header_id)}”")
        card_ids = [c.id for c in document.map.cards
                    if getattr(c, f"{axis}_id") == header_id]
        if card_ids:
            self.steps.append(RemoveCards(document, card_ids))
        self.steps.append(StripReferences(document, axis, {header_id}))
        self.steps.append(_RemoveHeaderOnly(document, axis, header_id))


class MoveHeader(QUndoCommand):
    """Move a stage (left/right) or a lane (up/down) to another index."""

    def __init__(self, document: JourneyDocument, axis: Axis, header_id: str,
                 index: int) -> None:
        super().__init__(f"Move {axis} “{_header_label(document, axis, header_id)}”")
        self.document = document
        self.axis = axis
        self.header_id = header_id
        self.index = index
        self.old_index = document.header_index(axis, header_id)

    def redo(self) -> None:
        self.old_index = self.document.move_header(self.axis, self.header_id, self.index)
        if self.document.header_index(self.axis, self.header_id) == self.old_index:
            self.setObsolete(True)

    def undo(self) -> None:
        self.document.move_header(self.axis, self.header_id, self.old_index)


class DuplicateHeader(Composite):
    """Copy a stage or a lane, with copies of its cards, right after the original."""

    def __init__(self, document: JourneyDocument, axis: Axis, header_id: str) -> None:
        original = document.header(axis, header_id)
        super().__init__(document, f"Duplicate {axis} “{_named(original.name)}”")
        copy = original.model_copy(update={
            "id": new_id(axis), "name": _copy_name(original.name)}, deep=True)
        self.steps.append(AddHeader(document, axis, copy,
                                    document.header_index(axis, header_id) + 1))
        cards = [
            card.model_copy(update={"id": new_id("card"), f"{axis}_id": copy.id,
                                    "source_key": None}, deep=True)
            for card in document.map.cards if getattr(card, f"{axis}_id") == header_id
        ]
        if cards:
            self.steps.append(AddCards(document, cards))


# The same, by name: what the menus and the tests speak of.
class AddStage(AddHeader):
    def __init__(self, document: JourneyDocument, stage: Stage, index: int,
                 text: str | None = None) -> None:
        super().__init__(document, "stage", stage, index, text)


class AddLane(AddHeader):
    def __init__(self, document: JourneyDocument, lane: Lane, index: int,
                 text: str | None = None) -> None:
        super().__init__(document, "lane", lane, index, text)


class RemoveStage(RemoveHeader):
    def __init__(self, document: JourneyDocument, stage_id: str) -> None:
        super().__init__(document, "stage", stage_id)


class RemoveLane(RemoveHeader):
    def __init__(self, document: JourneyDocument, lane_id: str) -> None:
        super().__init__(document, "lane", lane_id)


class MoveStage(MoveHeader):
    def __init__(self, document: JourneyDocument, stage_id: str, index: int) -> None:
        super().__init__(document, "stage", stage_id, index)


class MoveLane(MoveHeader):
    def __init__(self, document: JourneyDocument, lane_id: str, index: int) -> None:
        super().__init__(document, "lane", lane_id, index)


class DuplicateStage(DuplicateHeader):
    def __init__(self, document: JourneyDocument, stage_id: str) -> None:
        super().__init__(document, "stage", stage_id)


class DuplicateLane(DuplicateHeader):
    def __init__(self, document: JourneyDocument, lane_id: str) -> None:
        super().__init__(document, "lane", lane_id)


class DuplicateCards(Composite):
    """Copy cards; in each cell the copies go, in order, after the last of that cell's
    originals (so the copies stay together, as they are selected)."""

    def __init__(self, document: JourneyDocument, card_ids: list[str]) -> None:
        super().__init__(document, f"Duplicate {_plural(len(card_ids), 'card')}")
        self.copy_ids: list[str] = []
        by_cell: dict[tuple[str, str], list[Card]] = {}
        for cid in card_ids:
            card = document.card(cid)
            by_cell.setdefault((card.stage_id, card.lane_id), []).append(card)
        for (stage_id, lane_id), originals in by_cell.items():
            order = document.cell_card_ids(stage_id, lane_id)
            last = max(order.index(card.id) for card in originals)
            copies = [card.model_copy(update={"id": new_id("card"), "source_key": None},
                                      deep=True)
                      for card in sorted(originals, key=lambda c: order.index(c.id))]
            self.copy_ids += [copy.id for copy in copies]
            self.steps.append(AddCards(document, copies, last + 1))


class PasteCards(Composite):
    """Add copies of cards (from the clipboard) to a cell, at an index, with fresh ids."""

    def __init__(self, document: JourneyDocument, cards: list[Card], stage_id: str,
                 lane_id: str, index: int) -> None:
        super().__init__(document, f"Paste {_plural(len(cards), 'card')}")
        persona_ids = {p.id for p in document.map.personas}
        copies = [
            card.model_copy(
                update={"id": new_id("card"), "stage_id": stage_id, "lane_id": lane_id,
                        "persona_id": card.persona_id if card.persona_id in persona_ids
                        else None,
                        "emotions": pasted_emotions(document.map, card),
                        "source_key": None},
                deep=True,
            )
            for card in cards
        ]
        self.copy_ids = [copy.id for copy in copies]
        self.steps.append(AddCards(document, copies, index))


class AddPersona(QUndoCommand):
    def __init__(self, document: JourneyDocument, persona: Persona, index: int) -> None:
        super().__init__(f"Add persona “{_named(persona.name)}”")
        self.document = document
        self.persona = persona.model_copy(deep=True)
        self.index = index

    def redo(self) -> None:
        self.document.insert_persona(self.persona.model_copy(deep=True), self.index)

    def undo(self) -> None:
        self.document.remove_persona(self.persona.id)


class _RemovePersonaOnly(QUndoCommand):
    def __init__(self, document: JourneyDocument, persona_id: str) -> None:
        super().__init__("")
        self.document = document
        self.persona_id = persona_id
        self.removed: tuple[Persona, int] | None = None

    def redo(self) -> None:
        self.removed = self.document.remove_persona(self.persona_id)

    def undo(self) -> None:
        assert self.removed is not None
        persona, index = self.removed
        self.document.insert_persona(persona, index)


class RemovePersona(Composite):
    """Remove a persona; cards that referred to it lose the reference, its curves go (with
    every card's value on them) and saved views forget it, all restored on undo."""

    def __init__(self, document: JourneyDocument, persona_id: str) -> None:
        super().__init__(document,
                         f"Delete persona “{_named(document.persona(persona_id).name)}”")
        for card in document.map.cards:
            if card.persona_id == persona_id:
                self.steps.append(SetFields(document, "card", card.id, {"persona_id": None}))
        for curve in document.map.curves:
            if curve.persona_id == persona_id:
                self.steps.append(RemoveCurve(document, curve.id))
        self.steps.append(StripReferences(document, "persona", {persona_id}))
        self.steps.append(_RemovePersonaOnly(document, persona_id))


def push_for_cards(document: JourneyDocument, card_ids: list[str], field: str, value: Any,
                   text: str) -> None:
    """Set one field of several cards as one undo step (only those that differ)."""
    steps: list[QUndoCommand] = [
        SetFields(document, "card", cid, {field: value})
        for cid in card_ids
        if document.has_card(cid) and getattr(document.card(cid), field) != value]
    _push_steps(document, steps, text)


def _push_steps(document: JourneyDocument, steps: list[QUndoCommand], text: str) -> None:
    if len(steps) == 1:
        document.push(steps[0])
    elif steps:
        document.push(Composite(document, f"{text} of {len(steps)} cards", steps))


def _copy_name(name: str) -> str:
    suffix = " (copy)"
    return name[: 200 - len(suffix)] + suffix



# ----- journey depth ---------------------------------------------------------------------------
class StripReferences(QUndoCommand):
    """Saved views and voting rounds forget stages, lanes, personas or cards about to go (a
    step of the commands that remove them)."""

    def __init__(self, document: JourneyDocument, kind: Literal["stage", "lane", "persona",
                                                                "card"],
                 ids: set[str]) -> None:
        super().__init__("")
        self.document = document
        self.kind = kind
        self.ids = set(ids)
        self.backup: ReferenceBackup | None = None

    def redo(self) -> None:
        self.backup = self.document.strip_references(self.kind, self.ids)
        if self.backup is None:
            self.setObsolete(True)  # nothing named them

    def undo(self) -> None:
        self.document.restore_references(self.backup)


class SetScale(QUndoCommand):
    """Put the map on another emotion scale (a preset or a custom one, faces or dots); every
    value moves with it (see JourneyDocument.set_scale)."""

    def __init__(self, document: JourneyDocument, scale: EmotionScale,
                 text: str = "Change emotion scale") -> None:
        super().__init__(text)
        self.document = document
        self.scale = EmotionScale.model_validate(scale.model_dump())
        self.change: ScaleChange | None = None

    def redo(self) -> None:
        self.change = self.document.set_scale(self.scale)
        if self.change.scale == self.scale and not self.change.cards:
            self.setObsolete(True)

    def undo(self) -> None:
        assert self.change is not None
        self.document.restore_scale(self.change)


class AddCurve(QUndoCommand):
    """Add an emotion curve (a persona's or everyone's, in a scenario) at an index."""

    def __init__(self, document: JourneyDocument, curve: EmotionCurve,
                 index: int | None = None) -> None:
        super().__init__(f"Add curve “{_named(_curve_label(document.map, curve))}”")
        self.document = document
        self.curve = EmotionCurve.model_validate(curve.model_dump())
        self.index = len(document.map.curves) if index is None else index
        # Refused here, before the undo stack holds it (as SetFields does).
        document.check_new_curve(self.curve, self.index)

    def redo(self) -> None:
        self.document.insert_curve(self.curve, self.index)

    def undo(self) -> None:
        self.document.remove_curve(self.curve.id)


class RemoveCurve(QUndoCommand):
    """Remove a curve and every card's value on it, as one undo step."""

    def __init__(self, document: JourneyDocument, curve_id: str) -> None:
        curve = document.curve(curve_id)
        super().__init__(f"Delete curve “{_named(_curve_label(document.map, curve))}”")
        self.document = document
        self.curve_id = curve_id
        self.removed: RemovedCurve | None = None

    def redo(self) -> None:
        self.removed = self.document.remove_curve(self.curve_id)

    def undo(self) -> None:
        assert self.removed is not None
        self.document.restore_curve(self.removed)


class MoveCurve(QUndoCommand):
    def __init__(self, document: JourneyDocument, curve_id: str, index: int) -> None:
        curve = document.curve(curve_id)
        super().__init__(f"Move curve “{_named(_curve_label(document.map, curve))}”")
        self.document = document
        self.curve_id = curve_id
        self.index = index
        self.old_index = document.curve_index(curve_id)

    def redo(self) -> None:
        self.old_index = self.document.move_curve(self.curve_id, self.index)
        if self.document.curve_index(self.curve_id) == self.old_index:
            self.setObsolete(True)

    def undo(self) -> None:
        self.document.move_curve(self.curve_id, self.old_index)


class RenameCurve(SetFields):
    """Give a curve a name of its own ("" names it after its persona and scenario)."""

    def __init__(self, document: JourneyDocument, curve_id: str, name: str, *,
                 mergeable: bool = True) -> None:
        super().__init__(document, "curve", curve_id, {"name": name}, mergeable=mergeable)


class SetCardEmotion(QUndoCommand):
    """Set (or clear, with None) a card's value on one curve: level, word and distribution.
    Typing the word merges into one undo step when `mergeable`."""

    def __init__(self, document: JourneyDocument, card_id: str, curve_id: str,
                 value: EmotionValue | None, *, mergeable: bool = False,
                 text: str | None = None) -> None:
        super().__init__(text or ("Clear emotion" if value is None else "Set emotion"))
        if not any(c.id == curve_id for c in document.map.curves):
            raise ValueError(f'unknown curve "{curve_id}"')
        card = document.card(card_id)
        document.check_card_fields(
            card_id, emotions=document.emotions_with(card, curve_id, value))
        self.document = document
        self.card_id = card_id
        self.curve_id = curve_id
        self.new = value
        self.old = card.emotions.get(curve_id)
        # Undo puts back the values exactly as they were, in their order.
        self.old_emotions = dict(card.emotions)
        self.mergeable = mergeable

    def redo(self) -> None:
        self.document.set_card_emotion(self.card_id, self.curve_id, self.new)
        if self.old == self.new:
            self.setObsolete(True)

    def undo(self) -> None:
        self.document.set_card_fields(self.card_id, emotions=dict(self.old_emotions))

    def id(self) -> int:
        return _EMOTION_EDIT_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetCardEmotion) or not other.mergeable or \
                (other.card_id, other.curve_id) != (self.card_id, self.curve_id):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True


def emotion_at_level(document: JourneyDocument, card_id: str, curve_id: str,
                     level: float | None) -> EmotionValue | None:
    """A card's value on a curve moved to `level` (None: cleared). A feeling word the user
    typed stays; one of the old level's default words goes (a green face must not read
    "frustrated"), so the new level's default shows. The distribution behind it stays (it is
    what the survey said, whatever the team decides)."""
    if level is None:
        return None
    old = document.card(card_id).emotions.get(curve_id)
    if old is None:
        return EmotionValue(value=float(level))
    keep = old.value == level or keeps_word(document.map.scale, old.word, old.value)
    word = old.word if keep else ""
    return EmotionValue(value=float(level), word=word, evidence=old.evidence)


def set_emotion_by_key(document: JourneyDocument, card_ids: list[str],
                       key: int | None) -> None:
    """The keys 1-5 (0 or None: clear) on the active curve: key 1 sets the scale's lowest
    level, 3 its middle, 5 its highest (scales.key_value). A map without curves first gets
    everyone's as-is curve, in the same undo step."""
    level = None if key is None else key_value(document.map.scale, key)
    set_emotion_level(document, card_ids, level)


def set_emotion_level(document: JourneyDocument, card_ids: list[str],
                      level: float | None) -> None:
    """Set the cards' value on the active curve to a level of the map's scale (None:
    clear), as one undo step. A map without curves first gets everyone's as-is curve, in the
    same undo step."""
    ids = [cid for cid in card_ids if document.has_card(cid)]
    if not ids:
        return
    curve_id = document.active_curve_id
    if curve_id is None:
        if level is None:
            return
        stack = document.undo_stack
        stack.beginMacro("Set emotion")
        try:
            document.push(AddCurve(document, everyone_as_is(), 0))
            push_emotion_for_cards(document, ids, EVERYONE_AS_IS_ID, level, "Set emotion")
        finally:
            stack.endMacro()
        return
    push_emotion_for_cards(document, ids, curve_id, level,
                           "Clear emotion" if level is None else "Set emotion")


def push_emotion_for_cards(document: JourneyDocument, card_ids: list[str], curve_id: str,
                           level: float | None, text: str) -> None:
    """Set the value on one curve of several cards as one undo step (only those that
    change)."""
    steps: list[QUndoCommand] = []
    for cid in card_ids:
        if not document.has_card(cid):
            continue
        old = document.card(cid).emotions.get(curve_id)
        if (old.value if old is not None else None) == level:
            continue
        steps.append(SetCardEmotion(document, cid, curve_id,
                                    emotion_at_level(document, cid, curve_id, level)))
    _push_steps(document, steps, text)


class AddEvidence(QUndoCommand):
    """Add a quote, survey figure, metric or file link to a card."""

    def __init__(self, document: JourneyDocument, card_id: str, item: Evidence,
                 index: int | None = None) -> None:
        super().__init__(f"Add {_EVIDENCE_NAMES[item.type]}")
        evidence = list(document.card(card_id).evidence)
        evidence.insert(len(evidence) if index is None else index, item)
        document.check_card_fields(card_id, evidence=evidence)
        self.document = document
        self.card_id = card_id
        self.item = item
        self.index = index

    def redo(self) -> None:
        self.document.insert_evidence(self.card_id, self.item, self.index)

    def undo(self) -> None:
        self.document.remove_evidence(self.card_id, self.item.id)


class EditEvidence(QUndoCommand):
    """Replace a card's evidence item with an edited one (same id). Typing merges into one
    undo step when `mergeable`."""

    def __init__(self, document: JourneyDocument, card_id: str, item: Evidence, *,
                 mergeable: bool = False) -> None:
        super().__init__(f"Edit {_EVIDENCE_NAMES[item.type]}")
        evidence = [item if e.id == item.id else e for e in document.card(card_id).evidence]
        if not any(e.id == item.id for e in document.card(card_id).evidence):
            raise ValueError(f'the card has no evidence "{item.id}"')
        document.check_card_fields(card_id, evidence=evidence)
        self.document = document
        self.card_id = card_id
        self.new = item
        self.old: Evidence | None = None
        self.mergeable = mergeable

    def redo(self) -> None:
        self.old = self.document.replace_evidence(self.card_id, self.new)
        if self.old == self.new:
            self.setObsolete(True)

    def undo(self) -> None:
        assert self.old is not None
        self.document.replace_evidence(self.card_id, self.old)

    def id(self) -> int:
        return _EVIDENCE_EDIT_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditEvidence) or not other.mergeable or \
                (other.card_id, other.new.id) != (self.card_id, self.new.id):
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True


class RemoveEvidence(QUndoCommand):
    def __init__(self, document: JourneyDocument, card_id: str, evidence_id: str) -> None:
        item = document.evidence_item(card_id, evidence_id)
        super().__init__(f"Remove {_EVIDENCE_NAMES[item.type]}")
        self.document = document
        self.card_id = card_id
        self.evidence_id = evidence_id
        self.removed: tuple[Evidence, int] | None = None

    def redo(self) -> None:
        self.removed = self.document.remove_evidence(self.card_id, self.evidence_id)

    def undo(self) -> None:
        assert self.removed is not None
        item, index = self.removed
        self.document.insert_evidence(self.card_id, item, index)


_EVIDENCE_NAMES = {"quote": "quote", "survey": "survey figure", "metric": "metric",
                   "file": "file link"}


class SetPriority(QUndoCommand):
    """Score a pain point or opportunity: any of customer_value, business_value (0-100) and
    effort (0-5); None clears a score. Dragging on the matrix or nudging a spin box merges
    into one undo step when `mergeable`."""

    def __init__(self, document: JourneyDocument, card_id: str, *, mergeable: bool = False,
                 **scores: int | None) -> None:
        super().__init__("Score " + ", ".join(name.replace("_", " ") for name in scores))
        current = document.card(card_id).priority or Priority()
        priority = Priority.model_validate({**current.model_dump(), **scores})
        self.new: Priority | None = None if priority.is_empty() else priority
        document.check_card_fields(card_id, priority=self.new)
        self.document = document
        self.card_id = card_id
        self.old: Priority | None = None
        self.mergeable = mergeable

    def redo(self) -> None:
        self.old = self.document.set_card_priority(self.card_id, self.new)
        if self.old == self.new:
            self.setObsolete(True)

    def undo(self) -> None:
        self.document.set_card_priority(self.card_id, self.old)

    def id(self) -> int:
        return _PRIORITY_EDIT_ID if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetPriority) or not other.mergeable or \
                other.card_id != self.card_id:
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True


class AddView(QUndoCommand):
    """Save a view (named filters) in the map."""

    def __init__(self, document: JourneyDocument, view: SavedView,
                 index: int | None = None) -> None:
        super().__init__(f"Save view “{_named(view.name)}”")
        self.document = document
        self.view = SavedView.model_validate(view.model_dump())
        self.index = len(document.map.views) if index is None else index
        document.check_new_view(self.view, self.index)

    def redo(self) -> None:
        self.document.insert_view(self.view, self.index)

    def undo(self) -> None:
        self.document.remove_view(self.view.id)


class EditView(SetFields):
    """Change a saved view's name or filters (persona_ids, scenarios, lane_ids, kinds,
    tags)."""

    def __init__(self, document: JourneyDocument, view_id: str, changes: dict[str, Any], *,
                 mergeable: bool = False) -> None:
        super().__init__(document, "view", view_id, changes, mergeable=mergeable)


class RemoveView(QUndoCommand):
    def __init__(self, document: JourneyDocument, view_id: str) -> None:
        super().__init__(f"Delete view “{_named(document.view(view_id).name)}”")
        self.document = document
        self.view_id = view_id
        self.removed: tuple[SavedView, int] | None = None

    def redo(self) -> None:
        self.removed = self.document.remove_view(self.view_id)

    def undo(self) -> None:
        assert self.removed is not None
        view, index = self.removed
        self.document.insert_view(view, index)


class SetWorkshop(QUndoCommand):
    """Replace the workshop's participants, rounds and timer log in one step (what workshop
    mode builds on)."""

    def __init__(self, document: JourneyDocument, workshop: Workshop, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.new = Workshop.model_validate(workshop.model_dump())
        self.old: Workshop | None = None

    def redo(self) -> None:
        self.old = self.document.set_workshop(self.new)
        if self.old == self.new:
            self.setObsolete(True)

    def undo(self) -> None:
        assert self.old is not None
        self.document.set_workshop(self.old)


# ----- workshop: rounds, votes, participants ----------------------------------------------------
# Every vote and every round action is one undo step of its own. None of them merges: a
# facilitator who undoes wants the last dot back, not a whole participant's turn. Their texts
# name no participant (the history would tell who voted in an anonymous round).
class CastVote(QUndoCommand):
    """Set one participant's dots on one card in a round (one more, one fewer)."""

    def __init__(self, document: JourneyDocument, round_id: str, participant_id: str,
                 card_id: str, count: int) -> None:
        current = document.voting_round(round_id)
        before = next((v.count for v in current.votes
                       if v.card_id == card_id and v.participant_id == participant_id), 0)
        super().__init__("Vote" if count > before else "Take back a vote")
        refusal = document.check_vote(round_id, participant_id, card_id, count)
        if refusal is not None:
            raise ValueError(refusal)
        self.document = document
        self.round_id = round_id
        self.participant_id = participant_id
        self.card_id = card_id
        self.count = count
        self.old = before

    def redo(self) -> None:
        self.old = self.document.set_vote(self.round_id, self.participant_id, self.card_id,
                                          self.count)
        if self.old == self.count:
            self.setObsolete(True)

    def undo(self) -> None:
        self.document.set_vote(self.round_id, self.participant_id, self.card_id, self.old,
                               checked=False)


class AddRound(QUndoCommand):
    """A new voting round, with the participants it brings (new names or counted people)."""

    def __init__(self, document: JourneyDocument, voting_round: VotingRound,
                 new_participants: Sequence[Participant] = (),
                 text: str | None = None) -> None:
        super().__init__(text or f"Add voting round {_named(voting_round.name)}")
        self.document = document
        self.round = VotingRound.model_validate(voting_round.model_dump())
        self.participants = [Participant.model_validate(p.model_dump())
                             for p in new_participants]
        document.check_new_round(self.round, self.participants)  # before it is an undo step
        self.old_participants: list[Participant] | None = None

    def redo(self) -> None:
        with self.document.batch():
            if self.participants:
                self.old_participants = self.document.set_participants(
                    [*self.document.map.workshop.participants, *self.participants])
            self.document.insert_round(self.round)

    def undo(self) -> None:
        with self.document.batch():
            self.document.remove_round(self.round.id)
            if self.old_participants is not None:
                self.document.set_participants(self.old_participants)


class RemoveRound(QUndoCommand):
    def __init__(self, document: JourneyDocument, round_id: str) -> None:
        super().__init__(f"Delete voting round {_named(document.voting_round(round_id).name)}")
        self.document = document
        self.round_id = round_id
        self.removed: RemovedRound | None = None

    def redo(self) -> None:
        self.removed = self.document.remove_round(self.round_id)

    def undo(self) -> None:
        assert self.removed is not None
        self.document.restore_round(self.removed)


class EditRound(QUndoCommand):
    """Change fields of a round: open it, reveal it, close it, rename it, someone is done."""

    def __init__(self, document: JourneyDocument, round_id: str, changes: dict[str, Any],
                 text: str) -> None:
        super().__init__(text)
        current = document.voting_round(round_id)
        # Refused here (ValueError), before the undo stack holds it (see SetFields).
        document.check_round_fields(round_id, changes)
        self.document = document
        self.round_id = round_id
        self.new = dict(changes)
        self.old = {name: getattr(current, name) for name in changes}

    def redo(self) -> None:
        self.old = self.document.set_round_fields(self.round_id, **self.new)
        if self.old == self.new:
            self.setObsolete(True)

    def undo(self) -> None:
        self.document.set_round_fields(self.round_id, **self.old)


class JoinRound(QUndoCommand):
    """A late joiner: a new participant, taking part in a round (and counted in it)."""

    def __init__(self, document: JourneyDocument, round_id: str,
                 participant: Participant) -> None:
        super().__init__("Add a participant")
        self.document = document
        self.round_id = round_id
        self.participant = Participant.model_validate(participant.model_dump())
        self.old_participants: list[Participant] = []

    def redo(self) -> None:
        doc = self.document
        with doc.batch():
            self.old_participants = doc.set_participants(
                [*doc.map.workshop.participants, self.participant])
            ids = doc.voting_round(self.round_id).participant_ids
            doc.set_round_fields(self.round_id, participant_ids=[*ids, self.participant.id])

    def undo(self) -> None:
        doc = self.document
        with doc.batch():
            ids = doc.voting_round(self.round_id).participant_ids
            doc.set_round_fields(self.round_id, participant_ids=[
                i for i in ids if i != self.participant.id])
            doc.set_participants(self.old_participants)


def pasted_emotions(journey: JourneyMap, card: Card) -> dict[str, EmotionValue]:
    """A card's values as they can go into this map: those on curves this map has, within
    its scale (cards copied from another map may carry others)."""
    curve_ids = {curve.id for curve in journey.curves}
    low, high = journey.scale.min, journey.scale.max

    def fits(value: EmotionValue) -> bool:
        spread = value.evidence
        figures = [value.value] if spread is None else [
            value.value, spread.mean, spread.median, spread.q1, spread.q3,
            *(f for f in (spread.low, spread.high) if f is not None)]
        return all(low <= figure <= high for figure in figures)

    return {curve_id: value for curve_id, value in card.emotions.items()
            if curve_id in curve_ids and fits(value)}


def _curve_label(journey: JourneyMap, curve: EmotionCurve) -> str:
    return curve_name(journey, curve)


# ----- imports ---------------------------------------------------------------------------------
class MergeMap(QUndoCommand):
    """An import into the open map, as one undo step: `merged` is the map as the import left
    it (built and validated whole beforehand, see interchange/survey.py); the personas,
    curves, stages, lanes and cards it has that the map lacks are added, and what it changed
    (cards, stages, lanes, the title) is set, through the small commands above.

    Each step is made and run in turn, so its checks see the map as the earlier steps left it
    (a persona's curve needs the persona), then all are undone again and the whole is pushed:
    a step that fails leaves the map as it was and nothing on the undo stack. An import
    removes nothing: `merged` must hold everything the map holds."""

    def __init__(self, document: JourneyDocument, merged: JourneyMap, text: str) -> None:
        super().__init__(text)
        self.document = document
        self.steps: list[QUndoCommand] = []
        old = document.map
        if merged.scale != old.scale:
            raise ValueError("an import into a map keeps the map's scale")
        for what, before, after in (("personas", old.personas, merged.personas),
                                    ("curves", old.curves, merged.curves),
                                    ("stages", old.stages, merged.stages),
                                    ("lanes", old.lanes, merged.lanes),
                                    ("cards", old.cards, merged.cards)):
            gone = {item.id for item in before} - {item.id for item in after}
            if gone:
                raise ValueError(f"an import removes no {what} ({len(gone)} missing)")
        with document.batch():
            try:
                self._build(merged)
            finally:
                for step in reversed(self.steps):
                    step.undo()

    def _run(self, step: QUndoCommand) -> None:
        step.redo()
        self.steps.append(step)

    def _build(self, merged: JourneyMap) -> None:
        document = self.document
        old = document.map
        personas = {p.id: p for p in old.personas}
        for index, persona in enumerate(merged.personas):
            if persona.id not in personas:
                self._run(AddPersona(document, persona, index))
        curves = {c.id for c in old.curves}
        for index, curve in enumerate(merged.curves):
            if curve.id not in curves:
                self._run(AddCurve(document, curve, index))
        self._headers("stage", old.stages, merged.stages)
        self._headers("lane", old.lanes, merged.lanes)
        cards = {card.id: card for card in old.cards}
        new_cards = [card for card in merged.cards if card.id not in cards]
        if new_cards:
            self._run(AddCards(document, new_cards))
        for card in merged.cards:
            was = cards.get(card.id)
            if was is not None and was != card:
                self._run(SetFields(document, "card", card.id, _changed_fields(was, card)))
        changes = {name: getattr(merged, name) for name in ("title", "description")
                   if getattr(merged, name) != getattr(old, name)}
        if changes:
            self._run(SetFields(document, "map", "", changes))

    def _headers(self, axis: Axis, before_items: Sequence[Stage | Lane],
                 after_items: Sequence[Stage | Lane]) -> None:
        before = {item.id: item for item in before_items}
        for index, item in enumerate(after_items):
            was = before.get(item.id)
            if was is None:
                self._run(AddHeader(self.document, axis, item, index))
            elif was != item:
                self._run(SetFields(self.document, axis, item.id, _changed_fields(was, item)))

    def redo(self) -> None:
        with self.document.batch():
            for step in self.steps:
                step.redo()
        if not self.steps:
            self.setObsolete(True)  # the map had all of it already: no undo step

    def undo(self) -> None:
        with self.document.batch():
            for step in reversed(self.steps):
                step.undo()


def _changed_fields(before: Any, after: Any) -> dict[str, Any]:
    return {name: getattr(after, name) for name in type(after).model_fields
            if name != "id" and getattr(after, name) != getattr(before, name)}
