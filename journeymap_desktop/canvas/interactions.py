"""Mouse gestures as small objects with press / move / release / cancel.

The view forwards its mouse events to the active gesture and calls `cancel()` on Esc. A drag
moves items directly while the mouse moves and pushes exactly one undo command on release;
the relayout that follows snaps everything into place.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from journeymap_desktop import commands
from journeymap_desktop.canvas.items.card import Z_CARD, Z_DRAGGED, CardItem
from journeymap_desktop.canvas.items.lane_header import LaneHeaderItem
from journeymap_desktop.canvas.items.stage_header import StageHeaderItem

if TYPE_CHECKING:
    from journeymap_desktop.canvas.view import JourneyView

_AUTOSCROLL_MARGIN = 28
_AUTOSCROLL_STEP = 18
_DRAGGED_OPACITY = 0.85


class Interaction:
    def __init__(self, view: JourneyView) -> None:
        self.view = view
        self.scene = view.journey_scene
        self.document = view.journey_scene.document
        self.finished = False

    def move(self, event: QMouseEvent) -> None: ...

    def release(self, event: QMouseEvent) -> None:
        self.finished = True

    def cancel(self) -> None:
        self.finished = True


class _AutoScroll:
    """Scrolls the view while the pointer rests near its edge during a drag."""

    def __init__(self, view: JourneyView, on_scroll: Callable[[QPointF], None]) -> None:
        self.view = view
        self.on_scroll = on_scroll
        self.timer = QTimer()
        self.timer.setInterval(30)
        self.timer.timeout.connect(self._tick)
        self.pos = QPoint()

    def update(self, viewport_pos: QPoint) -> None:
        self.pos = viewport_pos
        if self._direction() != (0, 0):
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()

    def _direction(self) -> tuple[int, int]:
        rect = self.view.viewport().rect()
        dx = -1 if self.pos.x() < _AUTOSCROLL_MARGIN else (
            1 if self.pos.x() > rect.width() - _AUTOSCROLL_MARGIN else 0)
        dy = -1 if self.pos.y() < _AUTOSCROLL_MARGIN else (
            1 if self.pos.y() > rect.height() - _AUTOSCROLL_MARGIN else 0)
        return dx, dy

    def _tick(self) -> None:
        dx, dy = self._direction()
        if (dx, dy) == (0, 0):
            self.timer.stop()
            return
        horizontal = self.view.horizontalScrollBar()
        vertical = self.view.verticalScrollBar()
        horizontal.setValue(horizontal.value() + dx * _AUTOSCROLL_STEP)
        vertical.setValue(vertical.value() + dy * _AUTOSCROLL_STEP)
        self.on_scroll(self.view.mapToScene(self.pos))

    def stop(self) -> None:
        self.timer.stop()


class CardDrag(Interaction):
    """Press on a card: click selects; drag moves the selected cards to another place."""

    def __init__(self, view: JourneyView, item: CardItem, event: QMouseEvent) -> None:
        super().__init__(view)
        self.item = item
        self.press_scene = view.mapToScene(event.position().toPoint())
        self.press_view = event.position().toPoint()
        self.started = False
        self.origins: dict[CardItem, QPointF] = {}
        self.card_ids: list[str] = []
        self.autoscroll = _AutoScroll(view, self._drag_to)
        modifiers = event.modifiers()
        self.toggle = bool(modifiers & (Qt.KeyboardModifier.ControlModifier
                                        | Qt.KeyboardModifier.MetaModifier))
        self.extend = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        if self.toggle:
            item.setSelected(not item.isSelected())
        elif self.extend:
            item.setSelected(True)
        elif not item.isSelected():
            self.scene.select_only([item])

    def move(self, event: QMouseEvent) -> None:
        position = event.position().toPoint()
        if not self.started:
            if (position - self.press_view).manhattanLength() < QApplication.startDragDistance():
                return
            if not self.item.isSelected():
                return  # ctrl-click that deselected the card: nothing to drag
            self._start()
        self.autoscroll.update(position)
        self._drag_to(self.view.mapToScene(position))

    def _start(self) -> None:
        self.started = True
        self.card_ids = self.scene.selected_card_ids()
        for card_id in self.card_ids:
            item = self.scene.card_items[card_id]
            self.origins[item] = item.pos()
            item.setZValue(Z_DRAGGED)
            item.setOpacity(_DRAGGED_OPACITY)
        self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def _drag_to(self, scene_pos: QPointF) -> None:
        delta = scene_pos - self.press_scene
        for item, origin in self.origins.items():
            item.setPos(origin + delta)
        target = self.scene.layout.drop_target(scene_pos.x(), scene_pos.y())
        if target is None:
            self.scene.insertion.hide()
        else:
            self.scene.insertion.show_line(*target.indicator)

    def release(self, event: QMouseEvent) -> None:
        self.finished = True
        self.autoscroll.stop()
        if not self.started:
            if not (self.toggle or self.extend):
                self.scene.select_only([self.item])
            return
        scene_pos = self.view.mapToScene(event.position().toPoint())
        target = self.scene.layout.drop_target(scene_pos.x(), scene_pos.y())
        self._finish_visuals()
        if target is not None and self.document.move_would_change(
                self.card_ids, target.stage_id, target.lane_id, target.index):
            self.document.push(commands.MoveCards(
                self.document, self.card_ids, target.stage_id, target.lane_id, target.index))
        else:
            self._restore_positions()

    def cancel(self) -> None:
        self.finished = True
        self.autoscroll.stop()
        if self.started:
            self._finish_visuals()
            self._restore_positions()

    def _finish_visuals(self) -> None:
        self.scene.insertion.hide()
        for item in self.origins:
            item.setZValue(Z_CARD)
            item.setOpacity(1.0)
        self.view.viewport().unsetCursor()

    def _restore_positions(self) -> None:
        for item, origin in self.origins.items():
            item.setPos(origin)


class _HeaderDrag(Interaction):
    """Shared by stage and lane header drags: a ghost header follows the pointer along one
    axis and an insertion line shows where it will land."""

    horizontal = True

    def __init__(self, view: JourneyView, item: StageHeaderItem | LaneHeaderItem,
                 event: QMouseEvent) -> None:
        super().__init__(view)
        self.item = item
        self.press_scene = view.mapToScene(event.position().toPoint())
        self.press_view = event.position().toPoint()
        self.origin = item.pos()
        self.started = False
        self.autoscroll = _AutoScroll(view, self._drag_to)
        if not (event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.scene.select_only([item])
        else:
            item.setSelected(not item.isSelected())

    def move(self, event: QMouseEvent) -> None:
        position = event.position().toPoint()
        if not self.started:
            if (position - self.press_view).manhattanLength() < QApplication.startDragDistance():
                return
            self.started = True
            self.item.setZValue(self.item.zValue() + 100)
            self.item.setOpacity(_DRAGGED_OPACITY)
            self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        self.autoscroll.update(position)
        self._drag_to(self.view.mapToScene(position))

    def _drag_to(self, scene_pos: QPointF) -> None:
        delta = scene_pos - self.press_scene
        if self.horizontal:
            self.item.setPos(self.origin.x() + delta.x(), self.origin.y())
        else:
            self.item.setPos(self.origin.x(), self.origin.y() + delta.y())
        self._show_insertion(scene_pos)

    def _show_insertion(self, scene_pos: QPointF) -> None:
        raise NotImplementedError

    def _new_index(self, scene_pos: QPointF) -> tuple[int, int]:
        """(current index, index after the move)"""
        raise NotImplementedError

    def _push(self, new_index: int) -> None:
        raise NotImplementedError

    def release(self, event: QMouseEvent) -> None:
        self.finished = True
        self.autoscroll.stop()
        if not self.started:
            return
        scene_pos = self.view.mapToScene(event.position().toPoint())
        current, new_index = self._new_index(scene_pos)
        self._finish_visuals()
        if new_index != current:
            self._push(new_index)
        else:
            self.view.repin_headers()

    def cancel(self) -> None:
        self.finished = True
        self.autoscroll.stop()
        if self.started:
            self._finish_visuals()
            self.view.repin_headers()

    def _finish_visuals(self) -> None:
        self.scene.insertion.hide()
        self.item.setZValue(self.item.zValue() - 100)
        self.item.setOpacity(1.0)
        self.view.viewport().unsetCursor()


class StageDrag(_HeaderDrag):
    horizontal = True

    def _show_insertion(self, scene_pos: QPointF) -> None:
        layout = self.scene.layout
        slot = layout.stage_insert_index(scene_pos.x())
        stages = layout.stages
        x = stages[slot].header.x if slot < len(stages) else stages[-1].header.right
        self.scene.insertion.show_line(x, layout.grid.y, x, layout.grid.bottom)

    def _new_index(self, scene_pos: QPointF) -> tuple[int, int]:
        assert isinstance(self.item, StageHeaderItem)
        current = self.document.stage_index(self.item.stage_id)
        slot = self.scene.layout.stage_insert_index(scene_pos.x())
        return current, slot - 1 if slot > current else slot

    def _push(self, new_index: int) -> None:
        assert isinstance(self.item, StageHeaderItem)
        self.document.push(commands.MoveStage(self.document, self.item.stage_id, new_index))


class LaneDrag(_HeaderDrag):
    horizontal = False

    def _show_insertion(self, scene_pos: QPointF) -> None:
        layout = self.scene.layout
        slot = layout.lane_insert_index(scene_pos.y())
        lanes = layout.lanes
        y = lanes[slot].row.y if slot < len(lanes) else lanes[-1].row.bottom
        self.scene.insertion.show_line(layout.corner.x, y, layout.grid.right, y)

    def _new_index(self, scene_pos: QPointF) -> tuple[int, int]:
        assert isinstance(self.item, LaneHeaderItem)
        current = self.document.lane_index(self.item.lane_id)
        slot = self.scene.layout.lane_insert_index(scene_pos.y())
        return current, slot - 1 if slot > current else slot

    def _push(self, new_index: int) -> None:
        assert isinstance(self.item, LaneHeaderItem)
        self.document.push(commands.MoveLane(self.document, self.item.lane_id, new_index))


class Pan(Interaction):
    """Middle-drag, or space + drag: move the view like a sheet of paper."""

    def __init__(self, view: JourneyView, event: QMouseEvent) -> None:
        super().__init__(view)
        self.last = event.position().toPoint()
        view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)

    def move(self, event: QMouseEvent) -> None:
        position = event.position().toPoint()
        delta = position - self.last
        self.last = position
        horizontal = self.view.horizontalScrollBar()
        vertical = self.view.verticalScrollBar()
        horizontal.setValue(horizontal.value() - delta.x())
        vertical.setValue(vertical.value() - delta.y())

    def release(self, event: QMouseEvent) -> None:
        self.finished = True
        self.view.restore_cursor()

    def cancel(self) -> None:
        self.finished = True
        self.view.restore_cursor()
