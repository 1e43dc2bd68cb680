"""The journey view: zoom, pan, frozen headers, and the dispatch of gestures and drops to the
active mode (canvas/modes.py)."""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QResizeEvent,
    QShowEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsView, QWidget

from journeymap_desktop import commands
from journeymap_desktop.canvas.drops import Drop, DropHandler
from journeymap_desktop.canvas.inline_editor import InlineEditor
from journeymap_desktop.canvas.interactions import Interaction
from journeymap_desktop.canvas.items.card import CardItem
from journeymap_desktop.canvas.items.lane_header import LaneHeaderItem
from journeymap_desktop.canvas.items.stage_header import StageHeaderItem
from journeymap_desktop.canvas.modes import EDIT, Mode
from journeymap_desktop.canvas.scene import JourneyScene
from journeymap_desktop.canvas.workshop import WorkshopSession
from journeymap_desktop.layout import far, theme
from journeymap_desktop.layout.geometry import DropTarget
from journeymap_desktop.layout.navigation import Direction, neighbour_card
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.map import CardKind
from journeymap_desktop.model.queries import default_card_kind, new_card

# Zoom limits (min_zoom, max_zoom): out to the zoom that fits the map, or to ZOOM_FLOOR when
# the map fits larger, but never so far that the map is under LEAST_FITTED_SHARE of its fitted
# size (no stamp in a corner); in to the zoom where one card fills the view, at most MOST_ZOOM.
ZOOM_FLOOR = 0.25
LEAST_FITTED_SHARE = 0.5
MOST_ZOOM = 4.0
ZOOM_STEP = 1.25
FAR_EDITOR_PX = 240  # the in-place editor of a card seen from afar, at least this wide
SMALLEST_VIEW = (240, 160)  # below this a view is still being laid out: no limits
_ARROWS: dict[int, Direction] = {
    Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right",
    Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down",
}


# Input that may edit the map: the scene's queued relayout is done before the next event, so
# a click right after a key press or a drop hits the cards where they now are.
_SETTLE_AFTER = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Drop, QEvent.Type.ShortcutOverride,
})


class JourneyView(QGraphicsView):
    zoom_changed = Signal(float)
    files_dropped = Signal(list)  # [Path]: files a registered format opens
    drop_refused = Signal(str)  # why dropped files were not opened, one sentence
    context_requested = Signal(object, QPointF, QPoint)
    mode_changed = Signal(str)  # the new mode's name
    leave_mode_requested = Signal()  # Esc with nothing to cancel or deselect
    pressed = Signal(object, QPointF)  # the item under a press (or None), its scene point

    def __init__(self, scene: JourneyScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.journey_scene = scene
        self.document = scene.document
        self.mode: Mode = EDIT
        self._interaction: Interaction | None = None
        self._drop_handler: DropHandler | None = None
        self.space_down = False
        self._editor: InlineEditor | None = None
        self._shown_once = False
        self._median_of: object = None  # the layout _median was taken of
        self._median = 0.0
        # The window's workshop session (round, participant, capture cell): what the
        # workshop mode's gestures and keys act through. None: this view takes no votes.
        self.workshop: WorkshopSession | None = None
        self.setObjectName("journeyView")
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setRubberBandSelectionMode(Qt.ItemSelectionMode.IntersectsItemShape)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        # A map smaller than the window (zoomed to fit) sits in the middle, under the toolbar.
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        scene.layout_changed.connect(self._on_layout_changed)
        self.update_scroll_area()

    # ----- zoom ----------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float, anchor_under_mouse: bool = False) -> None:
        zoom = max(self.min_zoom(), min(self.max_zoom(), zoom))
        if abs(zoom - self.zoom) < 1e-6:
            return
        anchor = self.transformationAnchor()
        if not anchor_under_mouse:
            self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        factor = zoom / self.zoom
        self.scale(factor, factor)
        self.setTransformationAnchor(anchor)
        self.update_scroll_area()
        self.pin_headers()
        self.zoom_changed.emit(self.zoom)

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def zoom_reset(self) -> None:
        self.set_zoom(1.0)

    def fit_to_window(self) -> None:
        rect = self.journey_scene.sceneRect()
        if rect.isEmpty():
            return
        self.set_zoom(self.fit_zoom())
        self.centerOn(self.shown_rect(self.zoom).center())
        self.pin_headers()

    # ----- zoom limits and the frozen headers' room --------------------------------------------
    def shown_rect(self, zoom: float) -> QRectF:
        """What the view scrolls over at `zoom`: the map, with its left and top strips (the
        margin and the frozen headers) at the size the headers are drawn (far.header_scale)."""
        rect = self.journey_scene.sceneRect()
        corner = self.journey_scene.layout.corner
        k = self.header_scale(zoom)
        left = corner.right - corner.right * k
        top = corner.bottom - corner.bottom * k
        return QRectF(left, top, rect.right() - left, rect.bottom() - top)

    def header_scale(self, zoom: float | None = None) -> float:
        """The frozen headers' scene units per layout unit at `zoom` (now, by default), in
        this mode's band (layout.far)."""
        return far.header_scale(self.zoom if zoom is None else zoom, self.mode.headers_most)

    def update_scroll_area(self) -> None:
        self.setSceneRect(self.shown_rect(self.zoom))

    def setTransform(self, matrix: QTransform, combine: bool = False) -> None:
        """A zoom set directly (a mode giving back the zoom it found) scrolls over the map
        with its header strips at that zoom's size too."""
        super().setTransform(matrix, combine)
        self.update_scroll_area()

    def fit_zoom(self) -> float:
        """The zoom at which the whole map, headers included, fits the view."""
        viewport = self.viewport().rect()
        if self.journey_scene.sceneRect().isEmpty() or viewport.isEmpty():
            return 1.0

        def fits(zoom: float) -> bool:
            shown = self.shown_rect(zoom)
            return shown.width() * zoom <= viewport.width() and \
                shown.height() * zoom <= viewport.height()

        low, high = 1e-4, 64.0  # what is shown grows with the zoom: halve the interval
        for _ in range(60):
            middle = math.sqrt(low * high)
            if fits(middle):
                low = middle
            else:
                high = middle
        return low

    def _median_card_height(self) -> float:
        """Of the map laid out now (kept per layout: a wheel turn asks many times)."""
        layout = self.journey_scene.layout
        if self._median_of is not layout:
            heights = sorted(box.content.height for box in layout.cards.values())
            self._median = heights[len(heights) // 2] if heights else float(
                theme.LANE_MIN_HEIGHT)
            self._median_of = layout
        return self._median

    def _too_small_to_judge(self) -> bool:
        """A view not laid out yet (a window being built): no limits but the widest."""
        viewport = self.viewport().rect()
        return viewport.width() < SMALLEST_VIEW[0] or viewport.height() < SMALLEST_VIEW[1]

    def min_zoom(self) -> float:
        if self._too_small_to_judge():
            return 0.01
        fit = self.fit_zoom()
        return max(min(fit, ZOOM_FLOOR), fit * LEAST_FITTED_SHARE)

    def max_zoom(self) -> float:
        """The zoom at which one card (of the map's median height) fills the room the frozen
        headers leave in the view; never less than min_zoom."""
        if self._too_small_to_judge():
            return MOST_ZOOM
        viewport = self.viewport().rect()
        corner = self.journey_scene.layout.corner
        headers = self.mode.headers_most
        card_h = self._median_card_height()
        fill = min((viewport.width() - corner.right * headers) / theme.CARD_WIDTH,
                   (viewport.height() - corner.bottom * headers) / card_h)
        return max(self.min_zoom(), min(MOST_ZOOM, fill))

    def scroll_to_start(self) -> None:
        """Show the map from its top-left corner, where a journey begins."""
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self.verticalScrollBar().setValue(self.verticalScrollBar().minimum())
        self.pin_headers()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.set_zoom(self.zoom * (ZOOM_STEP ** steps), anchor_under_mouse=True)
            event.accept()
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier and event.angleDelta().y():
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() - event.angleDelta().y())
            event.accept()
            return
        super().wheelEvent(event)

    # ----- frozen headers --------------------------------------------------------------------
    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def pin_headers(self) -> None:
        self.journey_scene.pin_headers(self.visible_scene_rect(),
                                       scale=self.header_scale())

    def repin_headers(self) -> None:
        """Put every header back where it belongs now (after a header drag moved one)."""
        self.journey_scene.pin_headers(self.visible_scene_rect(), force=True,
                                       scale=self.header_scale())

    def _on_layout_changed(self) -> None:
        self.update_scroll_area()
        self.pin_headers()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.pin_headers()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._shown_once:
            self.scroll_to_start()
        self.pin_headers()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.scroll_to_start()

    # ----- mouse -----------------------------------------------------------------------------
    def item_at(self, viewport_pos: QPoint) -> QGraphicsItem | None:
        """The card or header under a point (headers win: they float above cards)."""
        for item in self.items(viewport_pos):
            if isinstance(item, StageHeaderItem | LaneHeaderItem | CardItem):
                return item
        return None

    # ----- modes -----------------------------------------------------------------------------
    def set_mode(self, mode: Mode) -> None:
        """Switch the gestures and drops the canvas takes; a gesture or an in-place edit in
        progress ends first (a typed title is kept)."""
        if mode is self.mode:
            return
        self.cancel_interaction()
        self.commit_editor()
        self.mode = mode
        self.update_scroll_area()  # the headers' size may differ in this mode
        self.repin_headers()
        self.mode_changed.emit(mode.name)

    def cancel_interaction(self) -> bool:
        """Cancel the gesture in progress (Esc); False when there is none."""
        interaction, self._interaction = self._interaction, None
        if interaction is None:
            return False
        interaction.cancel()
        return True

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._interaction is not None:
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        hit = self.item_at(event.position().toPoint())
        self.pressed.emit(hit, self.mapToScene(event.position().toPoint()))
        for gesture in self.mode.gestures:
            started = gesture.press(self, event, hit)
            if started is not None:
                if not started.finished:
                    self._interaction = started
                break
        # Never QGraphicsView's own press handling: it would select and move items behind the
        # mode's back. What a press does is the gestures' say alone.
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._interaction is not None:
            self._interaction.move(event)
            if self._interaction is not None and self._interaction.finished:
                self._interaction = None  # it ended itself (a drag handed to drag and drop)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._interaction is not None:
            interaction = self._interaction
            self._interaction = None
            interaction.release(event)
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if self._interaction is not None:
            return
        hit = self.item_at(event.position().toPoint())
        for gesture in self.mode.gestures:
            if gesture.double_click(self, event, hit):
                return

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not self.mode.context_menu:
            event.accept()  # the right button is the mode's own (Workshop: a dot back)
            return
        item = self.item_at(event.pos())
        if item is not None and not item.isSelected():
            self.journey_scene.select_only([item])
        self.context_requested.emit(item, self.mapToScene(event.pos()), event.globalPos())

    def restore_cursor(self) -> None:
        if self.space_down:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.viewport().unsetCursor()

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() in _SETTLE_AFTER:
            self.journey_scene.flush_layout()
        return handled

    def viewportEvent(self, event: QEvent) -> bool:
        handled = super().viewportEvent(event)
        if event.type() in _SETTLE_AFTER:
            self.journey_scene.flush_layout()
        return handled

    # ----- keyboard --------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape:
            if self.cancel_interaction():
                return
            if self.journey_scene.selectedItems():
                self.journey_scene.clearSelection()
            else:
                self.leave_mode_requested.emit()
            return
        if self.mode.keys is not None and self.mode.keys(self, event):
            return
        if key == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_down = True
            if self._interaction is None:
                self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if key in _ARROWS and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.move_selection(_ARROWS[key])
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_selected()
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self.space_down = False
            if self._interaction is None:
                self.viewport().unsetCursor()
            return
        super().keyReleaseEvent(event)

    def move_selection(self, direction: Direction) -> None:
        scene = self.journey_scene
        selected = scene.selected_card_ids()
        layout = scene.layout
        if not selected:
            first = next((ids[0] for stage in layout.stages for lane in layout.lanes
                          if (ids := layout.cells.get((stage.stage_id, lane.lane_id)))), None)
            if first is not None:
                scene.select_cards([first])
                self.reveal_card(first)
            return
        target = neighbour_card(layout, selected[-1], direction)
        if target is not None:
            scene.select_cards([target])
            self.reveal_card(target)

    def reveal_card(self, card_id: str) -> None:
        item = self.journey_scene.card_items.get(card_id)
        if item is not None:
            self.ensureVisible(item.sceneBoundingRect(), 40, 60)

    # ----- in-place editing ------------------------------------------------------------------
    def edit_selected(self) -> None:
        selected = self.journey_scene.selectedItems()
        if len(selected) == 1:
            self.edit_item(selected[0])

    def edit_item(self, item: QGraphicsItem) -> None:
        """Edit a card's title, a stage's name or a lane's title in place (in a mode that
        edits the map)."""
        if not self.mode.edits_map:
            return
        self.commit_editor()
        document = self.document
        if isinstance(item, CardItem):
            box = self.journey_scene.layout.cards.get(item.card_id)
            if box is None or box.content.title == ():
                return
            self.reveal_card(item.card_id)
            if far.card_detail(self.zoom) == "full":
                first = box.content.title[0]
                rect = QRectF(box.rect.x + first.x - 4, box.rect.y + first.baseline - 16,
                              box.rect.w - first.x, 22)
                scale = 1.0
            else:  # the far title, set larger at the card's top; room to read what is typed
                scale = far.title_scale(self.zoom)
                pad = theme.CARD_MARKER_WIDTH * 2.0 + far.FAR_PAD
                rect = QRectF(box.rect.x + pad - 4, box.rect.y + far.FAR_PAD,
                              max(box.rect.w - pad, FAR_EDITOR_PX / self.zoom), 22 * scale)
            self._open_editor(rect, document.card(item.card_id).title, FontRole.CARD_TITLE,
                              "card", item.card_id, "title", scale)
        elif isinstance(item, StageHeaderItem):
            self.ensureVisible(item.sceneBoundingRect(), 40, 0)  # a new stage may be off-screen
            # The header's own position: it may be pinned to the top while scrolled; and its
            # own size (a fixed size on screen).
            k = item.header_scale
            self._open_editor(_inset(item.sceneBoundingRect(), 8 * k, 10 * k, 30 * k),
                              document.stage(item.stage_id).name, FontRole.STAGE, "stage",
                              item.stage_id, "name", k)
        elif isinstance(item, LaneHeaderItem):
            self.ensureVisible(item.sceneBoundingRect(), 0, 40)
            k = item.header_scale
            self._open_editor(_inset(item.sceneBoundingRect(), 6 * k, 8 * k, 28 * k),
                              document.lane(item.lane_id).name, FontRole.LANE, "lane",
                              item.lane_id, "name", k)

    def commit_editor(self) -> None:
        """Keep what is typed in an open in-place editor (before a save, a close, an undo)."""
        if self._editor is not None:
            self._editor.commit(refocus=False)

    def _open_editor(self, rect: QRectF, text: str, role: FontRole,
                     kind: commands.TargetKind, target_id: str, field: str,
                     text_scale: float = 1.0) -> None:
        def commit(new_text: str) -> None:
            self._commit_field(kind, target_id, field, new_text)

        self._editor = InlineEditor(self, rect, text, role, commit, self._editor_closed,
                                    text_scale=text_scale)

    def _editor_closed(self) -> None:
        self._editor = None

    def _commit_field(self, kind: commands.TargetKind, target_id: str, field: str,
                      text: str) -> None:
        if not text and field != "title":
            return  # stages and lanes need a name; an empty one keeps the old
        try:
            command = commands.SetFields(self.document, kind, target_id, {field: text})
        except (ValueError, StopIteration, KeyError):
            return  # the item went away while it was being edited
        if command.new != command.current_values():
            self.document.push(command)

    @property
    def editor(self) -> InlineEditor | None:
        return self._editor

    # ----- adding cards ----------------------------------------------------------------------
    def add_card(self, kind: CardKind | None, target: DropTarget, edit: bool = False) -> str:
        lane = self.document.lane(target.lane_id)
        card = new_card(new_id("card"), kind or default_card_kind(lane), target.stage_id,
                        target.lane_id)
        self.document.push(commands.AddCards(self.document, [card], target.index,
                                             text=f"Add {card.title.removeprefix('New ')}"))
        self.journey_scene.select_cards([card.id])
        self.reveal_card(card.id)
        if edit:
            self.edit_item(self.journey_scene.card_items[card.id])
        return card.id

    # ----- drops from outside ----------------------------------------------------------------
    def _drop_at(self, event: QDragMoveEvent | QDropEvent) -> Drop:
        return Drop(event.mimeData(), self.mapToScene(event.position().toPoint()),
                    event.source())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._drop_handler = self.mode.drop_handler(event.mimeData())
        if self._drop_handler is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        handler = self._drop_handler
        if handler is not None and handler.hover(self, self._drop_at(event)):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        if self._drop_handler is not None:
            self._drop_handler.leave(self)
        self._drop_handler = None
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        handler = self._drop_handler or self.mode.drop_handler(event.mimeData())
        self._drop_handler = None
        if handler is None:
            event.ignore()
            return
        drop = self._drop_at(event)
        taken = handler.hover(self, drop) and handler.drop(self, drop)
        handler.leave(self)
        if taken:
            event.acceptProposedAction()
        else:
            event.ignore()

    def drop_beside(self, event: QDragEnterEvent | QDropEvent, dropping: bool) -> bool:
        """A drag over the window around the canvas (docks, toolbar): the mode's handlers
        take it without a place on the map. True when it is (or would be) taken."""
        handler = self.mode.drop_handler(event.mimeData())
        if handler is None:
            return False
        drop = Drop(event.mimeData(), None, event.source())
        if not handler.hover(self, drop):
            return False
        return handler.drop(self, drop) if dropping else True


def _inset(box: QRectF, pad_x: float, pad_y: float, height: float) -> QRectF:
    return QRectF(box.x() + pad_x, box.y() + pad_y, box.width() - 2 * pad_x, height)
