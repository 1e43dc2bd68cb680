"""The open journey map: the only object that changes it.

Views (canvas, inspector, title bar) listen to the fine-grained signals; edits arrive through
undo commands (`commands.py`) that call the verbs below. Each verb ends by emitting `edited`
once, so observers can batch their work (one relayout per verb, however many cards it touched).

The cards, stages, lanes and personas in the map are never changed in place: an edit puts a
changed copy where the old object was. So `snapshot()` is a cheap, lasting picture of the map
(new lists holding the same objects) that the autosave serialises on another thread while the
user keeps editing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from journeymap_desktop import __version__
from journeymap_desktop.model.map import (
    Card,
    JourneyMap,
    Lane,
    LongText,
    Name,
    Persona,
    ShortText,
    Stage,
    utc_now,
)
from journeymap_desktop.model.queries import Cell
from journeymap_desktop.storage.files import FileStamp, load_map_with_stamp, save_map
from journeymap_desktop.storage.recovery import new_draft_key

Placement = tuple[str, str, int]  # (stage_id, lane_id, order)
Axis = Literal["stage", "lane"]  # stages are the map's columns, lanes its rows

_CARD_FIELDS_FIXED = frozenset({"id", "stage_id", "lane_id", "order"})
_ID_ONLY = frozenset({"id"})
_MAP_FIELD_TYPES: dict[str, TypeAdapter[Any]] = {
    "title": TypeAdapter(Name),
    "description": TypeAdapter(LongText),
    "author": TypeAdapter(ShortText),
}
_MAP_FIELDS = frozenset({"title", "description"})
_META_FIELDS = frozenset({"author"})


class JourneyDocument(QObject):
    reset = Signal()
    edited = Signal()
    map_changed = Signal()
    personas_changed = Signal()
    card_added = Signal(str)
    card_removed = Signal(str)
    card_changed = Signal(str)
    cards_moved = Signal(list)
    stage_added = Signal(str)
    stage_removed = Signal(str)
    stage_changed = Signal(str)
    stages_reordered = Signal()
    lane_added = Signal(str)
    lane_removed = Signal(str)
    lane_changed = Signal(str)
    lanes_reordered = Signal()
    path_changed = Signal()
    modified_changed = Signal(bool)

    def __init__(self, journey: JourneyMap | None = None, path: Path | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._on_clean_changed)
        self._map = journey if journey is not None else JourneyMap()
        self._path = Path(path) if path else None
        self.stamp: FileStamp | None = None
        # Its own key, whatever the file: two sessions never share (or delete) one draft.
        self.recovery_key = new_draft_key()
        self._cards: dict[str, Card] = {}
        self._card_positions: dict[str, int] | None = None  # index in map.cards, made lazily
        self._batch_depth = 0
        self._batch_pending = False
        self._reindex()

    # ----- reading -------------------------------------------------------------------------
    @property
    def map(self) -> JourneyMap:
        """The current map. Read it freely; change it only through this class's verbs."""
        return self._map

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def display_name(self) -> str:
        return self._path.name if self._path else "Untitled"

    def is_modified(self) -> bool:
        return not self.undo_stack.isClean()

    def card(self, card_id: str) -> Card:
        return self._cards[card_id]

    def has_card(self, card_id: str) -> bool:
        return card_id in self._cards

    def stage(self, stage_id: str) -> Stage:
        stage: Stage = self.header("stage", stage_id)
        return stage

    def lane(self, lane_id: str) -> Lane:
        lane: Lane = self.header("lane", lane_id)
        return lane

    def persona(self, persona_id: str) -> Persona:
        return next(p for p in self._map.personas if p.id == persona_id)

    def stage_index(self, stage_id: str) -> int:
        return self.header_index("stage", stage_id)

    def lane_index(self, lane_id: str) -> int:
        return self.header_index("lane", lane_id)

    def cell_card_ids(self, stage_id: str, lane_id: str) -> list[str]:
        in_cell = [
            (card.order, position, card.id)
            for position, card in enumerate(self._map.cards)
            if card.stage_id == stage_id and card.lane_id == lane_id
        ]
        return [card_id for _, _, card_id in sorted(in_cell)]

    def cell_placements(self, cells: Iterable[Cell]) -> dict[str, Placement]:
        """Where every card of these cells sits now: what an undo of a move restores."""
        wanted = set(cells)
        return {
            card.id: (card.stage_id, card.lane_id, card.order)
            for card in self._map.cards
            if (card.stage_id, card.lane_id) in wanted
        }

    # ----- files ---------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, parent: QObject | None = None) -> JourneyDocument:
        """Load a file; raises storage.LoadError with a one-line message."""
        journey, stamp = load_map_with_stamp(Path(path))
        document = cls(journey, Path(path), parent)
        document.stamp = stamp
        return document

    def save(self, path: Path | None = None, *, overwrite_read_only: bool = False) -> None:
        """Save atomically to `path` (or the current path); raises storage.SaveError, and
        storage.ReadOnlyError for a read-only file unless `overwrite_read_only`."""
        target = Path(path) if path else self._path
        if target is None:
            raise ValueError("no file name to save to")
        meta = self._map.meta
        previous = (meta.modified, meta.app_version)
        meta.modified = utc_now()
        meta.app_version = __version__
        try:
            self.stamp = save_map(self._map, target, overwrite_read_only=overwrite_read_only)
        except Exception:
            meta.modified, meta.app_version = previous
            raise
        if target != self._path:
            self._path = target
            self.path_changed.emit()
        self.undo_stack.setClean()

    def mark_unsaved(self) -> None:
        """For restored drafts: there is work that is not in any file yet."""
        self.undo_stack.resetClean()
        self.modified_changed.emit(True)

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    def replace_map(self, journey: JourneyMap) -> None:
        self._map = journey
        self._reindex()
        self.undo_stack.clear()
        self.reset.emit()
        self._edited()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group several verbs: observers get one `edited` at the end instead of one each."""
        self._batch_depth += 1
        try:
            yield
        finally:
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._batch_pending:
                self._batch_pending = False
                self.edited.emit()

    def _edited(self) -> None:
        if self._batch_depth:
            self._batch_pending = True
        else:
            self.edited.emit()

    def _on_clean_changed(self, clean: bool) -> None:
        self.modified_changed.emit(not clean)

    def _reindex(self) -> None:
        self._cards = {card.id: card for card in self._map.cards}
        self._card_positions = None

    def snapshot(self) -> JourneyMap:
        """The map as it is now, unaffected by later edits (they replace objects, never change
        them): new lists of the same objects and a copy of the small top-level parts. About a
        millisecond for 100,000 cards; safe to read on another thread."""
        journey = self._map
        return journey.model_copy(update={
            "cards": list(journey.cards), "stages": list(journey.stages),
            "lanes": list(journey.lanes), "personas": list(journey.personas),
            "meta": journey.meta.model_copy(),
        })

    def _replace_card(self, new: Card) -> None:
        """Put `new` where the card with its id is, in the list and the index."""
        if self._card_positions is None:
            self._card_positions = {card.id: i for i, card in enumerate(self._map.cards)}
        self._map.cards[self._card_positions[new.id]] = new
        self._cards[new.id] = new

    def _place_card(self, card_id: str, stage_id: str, lane_id: str, order: int) -> None:
        card = self._cards[card_id]
        if (card.stage_id, card.lane_id, card.order) != (stage_id, lane_id, order):
            self._replace_card(card.model_copy(
                update={"stage_id": stage_id, "lane_id": lane_id, "order": order}))

    # ----- map -----------------------------------------------------------------------------
    def set_map_fields(self, **changes: Any) -> dict[str, Any]:
        unknown = set(changes) - _MAP_FIELDS - _META_FIELDS
        if unknown:
            raise ValueError(f"not map fields: {sorted(unknown)}")
        self.check_map_fields(**changes)
        old: dict[str, Any] = {}
        for name, value in changes.items():
            target: Any = self._map.meta if name in _META_FIELDS else self._map
            old[name] = getattr(target, name)
            setattr(target, name, value)
        self.map_changed.emit()
        self._edited()
        return old

    def check_map_fields(self, **changes: Any) -> None:
        for name, value in changes.items():
            try:
                _MAP_FIELD_TYPES[name].validate_python(value, strict=True)
            except ValidationError as error:
                raise ValueError(f"{name}: {_first_message(error)}") from None

    # ----- personas ------------------------------------------------------------------------
    def insert_persona(self, persona: Persona, index: int) -> None:
        if any(p.id == persona.id for p in self._map.personas):
            raise ValueError(f'a persona with id "{persona.id}" exists already')
        self._map.personas.insert(index, persona)
        self.personas_changed.emit()
        self._edited()

    def remove_persona(self, persona_id: str) -> tuple[Persona, int]:
        index = next(i for i, p in enumerate(self._map.personas) if p.id == persona_id)
        persona = self._map.personas.pop(index)
        self.personas_changed.emit()
        self._edited()
        return persona, index

    def set_persona_fields(self, persona_id: str, **changes: Any) -> dict[str, Any]:
        persona = self.persona(persona_id)
        validated = _validated(Persona, persona, changes, fixed=_ID_ONLY)
        old = _replace_in(self._map.personas, persona, validated, changes)
        self.personas_changed.emit()
        self._edited()
        return old

    # ----- stages and lanes: the map's two axes --------------------------------------------
    def headers(self, axis: Axis) -> list[Any]:
        """The stages (columns) or the lanes (rows), in order."""
        return self._map.stages if axis == "stage" else self._map.lanes

    def header(self, axis: Axis, header_id: str) -> Any:
        return next(item for item in self.headers(axis) if item.id == header_id)

    def header_index(self, axis: Axis, header_id: str) -> int:
        return next(i for i, item in enumerate(self.headers(axis)) if item.id == header_id)

    def has_header(self, axis: Axis, header_id: str) -> bool:
        return any(item.id == header_id for item in self.headers(axis))

    def insert_header(self, axis: Axis, item: Stage | Lane, index: int) -> None:
        if self.has_header(axis, item.id):
            raise ValueError(f'a {axis} with id "{item.id}" exists already')
        self.headers(axis).insert(index, item)
        (self.stage_added if axis == "stage" else self.lane_added).emit(item.id)
        self._edited()

    def remove_header(self, axis: Axis, header_id: str) -> tuple[Any, int]:
        if any(getattr(card, f"{axis}_id") == header_id for card in self._map.cards):
            raise ValueError(f"remove the {axis}'s cards first")
        index = self.header_index(axis, header_id)
        item = self.headers(axis).pop(index)
        (self.stage_removed if axis == "stage" else self.lane_removed).emit(header_id)
        self._edited()
        return item, index

    def move_header(self, axis: Axis, header_id: str, index: int) -> int:
        items = self.headers(axis)
        old_index = self.header_index(axis, header_id)
        items.insert(index, items.pop(old_index))
        (self.stages_reordered if axis == "stage" else self.lanes_reordered).emit()
        self._edited()
        return old_index

    def set_header_fields(self, axis: Axis, header_id: str, **changes: Any) -> dict[str, Any]:
        item = self.header(axis, header_id)
        validated = _validated(type(item), item, changes, fixed=_ID_ONLY)
        old = _replace_in(self.headers(axis), item, validated, changes)
        (self.stage_changed if axis == "stage" else self.lane_changed).emit(header_id)
        self._edited()
        return old

    def insert_stage(self, stage: Stage, index: int) -> None:
        self.insert_header("stage", stage, index)

    def remove_stage(self, stage_id: str) -> tuple[Stage, int]:
        return self.remove_header("stage", stage_id)

    def move_stage(self, stage_id: str, index: int) -> int:
        return self.move_header("stage", stage_id, index)

    def set_stage_fields(self, stage_id: str, **changes: Any) -> dict[str, Any]:
        return self.set_header_fields("stage", stage_id, **changes)

    def insert_lane(self, lane: Lane, index: int) -> None:
        self.insert_header("lane", lane, index)

    def remove_lane(self, lane_id: str) -> tuple[Lane, int]:
        return self.remove_header("lane", lane_id)

    def move_lane(self, lane_id: str, index: int) -> int:
        return self.move_header("lane", lane_id, index)

    def set_lane_fields(self, lane_id: str, **changes: Any) -> dict[str, Any]:
        return self.set_header_fields("lane", lane_id, **changes)

    # ----- cards ---------------------------------------------------------------------------
    def insert_cards(self, cards: list[Card], index: int | None = None) -> None:
        """Add cards. With `index`, they go together at that position of their (one) cell;
        without, each keeps the `order` it carries (how an undo puts removed cards back)."""
        for card in cards:
            if card.id in self._cards:
                raise ValueError(f'a card with id "{card.id}" exists already')
            self._check_cell(card.stage_id, card.lane_id)
            self._check_persona_reference(card.persona_id)
        if index is not None and cards:
            cell = (cards[0].stage_id, cards[0].lane_id)
            existing = self.cell_card_ids(*cell)
        for card in cards:
            if self._card_positions is not None:
                self._card_positions[card.id] = len(self._map.cards)
            self._map.cards.append(card)
            self._cards[card.id] = card
        if index is not None and cards:
            index = max(0, min(index, len(existing)))
            ordered = existing[:index] + [c.id for c in cards] + existing[index:]
            for order, card_id in enumerate(ordered):
                self._place_card(card_id, cell[0], cell[1], order)
        for card in cards:
            self.card_added.emit(card.id)
        self._edited()

    def remove_cards(self, card_ids: Iterable[str]) -> list[tuple[int, Card]]:
        """Remove cards; returns each with its position in the file's card list, so that
        `restore_cards` can put them back exactly (same file, same diff)."""
        doomed = set(card_ids)
        removed = [(i, card) for i, card in enumerate(self._map.cards) if card.id in doomed]
        self._map.cards[:] = [card for card in self._map.cards if card.id not in doomed]
        self._card_positions = None
        for _, card in removed:
            del self._cards[card.id]
            self.card_removed.emit(card.id)
        self._edited()
        return removed

    def restore_cards(self, removed: list[tuple[int, Card]]) -> None:
        """Undo of `remove_cards`: the cards return to their list positions and placements."""
        for position, card in sorted(removed, key=lambda entry: entry[0]):
            if card.id in self._cards:
                raise ValueError(f'a card with id "{card.id}" exists already')
            self._map.cards.insert(position, card)
            self._cards[card.id] = card
        self._card_positions = None
        for _, card in removed:
            self.card_added.emit(card.id)
        self._edited()

    def set_card_fields(self, card_id: str, **changes: Any) -> dict[str, Any]:
        card = self._cards[card_id]
        validated = self._validated_card(card, changes)
        old = {name: getattr(card, name) for name in changes}
        self._replace_card(validated)
        self.card_changed.emit(card_id)
        self._edited()
        return old

    def check_card_fields(self, card_id: str, **changes: Any) -> None:
        """Raises ValueError with a readable reason when these values are not allowed."""
        self._validated_card(self._cards[card_id], changes)

    def _validated_card(self, card: Card, changes: dict[str, Any]) -> Card:
        validated: Card = _validated(Card, card, changes, fixed=_CARD_FIELDS_FIXED)
        if "persona_id" in changes:
            self._check_persona_reference(validated.persona_id)
        return validated

    def _check_persona_reference(self, persona_id: str | None) -> None:
        if persona_id is not None and not any(p.id == persona_id for p in self._map.personas):
            raise ValueError(f'persona_id: unknown persona "{persona_id}"')

    def check_fields(self, kind: str, target_id: str, changes: dict[str, Any]) -> None:
        """Would `set_<kind>_fields(target_id, **changes)` be accepted? ValueError if not."""
        if kind == "map":
            unknown = set(changes) - _MAP_FIELDS - _META_FIELDS
            if unknown:
                raise ValueError(f"not map fields: {sorted(unknown)}")
            self.check_map_fields(**changes)
        elif kind == "card":
            self.check_card_fields(target_id, **changes)
        elif kind == "stage":
            _validated(Stage, self.stage(target_id), changes, fixed=_ID_ONLY)
        elif kind == "lane":
            _validated(Lane, self.lane(target_id), changes, fixed=_ID_ONLY)
        elif kind == "persona":
            _validated(Persona, self.persona(target_id), changes, fixed=_ID_ONLY)
        else:
            raise ValueError(f"nothing of kind {kind!r} has fields")

    def move_cards(self, card_ids: list[str], stage_id: str, lane_id: str, index: int) -> None:
        """Move cards, keeping their relative order, to `index` of a cell. `index` counts the
        target cell's cards as they are before the move (so dropping between two cards works
        the same whether the moved cards came from this cell or another)."""
        self._check_cell(stage_id, lane_id)
        moving = [cid for cid in card_ids if cid in self._cards]
        if not moving:
            return
        ordered = self._planned_order(moving, stage_id, lane_id, index)
        source_cells = {(self._cards[c].stage_id, self._cards[c].lane_id) for c in moving}
        for order, cid in enumerate(ordered):
            self._place_card(cid, stage_id, lane_id, order)
        for cell in source_cells - {(stage_id, lane_id)}:
            for order, cid in enumerate(self.cell_card_ids(*cell)):
                self._place_card(cid, cell[0], cell[1], order)
        self.cards_moved.emit(list(moving))
        self._edited()

    def _planned_order(self, moving: list[str], stage_id: str, lane_id: str,
                       index: int) -> list[str]:
        moving_set = set(moving)
        target_before = self.cell_card_ids(stage_id, lane_id)
        insert_at = sum(1 for cid in target_before[:index] if cid not in moving_set)
        remaining = [cid for cid in target_before if cid not in moving_set]
        return remaining[:insert_at] + moving + remaining[insert_at:]

    def move_would_change(self, card_ids: list[str], stage_id: str, lane_id: str,
                          index: int) -> bool:
        """False when dropping these cards here would leave every card where it is."""
        moving = [cid for cid in card_ids if cid in self._cards]
        if not moving:
            return False
        if any((self._cards[c].stage_id, self._cards[c].lane_id) != (stage_id, lane_id)
               for c in moving):
            return True
        planned = self._planned_order(moving, stage_id, lane_id, index)
        return planned != self.cell_card_ids(stage_id, lane_id)

    def apply_placements(self, placements: dict[str, Placement]) -> None:
        """Put cards exactly where `placements` says (the undo/redo of moves)."""
        changed = []
        for cid, (stage_id, lane_id, order) in placements.items():
            card = self._cards.get(cid)
            if card is None:
                continue
            if (card.stage_id, card.lane_id, card.order) != (stage_id, lane_id, order):
                self._place_card(cid, stage_id, lane_id, order)
                changed.append(cid)
        self.cards_moved.emit(changed)
        self._edited()

    def _check_cell(self, stage_id: str, lane_id: str) -> None:
        if not any(s.id == stage_id for s in self._map.stages):
            raise ValueError(f'unknown stage "{stage_id}"')
        if not any(lane.id == lane_id for lane in self._map.lanes):
            raise ValueError(f'unknown lane "{lane_id}"')


def _replace_in(items: list[Any], target: Any, validated: Any,
                changes: dict[str, Any]) -> dict[str, Any]:
    """Put the validated copy where `target` is in `items` (objects in the map are replaced,
    never changed); returns the old values (what an undo puts back)."""
    old = {name: getattr(target, name) for name in changes}
    index = next(i for i, item in enumerate(items) if item is target)
    items[index] = validated
    return old


def _first_message(error: ValidationError) -> str:
    item = error.errors(include_url=False)[0]
    field = ".".join(str(part) for part in item.get("loc", ()))
    reason = str(item.get("msg", "invalid value"))
    return f"{field}: {reason}" if field else reason


def _validated(model: type[Any], current: Any, changes: dict[str, Any],
               fixed: frozenset[str] = frozenset()) -> Any:
    unknown = set(changes) - set(model.model_fields)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    if fixed & set(changes):
        # Ids and placement are what references and undo rely on: not field edits.
        names = sorted(fixed & set(changes))
        if model is Card:
            raise ValueError(f"use move_cards to change {names}")
        raise ValueError(f"cannot be changed by a field edit: {names}")
    try:
        return model.model_validate({**current.model_dump(), **changes})
    except ValidationError as error:
        raise ValueError(_first_message(error)) from None
