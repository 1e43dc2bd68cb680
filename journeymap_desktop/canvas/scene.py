"""The journey scene: observes the document and keeps one item per card, stage and lane.

It never edits the map. Edits queue one relayout for the next turn of the event loop (however
many edits that turn made); edits of cards only re-lay out their cells
(`LayoutEngine.relayout`) and move only the items whose boxes changed. Reading `layout` does a
queued relayout at once, so code that asks where things are never sees a stale layout.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from journeymap_desktop.canvas.items.card import CardItem
from journeymap_desktop.canvas.items.corner import CornerItem
from journeymap_desktop.canvas.items.emotion_curve import EmotionCurveItem
from journeymap_desktop.canvas.items.grid import GridItem
from journeymap_desktop.canvas.items.insertion import InsertionItem
from journeymap_desktop.canvas.items.lane_header import LaneHeaderItem
from journeymap_desktop.canvas.items.stage_header import StageHeaderItem
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.engine import LayoutChange, LayoutEngine, paused_collection
from journeymap_desktop.layout.geometry import MapLayout
from journeymap_desktop.layout.text import TextMeasurer
from journeymap_desktop.layout.theme import Role
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.queries import CardFilter
from journeymap_desktop.model.views import SavedView, view_lanes_map, view_shows_card


class JourneyScene(QGraphicsScene):
    layout_changed = Signal()
    selection_ids_changed = Signal()

    def __init__(self, document: JourneyDocument, measurer: TextMeasurer | None = None,
                 *, hide_private: bool = False) -> None:
        super().__init__()
        self.document = document
        # A scene the room sees (a projector, one shared screen in a workshop) leaves out
        # cards captured privately until the facilitator reveals them.
        self.hide_private = hide_private
        self._hidden_ids: set[str] = set()  # card items hidden from this scene now
        self._laid_out_version = -1  # the document's layout_version last laid out
        self.engine = LayoutEngine(measurer or FontMeasurer(), curve_id=document.active_curve_id)
        self.engine.shown_curve_ids = frozenset(document.shown_curve_ids)
        self._layout: MapLayout = self.engine.layout(document.map)
        # Edits since the last relayout: the cards they changed, or a change of structure
        # (stages, lanes, the scale, curves, the title: lay out whole). One relayout per turn
        # of the event loop (`_queue`); `relayouts` counts them (tests, benchmarks).
        self._changed_cards: set[str] = set()
        self._structure_changed = False
        self._signalled = False  # a card or structure signal came since the last `edited`
        self.relayouts = 0
        self._queue = QTimer(self)
        self._queue.setSingleShot(True)
        self._queue.setInterval(0)
        self._queue.timeout.connect(self.flush_layout)
        self._card_items: dict[str, CardItem] = {}
        self._stage_items: dict[str, StageHeaderItem] = {}
        self._lane_items: dict[str, LaneHeaderItem] = {}
        self._curve_items: dict[str, EmotionCurveItem] = {}
        self.card_filter = CardFilter()
        self.matching: set[str] | None = None
        # The saved view applied (document.active_view): its hidden lanes collapse, cards of
        # other kinds, tags or personas are dimmed like the find filter's misses.
        self.saved_view: SavedView | None = document.active_view
        self.view_hidden: set[str] = set()
        self._collapsed: set[str] = set()  # cards in the lanes the view collapses (not shown)
        self._headers_dirty = True
        self._pinned_at = QRectF()
        self._pinned_scale = 1.0
        self.setBackgroundBrush(QBrush(QColor(theme.CANVAS_BACKGROUND)))
        self.grid_item = GridItem(self.layout)
        self.corner_item = CornerItem(self.layout)
        self.insertion = InsertionItem()
        for item in (self.grid_item, self.corner_item, self.insertion):
            self.addItem(item)
        self._connect(document)
        self._fresh: MapLayout | None = self._layout  # laid out just now: used by rebuild
        self.rebuild()
        self.selectionChanged.connect(self.selection_ids_changed)

    def _connect(self, document: JourneyDocument) -> None:
        document.reset.connect(self.rebuild)
        document.edited.connect(self._on_edited)
        document.card_added.connect(self._on_card_added)
        document.card_removed.connect(self._on_card_removed)
        document.card_changed.connect(self._on_card_changed)
        document.cards_moved.connect(self._on_cards_moved)
        for signal in (document.stage_added, document.stage_removed, document.stage_changed,
                       document.lane_added, document.lane_removed, document.lane_changed):
            signal.connect(self._mark_headers_dirty)
        document.stages_reordered.connect(self._mark_headers_dirty)
        document.lanes_reordered.connect(self._mark_headers_dirty)
        document.scale_changed.connect(self._mark_headers_dirty)
        for signal in (document.curves_changed, document.map_changed,
                       document.personas_changed, document.views_changed):
            signal.connect(self._mark_structure_changed)
        document.active_curve_changed.connect(self._on_active_curve_changed)
        document.active_view_changed.connect(self._on_active_view_changed)
        document.shown_curves_changed.connect(self.relayout)

    def _on_active_curve_changed(self) -> None:
        """Cards and the emotions lane show the active curve."""
        self.engine.curve_id = self.document.active_curve_id
        self.relayout()

    def _on_active_view_changed(self, view: SavedView | None) -> None:
        self._headers_dirty = True  # the lanes shown may change
        self.saved_view = view
        self.relayout()

    # ----- building ----------------------------------------------------------------------------
    def rebuild(self) -> None:
        """Recreate every card item (a new map was loaded)."""
        for item in self._card_items.values():
            self.removeItem(item)
        self._card_items = {}
        self._collapsed = set()
        self._hidden_ids = set()
        for card in self.document.map.cards:
            self._add_card_item(card.id)
        self._headers_dirty = True
        self.relayout()

    def _add_card_item(self, card_id: str) -> CardItem:
        item = CardItem(self.document, card_id)
        self._card_items[card_id] = item
        self.addItem(item)
        return item

    def _on_card_added(self, card_id: str) -> None:
        self._note_cards([card_id])
        if card_id not in self._card_items:
            self._add_card_item(card_id)

    def _on_card_removed(self, card_id: str) -> None:
        self._note_cards([card_id])
        item = self._card_items.pop(card_id, None)
        self._collapsed.discard(card_id)
        if item is not None:
            self.removeItem(item)

    def _on_card_changed(self, card_id: str) -> None:
        self._note_cards([card_id])
        item = self._card_items.get(card_id)
        if item is not None:
            item.update()

    def _on_cards_moved(self, card_ids: list[str]) -> None:
        self._note_cards(card_ids)

    def _note_cards(self, card_ids: list[str]) -> None:
        self._changed_cards.update(card_ids)
        self._signalled = True

    def _mark_headers_dirty(self, *_: object) -> None:
        self._headers_dirty = True
        self._mark_structure_changed()

    def _mark_structure_changed(self, *_: object) -> None:
        self._structure_changed = True
        self._signalled = True

    # ----- layout --------------------------------------------------------------------------------
    # What others read is current: a queued relayout is done first.
    @property
    def card_items(self) -> dict[str, CardItem]:
        self._current()
        return self._card_items

    @property
    def stage_items(self) -> dict[str, StageHeaderItem]:
        self._current()
        return self._stage_items

    @property
    def lane_items(self) -> dict[str, LaneHeaderItem]:
        self._current()
        return self._lane_items

    @property
    def curve_items(self) -> dict[str, EmotionCurveItem]:
        self._current()
        return self._curve_items

    def _current(self) -> None:
        if self._queue.isActive():
            self.flush_layout()

    @property
    def layout(self) -> MapLayout:
        """The map's layout as the document is now (a queued relayout is done first)."""
        if self._queue.isActive():
            self.flush_layout()
        return self._layout

    def _on_edited(self) -> None:
        # An edit of votes or rounds only (a workshop's clicks) leaves the layout as it is.
        if self.document.layout_version != self._laid_out_version:
            if not self._signalled:
                self._structure_changed = True  # an edit that named no part: lay out whole
            if not self._queue.isActive():
                self._queue.start()
        self._signalled = False

    def flush_layout(self) -> None:
        """Do the queued relayout now (the queue's timer, or someone asking for `layout`)."""
        self._queue.stop()
        if self.document.layout_version == self._laid_out_version:
            self._changed_cards.clear()
            return
        changed = None if self._structure_changed else set(self._changed_cards)
        with paused_collection():
            self._relayout(changed)

    def relayout(self) -> None:
        """Lay the whole map out again now (a new map, curve, view, or privacy)."""
        self._queue.stop()
        with paused_collection():
            self._relayout(None)

    def shown_map(self) -> JourneyMap:
        """The map this scene lays out: the document's, less private cards when it hides
        them."""
        journey = self.document.map
        if not self.hide_private or not any(card.private for card in journey.cards):
            return journey
        return journey.model_copy(update={
            "cards": [card for card in journey.cards if not card.private]})

    def set_hide_private(self, hide: bool) -> None:
        if hide != self.hide_private:
            self.hide_private = hide
            self.relayout()

    def _relayout(self, changed: set[str] | None) -> None:
        fresh, self._fresh = self._fresh, None
        """Lay out again: only the cells of the `changed` cards when that is all that changed
        and the scene shows the document's map as it is (no saved view, no hidden private
        cards); else the whole map."""
        self._laid_out_version = self.document.layout_version
        self._changed_cards.clear()
        self._structure_changed = False
        self.relayouts += 1
        # Private cards (a workshop's projector) and the lanes a saved view collapses are not
        # laid out; their items are hidden below.
        journey = view_lanes_map(self.shown_map(), self.saved_view)
        # The emotions lane draws the curves the view and the Curves menu show.
        self.engine.shown_curve_ids = frozenset(self.document.shown_curve_ids)
        if changed is not None and journey is self.document.map and not self._collapsed \
                and not self._hidden_ids:
            change = self.engine.relayout(journey, changed)
            if not change.full:
                self._apply_change(change)
                return
            layout = change.layout
        elif fresh is not None and journey is self.document.map:
            layout = fresh  # the scene was made a moment ago: its first layout is current
        else:
            layout = self.engine.layout(journey)
        self._layout = layout
        behind = {stage.stage_id: Role.stage_column(stage.colour) for stage in layout.stages}
        for (stage_id, _lane_id), card_ids in layout.cells.items():
            for card_id in card_ids:
                item = self._card_items.get(card_id)
                if item is None:
                    item = self._add_card_item(card_id)
                item.set_box(layout.cards[card_id], behind[stage_id])
        hidden = ({card_id for card_id in self._card_items if card_id not in layout.cards}
                  if journey is not self.document.map else set())
        for card_id in hidden ^ self._hidden_ids:
            if card_id in self._card_items:
                self._card_items[card_id].setVisible(card_id not in hidden)
        self._hidden_ids = hidden
        self.grid_item.set_layout(layout)
        self.corner_item.set_layout(layout)
        self._sync_headers(layout)
        self._sync_curves(layout)
        self.setSceneRect(QRectF(0, 0, layout.width, layout.height))
        if self.saved_view is not None or self._collapsed or self.view_hidden:
            self._apply_saved_view(layout)
            self.apply_filter(self.card_filter)
        elif self.matching is not None:
            self.apply_filter(self.card_filter)
        self._pinned_at = QRectF()
        self.layout_changed.emit()

    def _apply_change(self, change: LayoutChange) -> None:
        """After a relayout of some cells: move the items whose boxes changed."""
        layout = self._layout = change.layout
        behind = {stage.stage_id: Role.stage_column(stage.colour) for stage in layout.stages}
        for card_id in change.cards:
            box = layout.cards.get(card_id)
            if box is None:
                continue
            item = self._card_items.get(card_id)
            if item is None:
                item = self._add_card_item(card_id)
            item.set_box(box, behind[self.document.card(card_id).stage_id])
        if change.lanes:
            self.grid_item.set_layout(layout)
            self.corner_item.set_layout(layout)
            self._sync_headers(layout)
            self.setSceneRect(QRectF(0, 0, layout.width, layout.height))
            self._pinned_at = QRectF()
        if change.bands:
            self._sync_curves(layout)
        if self.matching is not None:
            self.apply_filter(self.card_filter)
        self.layout_changed.emit()

    def _sync_headers(self, layout: MapLayout) -> None:
        bands = {band.lane_id: band for band in layout.bands}
        if self._headers_dirty:
            selected_stages = {sid for sid, it in self._stage_items.items() if it.isSelected()}
            selected_lanes = {lid for lid, it in self._lane_items.items() if it.isSelected()}
            for item in [*self._stage_items.values(), *self._lane_items.values()]:
                self.removeItem(item)
            self._stage_items = {s.stage_id: StageHeaderItem(s) for s in layout.stages}
            self._lane_items = {lane.lane_id: LaneHeaderItem(lane, bands.get(lane.lane_id))
                               for lane in layout.lanes}
            for stage_id, stage_item in self._stage_items.items():
                self.addItem(stage_item)
                stage_item.setSelected(stage_id in selected_stages)
            for lane_id, lane_item in self._lane_items.items():
                self.addItem(lane_item)
                lane_item.setSelected(lane_id in selected_lanes)
            self._headers_dirty = False
        else:
            for stage in layout.stages:
                self._stage_items[stage.stage_id].set_box(stage)
            for lane in layout.lanes:
                self._lane_items[lane.lane_id].set_box(lane, bands.get(lane.lane_id))

    def _sync_curves(self, layout: MapLayout) -> None:
        bands = {band.lane_id: band for band in layout.bands}
        for lane_id in list(self._curve_items):
            if lane_id not in bands:
                self.removeItem(self._curve_items.pop(lane_id))
        for lane_id, band in bands.items():
            item = self._curve_items.get(lane_id)
            if item is None:
                item = EmotionCurveItem(band)
                self._curve_items[lane_id] = item
                self.addItem(item)
            else:
                item.set_band(band)

    # ----- frozen headers ----------------------------------------------------------------------
    def pin_headers(self, visible: QRectF, force: bool = False, scale: float = 1.0) -> None:
        """Keep stage headers at the top and lane headers at the left of the visible area,
        drawn `scale` times their layout size (layout.far.header_scale: a fixed size on
        screen). Shrunk, they keep to the edge of the map they head; grown, they reach out
        into the margin (the view scrolls over that much more: JourneyView.shown_rect)."""
        if visible == self._pinned_at and scale == self._pinned_scale and not force:
            return
        self._pinned_at = QRectF(visible)
        self._pinned_scale = scale
        layout = self.layout
        corner = layout.corner
        header_w, header_h = corner.w * scale, corner.h * scale
        # Where the headers rest with the map scrolled to its start: against the grid.
        rest_x, rest_y = corner.right - header_w, corner.bottom - header_h
        x = max(rest_x, min(visible.left(), layout.grid.right - header_w))
        y = max(rest_y, min(visible.top(), layout.grid.bottom - header_h))
        # Inside a tall lane or a wide stage its title slides along, so it stays in view.
        content_top = y + header_h
        content_left = x + header_w
        for stage in layout.stages:
            item = self._stage_items[stage.stage_id]
            item.set_header_scale(scale)
            item.setPos(stage.header.x, y)
            item.set_text_offset((content_left - stage.header.x) / scale)
        for lane in layout.lanes:
            lane_item = self._lane_items[lane.lane_id]
            lane_item.set_header_scale(scale)
            lane_item.setPos(x, lane.header.y)
            lane_item.set_text_offset((content_top - lane.header.y) / scale)
        self.corner_item.set_header_scale(scale)
        self.corner_item.setPos(x, y)

    # ----- selection and filter ----------------------------------------------------------------
    def selected_card_ids(self) -> list[str]:
        """Selected cards in journey order (the order they keep when moved together)."""
        order = {cid: i for i, cid in enumerate(self.card_ids_in_journey_order())}
        selected = [item.card_id for item in self.selectedItems() if isinstance(item, CardItem)]
        return sorted(selected, key=lambda cid: order.get(cid, 0))

    def card_ids_in_journey_order(self) -> list[str]:
        """Stage by stage, lane by lane, then in each cell's order."""
        return [cid for stage in self.layout.stages for lane in self.layout.lanes
                for cid in self.layout.cells.get((stage.stage_id, lane.lane_id), [])]

    def selected_stage_ids(self) -> list[str]:
        return [i.stage_id for i in self.selectedItems() if isinstance(i, StageHeaderItem)]

    def selected_lane_ids(self) -> list[str]:
        return [i.lane_id for i in self.selectedItems() if isinstance(i, LaneHeaderItem)]

    def select_only(self, items: list[QGraphicsItem]) -> None:
        blocked = self.blockSignals(True)
        try:
            for item in self.selectedItems():
                if item not in items:
                    item.setSelected(False)
            for item in items:
                item.setSelected(True)
        finally:
            self.blockSignals(blocked)
        self.selectionChanged.emit()

    def select_cards(self, card_ids: list[str]) -> None:
        self.select_only([self._card_items[cid] for cid in card_ids if cid in self._card_items])

    def apply_filter(self, card_filter: CardFilter) -> set[str] | None:
        """Dim the cards that do not match (and those the saved view leaves out); returns the
        matching ids (None: no filter)."""
        self.card_filter = card_filter
        hidden = self.view_hidden
        if card_filter.is_empty():
            self.matching = None
            for card_id, item in self._card_items.items():
                item.set_dimmed(card_id in hidden)
            return None
        journey = self.document.map
        self.matching = {card.id for card in journey.cards if card_filter.matches(card)}
        for card_id, item in self._card_items.items():
            item.set_dimmed(card_id not in self.matching or card_id in hidden)
        return self.matching

    def _apply_saved_view(self, layout: MapLayout) -> None:
        """Hide the cards of the lanes the view collapses; note those it dims."""
        view = self.saved_view
        placed = layout.cards
        collapsed = {card_id for card_id in self._card_items if card_id not in placed}
        for card_id in collapsed ^ self._collapsed:
            item = self._card_items.get(card_id)
            if item is not None:
                item.setVisible(card_id not in collapsed)
        self._collapsed = collapsed
        if view is None:
            self.view_hidden = set()
            return
        self.view_hidden = {card.id for card in self.document.map.cards
                            if not view_shows_card(view, card)}
