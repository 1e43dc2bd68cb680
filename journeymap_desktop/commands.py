"""One small undo command per edit. Each calls the document's verbs and stores what undo needs.

The UI builds a command and pushes it with `document.push(...)`; nothing else changes the map.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal

from PySide6.QtGui import QUndoCommand

from journeymap_desktop.document import Axis, JourneyDocument, Placement
from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.map import Card, Lane, Persona, Stage
from journeymap_desktop.safe_text import shown

TargetKind = Literal["map", "card", "stage", "lane", "persona"]

_FIELD_EDIT_ID = 1001
_FIELD_NAMES = {
    "title": "title", "body": "text", "name": "name", "description": "description",
    "emotion": "emotion", "emotion_word": "emotion word", "kind": "kind", "channel": "channel",
    "owner": "owner", "tags": "tags", "votes": "votes", "moment_of_truth": "moment of truth",
    "colour": "colour", "persona_id": "persona", "role": "role", "goals": "goals",
    "frustrations": "frustrations", "quote": "quote", "author": "author",
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
                 "persona": "persona"}[kind]
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
                       "persona": doc.persona}[self.kind](self.target_id)
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

    def redo(self) -> None:
        cells = {(self.document.card(c).stage_id, self.document.card(c).lane_id)
                 for c in self.card_ids}
        self.before = self.document.cell_placements(cells)
        self.removed = self.document.remove_cards(self.card_ids)

    def undo(self) -> None:
        with self.document.batch():
            self.document.restore_cards(
                [(position, card.model_copy(deep=True)) for position, card in self.removed]
            )
            self.document.apply_placements(self.before)


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
        else:
            self.document.apply_placements(self.after)

    def undo(self) -> None:
        self.document.apply_placements(self.before)


def _header_label(document: JourneyDocument, axis: Axis, header_id: str) -> str:
    item = document.header(axis, header_id)
    return _named(item.name if axis == "stage" else item.title)


def _named(name: str) -> str:
    """A name from the map in an undo step's text (the history list, the Undo tooltip):
    one line, escaped, short."""
    return shown(name, 60)


class AddHeader(QUndoCommand):
    """Add a stage or a lane at an index."""

    def __init__(self, document: JourneyDocument, axis: Axis, item: Stage | Lane, index: int,
                 text: str | None = None) -> None:
        label = _named(item.name if isinstance(item, Stage) else item.title)
        super().__init__(text or f"Add {axis} “{label}”")
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

    def undo(self) -> None:
        self.document.move_header(self.axis, self.header_id, self.old_index)


class DuplicateHeader(Composite):
    """Copy a stage or a lane, with copies of its cards, right after the original."""

    def __init__(self, document: JourneyDocument, axis: Axis, header_id: str) -> None:
        original = document.header(axis, header_id)
        name_field = "name" if axis == "stage" else "title"
        super().__init__(document, f"Duplicate {axis} “{_named(getattr(original, name_field))}”")
        copy = original.model_copy(update={
            "id": new_id(axis), name_field: _copy_name(getattr(original, name_field))},
            deep=True)
        self.steps.append(AddHeader(document, axis, copy,
                                    document.header_index(axis, header_id) + 1))
        cards = [
            card.model_copy(update={"id": new_id("card"), f"{axis}_id": copy.id}, deep=True)
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
            copies = [card.model_copy(update={"id": new_id("card")}, deep=True)
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
                        else None},
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
    """Remove a persona; cards that referred to it lose the reference (restored on undo)."""

    def __init__(self, document: JourneyDocument, persona_id: str) -> None:
        super().__init__(document,
                         f"Delete persona “{_named(document.persona(persona_id).name)}”")
        for card in document.map.cards:
            if card.persona_id == persona_id:
                self.steps.append(SetFields(document, "card", card.id, {"persona_id": None}))
        self.steps.append(_RemovePersonaOnly(document, persona_id))


def emotion_changes(card: Card, level: int | None) -> dict[str, Any]:
    """A new emotion; the card's own word for the old one goes with it (a red face must not
    read "curious"), in the same undo step."""
    changes: dict[str, Any] = {"emotion": level}
    if card.emotion_word and level != card.emotion:
        changes["emotion_word"] = ""
    return changes


def push_for_cards(document: JourneyDocument, card_ids: list[str], field: str, value: Any,
                   text: str) -> None:
    """Set one field of several cards as one undo step (only those that differ)."""
    steps: list[QUndoCommand] = [
        SetFields(document, "card", cid,
                  emotion_changes(document.card(cid), value) if field == "emotion"
                  else {field: value})
        for cid in card_ids
        if document.has_card(cid) and getattr(document.card(cid), field) != value]
    if len(steps) == 1:
        document.push(steps[0])
    elif steps:
        document.push(Composite(document, f"{text} of {len(steps)} cards", steps))


def _copy_name(name: str) -> str:
    suffix = " (copy)"
    return name[: 200 - len(suffix)] + suffix
