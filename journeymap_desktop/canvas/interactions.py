"""Mouse gestures as small objects with press / move / release / cancel.

A mode (canvas/modes.py) is an ordered tuple of interaction classes. On a mouse press the view
offers the press to each class of the active mode in turn (`press`, a class method, returns the
gesture it starts or None), and the first gesture started owns the mouse: the view forwards the
moves and the release to it, and Esc calls its `cancel()`. A double click is offered the same
way (`double_click`). A drag moves items directly while the mouse moves and pushes exactly one
undo command on release; the relayout that follows snaps everything into place.

Writing a gesture: subclass `Interaction`, return an instance from `press` only for the presses
it wants (button, modifiers, what `hit` is), keep `move` cheap (it runs per mouse move), and
leave the scene as it found it in `cancel`. Then list the class in the modes that offer it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import QApplication, QGraphicsItem, QGraphicsView

from journeymap_desktop import commands
from journeymap_desktop.canvas.items.card import Z_CARD, Z_DRAGGED, CardItem
from journeymap_desktop.canvas.items.lane_header import LaneHeaderItem
from journeymap_desktop.canvas.items.stage_header import StageHeaderItem
from journeymap_desktop.canvas.mime import cards_to_mime

if TYPE_CHECKING:
    from journeymap_desktop.canvas.view import JourneyView

_AUTOSCROLL_MARGIN = 28
_AUTOSCROLL_STEP = 18
_DRAGGED_OPACITY = 0.85
_LEFT = Qt.MouseButton.LeftButton
_SELECTING = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.MetaModifier
_EXTENDING = Qt.KeyboardModifier.ShiftModifier


class Interaction:
    """One gesture, from the press that starts it to its release or cancel."""

    def __init__(self, view: JourneyView) -> None:
        self.view = view
        self.scene = view.journey_scene
        self.document = view.journey_scene.document
        self.finished = False

    @classmethod
    def press(cls, view: JourneyView, event: QMouseEvent,
              hit: QGraphicsItem | None) -> Interaction | None:
        """The gesture this press starts, or None to leave it to the mode's next class.
        `hit` is the card or header under the pointer (view.item_at), or None. A gesture
        that is over at once (a click that only selects) returns itself finished."""
        return None

    @classmethod
    def double_click(cls, view: JourneyView, event: QMouseEvent,
                     hit: QGraphicsItem | None) -> bool:
        """Handle a double click; True when this class took it."""
        return False

    def move(self, event: QMouseEvent) -> None: ...

    def release(self, event: QMouseEvent) -> None:
        self.finished = True

    def cancel(self) -> None:
        self.finished = True


def _moved_far_enough(press: QPoint, event: QMouseEvent) -> bool:
    return (event.position().toPoint() - press).manhattanLength() >= \
        QApplication.startDragDistance()


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
    """Press on a card: click selects; drag moves the selected cards to another place. Dragged
    out of the window, the cards become a drag-and-drop copy for another window."""

    @classmethod
    def press(cls, view: JourneyView, event: QMouseEvent,
              hit: QGraphicsItem | None) -> Interaction | None:
        if event.button() == _LEFT and isinstance(hit, CardItem):
            return cls(view, hit, event)
        return None

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
        if self._outside_window(event):
            self._drag_out()
            return
        self.autoscroll.update(position)
        self._drag_to(self.view.mapToScene(position))

    def _outside_window(self, event: QMouseEvent) -> bool:
        """Past the edge of the window (not only of the canvas, where the drag scrolls)."""
        window = self.view.window()
        return not window.frameGeometry().contains(event.globalPosition().toPoint())

    def _drag_out(self) -> None:
        """Put the cards back and hand copies of them to a drag and drop, which another
        window (or this one, where it becomes a move) takes through its drop handlers."""
        self.finished = True
        self.autoscroll.stop()
        self._finish_visuals()
        self._restore_positions()
        cards = [self.document.card(card_id) for card_id in self.card_ids]
        self.start_external_drag(cards_to_mime(cards))

    def start_external_drag(self, data: object) -> None:
        drag = QDrag(self.view.viewport())
        drag.setMimeData(data)  # type: ignore[arg-type]
        drag.exec(Qt.DropAction.CopyAction)

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
    header_type: type[StageHeaderItem | LaneHeaderItem] = StageHeaderItem

    @classmethod
    def press(cls, view: JourneyView, event: QMouseEvent,
              hit: QGraphicsItem | None) -> Interaction | None:
        if event.button() == _LEFT and isinstance(hit, cls.header_type):
            return cls(view, hit, event)
        return None

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
            # Above every other header and opaque: its words never mix with a neighbour's
            # as it passes over them.
            self.item.setZValue(self.item.zValue() + 100)
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
    header_type = StageHeaderItem

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
    header_type = LaneHeaderItem

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

    @classmethod
    def press(cls, view: JourneyView, event: QMouseEvent,
              hit: QGraphicsItem | None) -> Interaction | None:
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == _LEFT and view.space_down):
            return cls(view, event)
        return None

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


class SelectAndPan(Pan):
    """Present mode's press on a card or header: a click selects it (Ctrl toggles, Shift
    adds), a drag moves the view, never the map."""

    @classmethod
    def press(cls, view: JourneyView, event: QMouseEvent,
              hit: QGraphicsItem | None) -> Interaction | None:
        if event.button() != _LEFT or hit is None:
            return None
        modifiers = event.modifiers()
        if modifiers & _SELECTING:
            hit.setSelected(not hit.isSelected())
        elif modifiers & _EXTENDING:
            hit.setSelected(True)
        elif not hit.isSelected():
            view.journey_scene.select_only([hit])
        gesture = cls(view, event)
        gesture.hit = hit
        gesture.keep_others = bool(modifiers & (_SELECTING | _EXTENDING))
        return gesture

    def __init__(self, view: JourneyView, event: QMouseEvent) -> None:
        super().__init__(view, event)
        self.press_view = event.position().toPoint()
        self.panning = False
        self.hit: QGraphicsItem | None = None
        self.keep_others = False
        view.restore_cursor()  # a plain click shows no grabbing hand

    def move(self, event: QMouseEvent) -> None:
        if not self.panning:
            if not _moved_far_enough(self.press_view, event):
                return
            self.panning = True
            self.view.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        super().move(event)

    def release(self, event: QMouseEvent) -> None:
        super().release(event)
        if not self.panning and not self.keep_others and self.hit is not None:
            self.scene.select_only([self.hit])


class ContextClick(Interaction):
    """A right press selects what it is on (unless that is already part of the selection),
    so the context menu that follows acts on it."""

    @classmethod
    def press(cls, view: JourneyView, event: QMouseEvent,
              hit: QGraphicsItem | None) -> Interaction | None:
        if event.button() != Qt.MouseButton.RightButton:
            return None
        if hit is not None and not hit.isSelected():
            view.journey_scene.select_only([hit])
        gesture = cls(view)
        gesture.finished = True
        return gesture


class RubberBand(Interaction):
    """A left drag from empty canvas selects the cards it touches (Ctrl or Shift adds to the
    selection). Drawn by QGraphicsView's own rubber band; Esc puts the selection back."""

    @classmethod
    def press(cls, view: JourneyView, event: QMouseEvent,
              hit: QGraphicsItem | None) -> Interaction | None:
        if event.button() != _LEFT or hit is not None:
            return None
        return cls(view, event)

    def __init__(self, view: JourneyView, event: QMouseEvent) -> None:
        super().__init__(view)
        self.before = list(self.scene.selectedItems())
        self.press_position = event.position()
        if not event.modifiers() & (Qt.KeyboardModifier.ControlModifier | _EXTENDING):
            self.scene.clearSelection()
        QGraphicsView.mousePressEvent(view, event)

    def move(self, event: QMouseEvent) -> None:
        QGraphicsView.mouseMoveEvent(self.view, event)

    def release(self, event: QMouseEvent) -> None:
        self.finished = True
        QGraphicsView.mouseReleaseEvent(self.view, event)
        self._drop_headers_from_mixed_selection()

    def cancel(self) -> None:
        self.finished = True
        # End Qt's rubber band where it began (an empty band), then restore the selection.
        QGraphicsView.mouseReleaseEvent(self.view, QMouseEvent(
            QMouseEvent.Type.MouseButtonRelease, self.press_position,
            self.view.viewport().mapToGlobal(self.press_position), _LEFT,
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
        self.scene.select_only(self.before)

    def _drop_headers_from_mixed_selection(self) -> None:
        """A rubber band over cards should not also select the headers it grazes."""
        selected = self.scene.selectedItems()
        if any(isinstance(i, CardItem) for i in selected):
            for item in selected:
                if not isinstance(item, CardItem):
                    item.setSelected(False)


class EditInPlace(Interaction):
    """Double click: on a card or header, edit its title in place; on an empty cell, add a
    card there and edit its title."""

    @classmethod
    def double_click(cls, view: JourneyView, event: QMouseEvent,
                     hit: QGraphicsItem | None) -> bool:
        if event.button() != _LEFT:
            return False
        if hit is not None:
            view.edit_item(hit)
            return True
        scene_pos = view.mapToScene(event.position().toPoint())
        target = view.journey_scene.layout.drop_target(scene_pos.x(), scene_pos.y())
        if target is not None:
            view.add_card(None, target, edit=True)
        return True
