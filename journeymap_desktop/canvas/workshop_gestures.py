"""Workshop mode's gestures and keys: voting and capture, never layout.

    click a card             one more of the current participant's dots on it
    Shift/Ctrl/Alt+click,    one dot fewer
      right click
    double click             two dots (two clicks, however fast)
    click an empty cell      capture writes there next
    drag                     moves the view (never a card)

    Space, +, =, Enter       one more dot on the selected card (arrows choose the card)
    -, Backspace, Delete     one dot fewer
    1-9                      who is voting: the round's participant number n
    any other letter         starts a note in the capture line (`session.typed`)

They act through the view's workshop session (canvas/workshop.py); a view without one (a
projector's) takes no votes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QGraphicsItem

from journeymap_desktop.canvas.interactions import Interaction, Pan, _moved_far_enough
from journeymap_desktop.canvas.items.card import CardItem

if TYPE_CHECKING:
    from journeymap_desktop.canvas.view import JourneyView

_LEFT = Qt.MouseButton.LeftButton
_TAKING_BACK = (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
                | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier)
_ADD_KEYS = {Qt.Key.Key_Space, Qt.Key.Key_Plus, Qt.Key.Key_Equal, Qt.Key.Key_Return,
             Qt.Key.Key_Enter}
_TAKE_KEYS = {Qt.Key.Key_Minus, Qt.Key.Key_Backspace, Qt.Key.Key_Delete}
_DIGITS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 10)}


class VoteClick(Pan):
    """A press on a card or an empty cell: on release without moving, a dot (or one back) or
    the capture cell; moved past the drag distance, it pans the view instead."""

    @classmethod
    def press(cls, view: JourneyView, event: QMouseEvent,
              hit: QGraphicsItem | None) -> Interaction | None:
        session = view.workshop
        if session is None:
            return None
        if event.button() == Qt.MouseButton.RightButton and isinstance(hit, CardItem):
            view.journey_scene.select_only([hit])
            session.cast(hit.card_id, -1)
            gesture = cls(view, event)
            gesture.finished = True
            return gesture
        if event.button() != _LEFT:
            return None
        gesture = cls(view, event)
        gesture.hit = hit
        gesture.taking_back = bool(event.modifiers() & _TAKING_BACK)
        return gesture

    @classmethod
    def double_click(cls, view: JourneyView, event: QMouseEvent,
                     hit: QGraphicsItem | None) -> bool:
        # Qt turns a quick second click into a double click: it is one more dot all the same.
        session = view.workshop
        if session is None or not isinstance(hit, CardItem) or event.button() != _LEFT:
            return False
        session.cast(hit.card_id, -1 if event.modifiers() & _TAKING_BACK else 1)
        return True

    def __init__(self, view: JourneyView, event: QMouseEvent) -> None:
        super().__init__(view, event)
        self.press_view = event.position().toPoint()
        self.panning = False
        self.hit: QGraphicsItem | None = None
        self.taking_back = False
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
        session = self.view.workshop
        if self.panning or session is None:
            return
        if isinstance(self.hit, CardItem):
            self.scene.select_only([self.hit])
            session.cast(self.hit.card_id, -1 if self.taking_back else 1)
            return
        point = self.view.mapToScene(self.press_view)
        layout = self.scene.layout
        stage = layout.stage_at(point.x())
        lane = layout.lane_at(point.y())
        if stage is not None and lane is not None:
            session.set_cell(stage.stage_id, lane.lane_id)


def workshop_keys(view: JourneyView, event: QKeyEvent) -> bool:
    """Voting by keys on the selected card; digits choose who votes. True when taken."""
    session = view.workshop
    if session is None:
        return False
    key = event.key()
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return False
    if key in _DIGITS:
        session.choose_participant(_DIGITS[key])
        return True
    if key in _ADD_KEYS or key in _TAKE_KEYS:
        if event.isAutoRepeat():
            return True  # a held key gives one dot, not a stream of them
        selected = view.journey_scene.selected_card_ids()
        if len(selected) != 1:
            session.refused.emit("Choose a card with the arrow keys (or click it).")
            return True
        session.cast(selected[0], 1 if key in _ADD_KEYS else -1)
        return True
    text = event.text()
    if text and text.isprintable() and not text.isspace():
        session.typed.emit(text)  # just start typing: the capture line takes it from here
        return True
    return False
