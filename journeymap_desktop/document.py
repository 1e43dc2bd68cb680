"""The open journey map: the only object that changes it.

Views (canvas, inspector, title bar) listen to the fine-grained signals; edits arrive through
undo commands (`commands.py`) that call the verbs below. Each verb ends by emitting `edited`
once, so observers can batch their work (one relayout per verb, however many cards it touched).

The cards, stages, lanes, personas, curves, views, the scale and the workshop in the map are
never changed in place: an edit puts a validated copy where the old object was. So
`snapshot()` is a cheap, lasting picture of the map (new lists holding the same objects) that
the autosave serialises on another thread while the user keeps editing, and every object a map
holds has passed validation (what lets the save check only how objects fit together).

Which emotion curve the editor shows and edits (the keys 1-5, the inspector's faces) is view
state, kept here and not in the file: `active_curve_id`, `set_active_curve`,
`active_curve_changed`. So is the saved view the map is looked at through (the toolbar's
chooser, presentation mode, the matrix): `active_view`, `set_active_view`,
`active_view_changed(view or None)`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import TypeAdapter, ValidationError
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from journeymap_desktop import __version__
from journeymap_desktop.model.emotion import (
    Distribution,
    EmotionCurve,
    EmotionScale,
    EmotionValue,
)
from journeymap_desktop.model.evidence import Evidence
from journeymap_desktop.model.integrity import (
    Problem,
    card_problems,
    curve_problems,
    view_problems,
    workshop_problems,
)
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
from journeymap_desktop.model.priority import Priority
from journeymap_desktop.model.queries import Cell
from journeymap_desktop.model.scales import moved_value, rescaled
from journeymap_desktop.model.views import SavedView, view_curves
from journeymap_desktop.model.workshop import (
    MAX_TIMER_EVENTS,
    Participant,
    TimerEvent,
    VotingRound,
    Workshop,
    round_by_id,
    round_index,
    vote_refusal,
    votes_on,
    with_vote,
)
from journeymap_desktop.storage.files import FileStamp, load_map_with_stamp, save_map
from journeymap_desktop.storage.recovery import new_draft_key

Placement = tuple[str, str, int]  # (stage_id, lane_id, order)
Axis = Literal["stage", "lane"]  # stages are the map's columns, lanes its rows
ReferenceKind = Literal["stage", "lane", "persona", "card"]

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
    # Journey depth (format version 2).
    scale_changed = Signal()
    curves_changed = Signal()
    views_changed = Signal()
    workshop_changed = Signal()
    active_curve_changed = Signal()
    active_view_changed = Signal(object)  # the SavedView now applied, or None for all
    shown_curves_changed = Signal()  # a curve hidden or shown again (the Curves menu)

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
        # Counts the edits that may change how the map is laid out (all but the workshop's).
        self.layout_version = 0
        # The last field edit checked and its result (target, changes, validated object):
        # a command checks its edit before it becomes an undo step, and its first redo
        # applies that result rather than validating again. Any edit forgets it.
        self._last_checked: tuple[Any, dict[str, Any], Any] | None = None
        self._active_curve_id: str | None = None
        self._active_view_id: str | None = None
        self._shown_view: SavedView | None = None  # what active_view_changed said last
        self._hidden_curve_ids: set[str] = set()  # curves switched off in the Curves menu
        self._reindex()
        self.views_changed.connect(self._after_views_changed)
        self.reset.connect(self._after_views_changed)

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
        self.active_curve_changed.emit()

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

    def _checked_once(self, target: Any, changes: dict[str, Any],
                      validate: Callable[[], Any]) -> Any:
        """`validate()` for a field edit of `target`, unless this very edit of this very
        object (objects are replaced on every change, never changed in place) was just
        checked: then the result of that check."""
        last = self._last_checked
        if last is not None and last[0] is target and last[1] == changes:
            return last[2]
        validated = validate()
        self._last_checked = (target, dict(changes), validated)
        return validated

    def _edited(self, *, layout: bool = True) -> None:
        self._last_checked = None
        # Votes, rounds and the timer's log change nothing the map's layout shows
        # (`layout=False`): the canvas can skip its relayout for them (layout_version).
        if layout:
            self.layout_version += 1
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
            "curves": list(journey.curves), "views": list(journey.views),
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
        """Remove a persona nothing refers to any more (see commands.RemovePersona, which
        first lets go of its cards, curves and views)."""
        if any(c.persona_id == persona_id for c in self._map.curves):
            raise ValueError("remove the persona's curves first")
        self._check_unreferenced("persona", {persona_id})
        index = next(i for i, p in enumerate(self._map.personas) if p.id == persona_id)
        persona = self._map.personas.pop(index)
        self.personas_changed.emit()
        self._edited()
        return persona, index

    def set_persona_fields(self, persona_id: str, **changes: Any) -> dict[str, Any]:
        persona = self.persona(persona_id)
        validated = self._checked_once(persona, changes, lambda: _validated(
            Persona, persona, changes, fixed=_ID_ONLY))
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
        self._check_unreferenced(axis, {header_id})
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
        validated = self._checked_once(item, changes, lambda: _validated(
            type(item), item, changes, fixed=_ID_ONLY))
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
            if card.emotions or card.evidence:
                _refuse(card_problems(self._map, card))
            self._check_source_key(card)
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
        self._check_unreferenced("card", doomed)
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
        validated: Card = self._checked_once(card, changes,
                                             lambda: self._card_checked(card, changes))
        return validated

    def _card_checked(self, card: Card, changes: dict[str, Any]) -> Card:
        validated: Card = _validated(Card, card, changes, fixed=_CARD_FIELDS_FIXED)
        if "persona_id" in changes:
            self._check_persona_reference(validated.persona_id)
        if changes.keys() & {"emotions", "evidence"}:
            _refuse(card_problems(self._map, validated))
        if "source_key" in changes:
            self._check_source_key(validated)
        return validated

    def _check_source_key(self, card: Card) -> None:
        if card.source_key is not None and any(
                other.source_key == card.source_key and other.id != card.id
                for other in self._map.cards):
            raise ValueError(f'source_key: another card has the key "{card.source_key}"')

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
        elif kind in ("stage", "lane", "persona"):
            target = (self.persona(target_id) if kind == "persona"
                      else self.header(kind, target_id))  # type: ignore[arg-type]
            self._checked_once(target, changes, lambda: _validated(
                type(target), target, changes, fixed=_ID_ONLY))
        elif kind == "curve":
            self._validated_curve(target_id, changes)
        elif kind == "view":
            self._validated_view(target_id, changes)
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

    # ----- journey depth: references between parts ---------------------------------------------
    def references_to(self, kind: ReferenceKind, ids: set[str]) -> bool:
        """Whether saved views or workshop rounds name any of these stages, lanes, personas
        or cards."""
        journey = self._map
        if kind in ("lane", "persona"):
            field = "lane_ids" if kind == "lane" else "persona_ids"
            if any(ids & set(getattr(view, field)) for view in journey.views):
                return True
        for voting_round in journey.workshop.rounds:
            scope = voting_round.scope
            if kind == "lane" and ids & set(scope.lane_ids):
                return True
            if kind == "stage" and ids & set(scope.stage_ids):
                return True
            if kind == "card" and (ids & set(scope.card_ids) or any(
                    vote.card_id in ids for vote in voting_round.votes)):
                return True
        return False

    def _check_unreferenced(self, kind: ReferenceKind, ids: set[str]) -> None:
        if self.references_to(kind, ids):
            raise ValueError(f"saved views or voting rounds still name this {kind}: "
                             "let go of them first (strip_references)")

    def strip_references(self, kind: ReferenceKind, ids: set[str]) -> ReferenceBackup | None:
        """Let saved views and voting rounds forget these stages, lanes, personas or cards
        (and the votes on those cards), before they are removed. Returns what
        `restore_references` puts back, or None when nothing named them. A filter that named
        only removed things becomes empty, i.e. shows everything again."""
        if not self.references_to(kind, ids):
            return None
        journey = self._map
        backup = ReferenceBackup(list(journey.views), journey.workshop)
        if kind in ("lane", "persona"):
            field = "lane_ids" if kind == "lane" else "persona_ids"
            journey.views = [
                view.model_copy(update={field: [i for i in getattr(view, field)
                                                if i not in ids]})
                if ids & set(getattr(view, field)) else view
                for view in journey.views]
        rounds = []
        for voting_round in journey.workshop.rounds:
            scope = voting_round.scope
            scope_field = {"lane": "lane_ids", "stage": "stage_ids", "card": "card_ids"}.get(kind)
            if scope_field is not None:
                scope = scope.model_copy(update={
                    scope_field: [i for i in getattr(scope, scope_field) if i not in ids]})
            votes = voting_round.votes
            if kind == "card":
                votes = [vote for vote in votes if vote.card_id not in ids]
            rounds.append(voting_round.model_copy(update={"scope": scope, "votes": votes}))
        journey.workshop = journey.workshop.model_copy(update={"rounds": rounds})
        self.views_changed.emit()
        self.workshop_changed.emit()
        self._edited()
        return backup

    def restore_references(self, backup: ReferenceBackup | None) -> None:
        """Undo of `strip_references`."""
        if backup is None:
            return
        self._map.views = list(backup.views)
        self._map.workshop = backup.workshop
        self.views_changed.emit()
        self.workshop_changed.emit()
        self._edited()

    # ----- journey depth: the scale --------------------------------------------------------
    def set_scale(self, scale: EmotionScale) -> ScaleChange:
        """Put the map on another scale. Every value and distribution moves with it, to the
        same place between the lowest and highest level (a value on a level lands on the
        nearest level of the new scale), so nothing falls off the scale; words and
        evidence stay. Returns what `restore_scale` needs to undo it."""
        scale = EmotionScale.model_validate(scale.model_dump())
        old_scale = self._map.scale
        changed: dict[str, Card] = {}
        if (scale.min, scale.max) != (old_scale.min, old_scale.max):
            for card in self._map.cards:
                if card.emotions:
                    emotions = {curve_id: _value_rescaled(value, old_scale, scale)
                                for curve_id, value in card.emotions.items()}
                    changed[card.id] = card
                    self._replace_card(card.model_copy(update={"emotions": emotions}))
        self._map.scale = scale
        for card_id in changed:
            self.card_changed.emit(card_id)
        self.scale_changed.emit()
        self._edited()
        return ScaleChange(old_scale, changed)

    def restore_scale(self, change: ScaleChange) -> None:
        # The cards first: the map checks its values against the scale it is given.
        for card in change.cards.values():
            self._replace_card(card)
        self._map.scale = change.scale
        for card in change.cards.values():
            self.card_changed.emit(card.id)
        self.scale_changed.emit()
        self._edited()

    # ----- journey depth: curves -----------------------------------------------------------
    @property
    def active_curve_id(self) -> str | None:
        """The curve the editor shows and edits: the one chosen, else the map's first; None
        for a map without curves."""
        curves = self._map.curves
        if any(c.id == self._active_curve_id for c in curves):
            return self._active_curve_id
        return curves[0].id if curves else None

    def set_active_curve(self, curve_id: str | None) -> None:
        """Choose the curve the editor shows and edits (not an edit of the map: no undo)."""
        if curve_id is not None and not any(c.id == curve_id for c in self._map.curves):
            raise ValueError(f'unknown curve "{curve_id}"')
        before = self.active_curve_id
        self._active_curve_id = curve_id
        if self.active_curve_id != before:
            self.active_curve_changed.emit()

    def curve(self, curve_id: str) -> EmotionCurve:
        return next(c for c in self._map.curves if c.id == curve_id)

    def curve_index(self, curve_id: str) -> int:
        return next(i for i, c in enumerate(self._map.curves) if c.id == curve_id)

    def _after_curves_changed(self, active_before: str | None) -> None:
        self.curves_changed.emit()
        self._edited()
        if self.active_curve_id != active_before:
            self.active_curve_changed.emit()

    def check_new_curve(self, curve: EmotionCurve, index: int) -> list[EmotionCurve]:
        """The curves with this one added at `index`; ValueError if that is not allowed (an
        id used already, a second as-is curve of the same persona, an unknown persona)."""
        curves = list(self._map.curves)
        curves.insert(index, curve)
        _refuse(curve_problems(self._map.model_copy(update={"curves": curves})))
        return curves

    def insert_curve(self, curve: EmotionCurve, index: int) -> None:
        curve = EmotionCurve.model_validate(curve.model_dump())
        curves = self.check_new_curve(curve, index)
        active = self.active_curve_id
        self._map.curves = curves
        self._after_curves_changed(active)

    def remove_curve(self, curve_id: str) -> RemovedCurve:
        """Remove a curve and every card's value on it; returns what `restore_curve` puts
        back."""
        index = self.curve_index(curve_id)
        cards: dict[str, Card] = {}
        with self.batch():
            for card in self._map.cards:
                if card.emotions and curve_id in card.emotions:
                    cards[card.id] = card
                    emotions = {k: v for k, v in card.emotions.items() if k != curve_id}
                    self._replace_card(card.model_copy(update={"emotions": emotions}))
                    self.card_changed.emit(card.id)
            active = self.active_curve_id
            curve = self._map.curves.pop(index)
            self._after_curves_changed(active)
        return RemovedCurve(curve, index, cards)

    def restore_curve(self, removed: RemovedCurve) -> None:
        """Undo of `remove_curve`: the curve at its place, its cards as they were."""
        with self.batch():
            self.insert_curve(removed.curve, removed.index)
            for card in removed.cards.values():
                self._replace_card(card)
                self.card_changed.emit(card.id)

    def move_curve(self, curve_id: str, index: int) -> int:
        """Reorder the curves (the first is shown when nothing else is chosen); returns the
        old index."""
        old_index = self.curve_index(curve_id)
        curves = self._map.curves
        curves.insert(index, curves.pop(old_index))
        self._after_curves_changed(self.active_curve_id)
        return old_index

    def set_curve_fields(self, curve_id: str, **changes: Any) -> dict[str, Any]:
        """Rename a curve, or give it another persona or scenario."""
        curve = self.curve(curve_id)
        validated = self._validated_curve(curve_id, changes)
        old = _replace_in(self._map.curves, curve, validated, changes)
        self._after_curves_changed(self.active_curve_id)
        return old

    def _validated_curve(self, curve_id: str, changes: dict[str, Any]) -> EmotionCurve:
        curve = self.curve(curve_id)
        validated: EmotionCurve = self._checked_once(
            curve, changes, lambda: self._curve_checked(curve, changes))
        return validated

    def _curve_checked(self, curve: EmotionCurve, changes: dict[str, Any]) -> EmotionCurve:
        curve_id = curve.id
        validated: EmotionCurve = _validated(EmotionCurve, curve, changes, fixed=_ID_ONLY)
        curves = [validated if c.id == curve_id else c for c in self._map.curves]
        _refuse(curve_problems(self._map.model_copy(update={"curves": curves})))
        return validated

    # ----- journey depth: a card's values, evidence and priority ----------------------------
    def set_card_emotion(self, card_id: str, curve_id: str,
                         value: EmotionValue | None) -> EmotionValue | None:
        """Set (or, with None, clear) a card's value on a curve: the level, the word and the
        distribution behind it. Returns the old value."""
        card = self._cards[card_id]
        if not any(c.id == curve_id for c in self._map.curves):
            raise ValueError(f'unknown curve "{curve_id}"')
        old = card.emotions.get(curve_id)
        self.set_card_fields(card_id, emotions=self.emotions_with(card, curve_id, value))
        return old

    def emotions_with(self, card: Card, curve_id: str,
                      value: EmotionValue | None) -> dict[str, EmotionValue]:
        """The card's values with one set (or cleared): a changed value keeps its place, a
        new one goes where its curve is in the map's order."""
        if value is None:
            return {k: v for k, v in card.emotions.items() if k != curve_id}
        if curve_id in card.emotions:
            return {k: (value if k == curve_id else v) for k, v in card.emotions.items()}
        order = {c.id: i for i, c in enumerate(self._map.curves)}
        emotions = [*card.emotions.items(), (curve_id, value)]
        emotions.sort(key=lambda item: order.get(item[0], len(order)))
        return dict(emotions)

    def evidence_item(self, card_id: str, evidence_id: str) -> Evidence:
        return next(e for e in self._cards[card_id].evidence if e.id == evidence_id)

    def insert_evidence(self, card_id: str, item: Evidence, index: int | None = None) -> None:
        """Add a quote, survey figure, metric or file link to a card (at the end, or at
        `index`). Its id must be new on the card."""
        evidence = list(self._cards[card_id].evidence)
        evidence.insert(len(evidence) if index is None else index, item)
        self.set_card_fields(card_id, evidence=evidence)

    def remove_evidence(self, card_id: str, evidence_id: str) -> tuple[Evidence, int]:
        evidence = list(self._cards[card_id].evidence)
        index = next(i for i, e in enumerate(evidence) if e.id == evidence_id)
        item = evidence.pop(index)
        self.set_card_fields(card_id, evidence=evidence)
        return item, index

    def replace_evidence(self, card_id: str, item: Evidence) -> Evidence:
        """Put an edited evidence item in place of the one with its id; returns the old."""
        evidence = list(self._cards[card_id].evidence)
        index = next(i for i, e in enumerate(evidence) if e.id == item.id)
        old = evidence[index]
        evidence[index] = item
        self.set_card_fields(card_id, evidence=evidence)
        return old

    def set_card_priority(self, card_id: str, priority: Priority | None) -> Priority | None:
        """Set a card's scores (None: not scored); returns the old ones."""
        old = self._cards[card_id].priority
        self.set_card_fields(card_id, priority=priority)
        return old

    # ----- journey depth: saved views ------------------------------------------------------
    def view(self, view_id: str) -> SavedView:
        return next(v for v in self._map.views if v.id == view_id)

    def check_new_view(self, view: SavedView, index: int | None = None) -> list[SavedView]:
        """The views with this one added; ValueError if that is not allowed (an id or a name
        used already, an unknown persona or lane)."""
        views = list(self._map.views)
        views.insert(len(views) if index is None else index, view)
        _refuse(view_problems(self._map.model_copy(update={"views": views})))
        return views

    def insert_view(self, view: SavedView, index: int | None = None) -> None:
        view = SavedView.model_validate(view.model_dump())
        self._map.views = self.check_new_view(view, index)
        self.views_changed.emit()
        self._edited()

    def remove_view(self, view_id: str) -> tuple[SavedView, int]:
        index = next(i for i, v in enumerate(self._map.views) if v.id == view_id)
        view = self._map.views.pop(index)
        self.views_changed.emit()
        self._edited()
        return view, index

    def set_view_fields(self, view_id: str, **changes: Any) -> dict[str, Any]:
        view = self.view(view_id)
        validated = self._validated_view(view_id, changes)
        old = _replace_in(self._map.views, view, validated, changes)
        self.views_changed.emit()
        self._edited()
        return old

    def _validated_view(self, view_id: str, changes: dict[str, Any]) -> SavedView:
        view = self.view(view_id)
        validated: SavedView = self._checked_once(
            view, changes, lambda: self._view_checked(view, changes))
        return validated

    def _view_checked(self, view: SavedView, changes: dict[str, Any]) -> SavedView:
        view_id = view.id
        validated: SavedView = _validated(SavedView, view, changes, fixed=_ID_ONLY)
        views = [validated if v.id == view_id else v for v in self._map.views]
        _refuse(view_problems(self._map.model_copy(update={"views": views})))
        return validated

    # ----- journey depth: the workshop -------------------------------------------------------
    def set_workshop(self, workshop: Workshop) -> Workshop:
        """Replace the workshop's participants, rounds and timer log (workshop mode builds
        the new one); returns the old."""
        workshop = Workshop.model_validate(workshop.model_dump())
        _refuse(workshop_problems(self._map.model_copy(update={"workshop": workshop})))
        old = self._map.workshop
        self._map.workshop = workshop
        self.workshop_changed.emit()
        self._edited(layout=False)
        return old

    # ----- the saved view applied (view state, not in the file) -----------------------------
    @property
    def active_view(self) -> SavedView | None:
        """The saved view the map is looked at through; None: everything ("All")."""
        if self._active_view_id is None:
            return None
        return next((v for v in self._map.views if v.id == self._active_view_id), None)

    def set_active_view(self, view_id: str | None) -> None:
        """Look at the map through a saved view (None: all of it). Not an edit: no undo."""
        if view_id is not None and not any(v.id == view_id for v in self._map.views):
            raise ValueError(f'unknown view "{view_id}"')
        self._active_view_id = view_id
        self._after_views_changed()

    # ----- curves shown (view state, like the active curve and view) --------------------------
    def curve_hidden(self, curve_id: str) -> bool:
        """Whether the curve is switched off in the Curves menu (whatever the view)."""
        return curve_id in self._hidden_curve_ids

    def set_curve_hidden(self, curve_id: str, hidden: bool) -> None:
        """Switch a curve off or on in the emotions lane (not an edit: no undo). The active
        curve is always drawn, hidden or not."""
        if not any(c.id == curve_id for c in self._map.curves):
            raise ValueError(f'unknown curve "{curve_id}"')
        if hidden == (curve_id in self._hidden_curve_ids):
            return
        if hidden:
            self._hidden_curve_ids.add(curve_id)
        else:
            self._hidden_curve_ids.discard(curve_id)
        self.shown_curves_changed.emit()

    @property
    def shown_curve_ids(self) -> list[str]:
        """The curves the emotions lane draws, in the map's order: those the saved view
        shows (all without one), less those switched off, and always the active curve."""
        view = self.active_view
        curves = view_curves(self._map, view) if view is not None else self._map.curves
        active = self.active_curve_id
        shown = {c.id for c in curves if c.id not in self._hidden_curve_ids}
        return [c.id for c in self._map.curves if c.id in shown or c.id == active]

    def _after_views_changed(self) -> None:
        """Say so when the view applied changed: chosen, edited, renamed, or deleted (which
        goes back to all)."""
        view = self.active_view
        if view is None:
            self._active_view_id = None
        if view != self._shown_view:
            self._shown_view = view
            self.active_view_changed.emit(view)
    # The verbs below change one part of the workshop (a vote, a round, the participants, the
    # timer's log): each puts a new Workshop object with new lists in the map (nothing is
    # changed in place, so a snapshot being autosaved stays as it was), and undoing a vote
    # never touches the timer's log or another round.
    def voting_round(self, round_id: str) -> VotingRound:
        found = round_by_id(self._map.workshop, round_id)
        if found is None:
            raise ValueError(f'unknown voting round "{round_id}"')
        return found

    def _put_workshop(self, workshop: Workshop) -> None:
        self._map.workshop = workshop
        self.workshop_changed.emit()
        self._edited(layout=False)

    def _put_round(self, voting_round: VotingRound) -> None:
        workshop = self._map.workshop
        rounds = [voting_round if r.id == voting_round.id else r for r in workshop.rounds]
        self._put_workshop(workshop.model_copy(update={"rounds": rounds}))

    def _checked_workshop(self, workshop: Workshop) -> Workshop:
        """`workshop` if the map would be whole with it (ValueError naming the first problem
        if not)."""
        _refuse(workshop_problems(self._map.model_copy(update={"workshop": workshop})))
        return workshop

    def set_participants(self, participants: list[Participant]) -> list[Participant]:
        """Put this list of participants in the workshop (add late joiners, rename); every
        participant a round names must stay. Returns the old list."""
        participants = [Participant.model_validate(p.model_dump()) for p in participants]
        workshop = self._map.workshop
        new = self._checked_workshop(workshop.model_copy(update={
            "participants": participants}))
        self._put_workshop(new)
        return list(workshop.participants)

    def check_new_round(self, voting_round: VotingRound,
                        participants: list[Participant]) -> None:
        """ValueError (a reason) unless the round, with these new participants, fits the map
        (an id used already, an unknown card or lane in its scope, ...)."""
        workshop = self._map.workshop
        self._checked_workshop(workshop.model_copy(update={
            "participants": [*workshop.participants, *participants],
            "rounds": [*workshop.rounds, voting_round]}))

    def insert_round(self, voting_round: VotingRound, index: int | None = None) -> None:
        """Add a voting round (at the end, or at `index`); its participants must exist."""
        voting_round = VotingRound.model_validate(voting_round.model_dump())
        workshop = self._map.workshop
        rounds = list(workshop.rounds)
        rounds.insert(len(rounds) if index is None else index, voting_round)
        self._put_workshop(self._checked_workshop(workshop.model_copy(
            update={"rounds": rounds})))

    def remove_round(self, round_id: str) -> RemovedRound:
        """Remove a round with its votes; the timer's log keeps its entries, no longer tied
        to the round. Returns what `restore_round` puts back."""
        workshop = self._map.workshop
        index = round_index(workshop, round_id)
        rounds = list(workshop.rounds)
        removed = rounds.pop(index)
        untied = [i for i, e in enumerate(workshop.timer_log) if e.round_id == round_id]
        log = [e.model_copy(update={"round_id": None}) if e.round_id == round_id else e
               for e in workshop.timer_log]
        self._put_workshop(workshop.model_copy(update={"rounds": rounds, "timer_log": log}))
        return RemovedRound(removed, index, tuple(untied))

    def restore_round(self, removed: RemovedRound) -> None:
        """Undo of `remove_round`: the round at its place, the timer's entries tied again."""
        self.insert_round(removed.voting_round, removed.index)
        workshop = self._map.workshop
        log = list(workshop.timer_log)
        for i in removed.timer_entries:
            if i < len(log) and log[i].round_id is None:
                log[i] = log[i].model_copy(update={"round_id": removed.voting_round.id})
        self._put_workshop(workshop.model_copy(update={"timer_log": log}))

    def set_round_fields(self, round_id: str, **changes: Any) -> dict[str, Any]:
        """Change a round: its name, scope, budget, cap, participants, anonymity, state,
        reveal, who is done, when it opened or closed. Returns the old values."""
        current = self.voting_round(round_id)
        validated = self.check_round_fields(round_id, changes)
        self._put_round(validated)
        return {name: getattr(current, name) for name in changes}

    def check_round_fields(self, round_id: str, changes: dict[str, Any]) -> VotingRound:
        """The round with these changes; ValueError (a reason) if they are not allowed (a
        budget below what someone spent, a participant who voted leaving, ...)."""
        if "votes" in changes:
            raise ValueError("use set_vote to change votes")
        current = self.voting_round(round_id)
        validated: VotingRound = _validated(VotingRound, current, changes, fixed=_ID_ONLY)
        self._checked_workshop(self._map.workshop.model_copy(update={"rounds": [
            validated if r.id == round_id else r for r in self._map.workshop.rounds]}))
        return validated

    def check_vote(self, round_id: str, participant_id: str, card_id: str,
                   count: int) -> str | None:
        """Why this participant may not have `count` dots on this card (a sentence), or
        None."""
        return vote_refusal(self._map, self.voting_round(round_id), participant_id, card_id,
                            count)

    def set_vote(self, round_id: str, participant_id: str, card_id: str, count: int,
                 *, checked: bool = True) -> int:
        """Give a participant `count` dots on a card in a round (0 takes them all back);
        returns how many they had. Refused (ValueError) past the budget or the cap, outside
        the round's scope, or when the round is not open; `checked=False` only for undo,
        which puts back what was there."""
        voting_round = self.voting_round(round_id)
        if checked:
            refusal = vote_refusal(self._map, voting_round, participant_id, card_id, count)
            if refusal is not None:
                raise ValueError(refusal)
        elif count < 0 or count > voting_round.budget:
            raise ValueError(f"{count} dots are outside the round's budget")
        old = votes_on(voting_round, card_id, participant_id)
        if old != count:
            votes = with_vote(voting_round, participant_id, card_id, count)
            self._put_round(voting_round.model_copy(update={"votes": votes}))
        return old

    def log_timer(self, event: TimerEvent) -> None:
        """Add an entry to the timer's log. Not an undo step (undoing a vote must not take
        the clock back): the map is marked unsaved until the next save instead."""
        event = TimerEvent.model_validate(event.model_dump())
        workshop = self._map.workshop
        if event.round_id is not None and round_by_id(workshop, event.round_id) is None:
            raise ValueError(f'unknown voting round "{event.round_id}"')
        if len(workshop.timer_log) >= MAX_TIMER_EVENTS:
            return  # a log this long says all it can; the timer itself goes on
        self._put_workshop(workshop.model_copy(update={
            "timer_log": [*workshop.timer_log, event]}))
        self.mark_unsaved()


@dataclass(frozen=True)
class ReferenceBackup:
    """What saved views and voting rounds were before `strip_references`."""

    views: list[SavedView]
    workshop: Workshop


@dataclass(frozen=True)
class RemovedRound:
    """What `remove_round` took away: the round, where it was, and which entries of the timer's
    log named it."""

    voting_round: VotingRound
    index: int
    timer_entries: tuple[int, ...]


@dataclass(frozen=True)
class ScaleChange:
    """What `set_scale` replaced: the old scale and the cards as they were."""

    scale: EmotionScale
    cards: dict[str, Card]


@dataclass(frozen=True)
class RemovedCurve:
    curve: EmotionCurve
    index: int
    cards: dict[str, Card]  # the cards that had a value on it, as they were


def _value_rescaled(value: EmotionValue, old: EmotionScale, new: EmotionScale) -> EmotionValue:
    level = moved_value(value.value, old, new)
    spread = value.evidence
    if spread is not None:
        def move(figure: float | None) -> float | None:
            return None if figure is None else round(rescaled(figure, old, new), 3)
        spread = Distribution.model_validate({
            **spread.model_dump(), "mean": move(spread.mean), "median": move(spread.median),
            "q1": move(spread.q1), "q3": move(spread.q3), "low": move(spread.low),
            "high": move(spread.high)})
    return EmotionValue.model_validate({**value.model_dump(), "value": float(level),
                                        "evidence": spread})


def _refuse(problems: list[Problem]) -> None:
    """Raise the first problem as a ValueError, its path relative to the edited object."""
    if problems:
        first = problems[0]
        path = first.path.removeprefix("card.").removeprefix("card")
        raise ValueError(f"{path}: {first.message}" if path else first.message)


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
