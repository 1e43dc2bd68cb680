"""The matrix view: drag a card's mark (or a card from the tray) to score it.

A drag moves the mark to the place its scores would be (effort snaps to whole numbers), with
a readout of those scores beside it; the map changes once, on release, as one undo step
(`commands.SetPriority`). Esc cancels a drag and leaves the map as it was. A click selects
the card (the window shows it on the map and in the inspector); arrow keys nudge the selected
card's scores (effort by 1, a value by 5 %), merged into one undo step per card.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import QApplication, QGraphicsView, QWidget

from journeymap_desktop import commands
from journeymap_desktop.canvas.matrix.items import ChipItem, MarkItem
from journeymap_desktop.canvas.matrix.scene import MatrixScene
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.layout.matrix import QUADRANT_NAMES, Plot, quadrant_of
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.model.priority import (
    Priority,
    PriorityAxis,
    axis_value,
    nudged,
    score_text,
    scores_for_place,
)

SHORT_NAMES: dict[str, str] = {"value": "Value", "customer_value": "Customer value",
                               "business_value": "Business value", "effort": "Effort"}


def axis_text(axis: PriorityAxis, value: float | None) -> str:
    """"Effort 2", "Value 82.5 %"."""
    return f"{SHORT_NAMES[axis]} {score_text(value, '' if axis == 'effort' else ' %')}"


def scored(priority: Priority | None, scores: dict[str, int]) -> Priority:
    return Priority.model_validate({**(priority or Priority()).model_dump(), **scores})


def push_scores(document: JourneyDocument, card_id: str, scores: dict[str, int],
                mergeable: bool = False) -> None:
    named: dict[str, Any] = dict(scores)
    document.push(commands.SetPriority(document, card_id, mergeable=mergeable, **named))


class ScoreDrag:
    """One drag of a card on the matrix: from its mark, or from the tray."""

    def __init__(self, view: MatrixView, item: MarkItem | ChipItem, press: QPointF) -> None:
        self.view = view
        self.scene = view.matrix_scene
        self.card_id = item.card_id
        self.item = item
        self.press = QPointF(press)
        self.start = QPointF(item.pos())
        self.moved = False
        self.target: tuple[float, float] | None = None  # the place it would land

    @property
    def plot(self) -> Plot:
        return self.scene.layout.plot

    def move(self, pos: QPointF) -> None:
        delta = pos - self.press
        if not self.moved:
            if delta.manhattanLength() < QApplication.startDragDistance():
                return
            self.moved = True
            if isinstance(self.item, MarkItem):
                self.item.set_state("dragged")
            else:
                self.item.setZValue(50.0)
        plot = self.plot
        if isinstance(self.item, MarkItem):
            wanted = self.start + delta  # the dot follows the pointer, clamped to the plot
            r = plot.rect
            x = min(max(wanted.x(), r.x), r.right)
            y = min(max(wanted.y(), r.y), r.bottom)
            self.target = (x, y)
        else:
            self.item.setPos(self.start + delta)
            self.target = (pos.x(), pos.y()) if plot.contains(pos.x(), pos.y()) else None
        if self.target is None:
            self._readout("Drop on the matrix to score", pos)
            return
        landing = self._landing()
        shown = plot.place(*landing)
        if isinstance(self.item, MarkItem):
            self.item.setPos(*shown)
        axes = plot.axes
        words = [axis_text(axes.x, landing[0]), axis_text(axes.y, landing[1])]
        quadrant = quadrant_of(plot, *shown)
        if quadrant is not None:
            words.append(QUADRANT_NAMES[quadrant])
        self._readout("  ·  ".join(words), QPointF(*shown))

    def _scores(self) -> dict[str, int]:
        assert self.target is not None
        axes = self.plot.axes
        x, y = self.plot.raw_scores(*self.target)
        card = self.scene.document.card(self.card_id)
        return scores_for_place(card.priority, axes.x, axes.y, x, y)

    def _landing(self) -> tuple[float, float]:
        """Where the card lands: its scores after the drop, on the two axes."""
        axes = self.plot.axes
        card = self.scene.document.card(self.card_id)
        priority = scored(card.priority, self._scores())
        values = [axis_value(priority, axis) for axis in (axes.x, axes.y)]
        return (values[0] or 0.0, values[1] or 0.0)

    def _readout(self, text: str, at: QPointF) -> None:
        measurer = self.scene.measurer
        role = FontRole.CAPTION_BOLD
        width = measurer.width(text, role)
        height = 22.0
        baseline = (height - (measurer.ascent(role) + measurer.descent(role))) / 2 \
            + measurer.ascent(role)
        self.scene.readout.show_text(text, width, baseline, height)
        rect = self.scene.sceneRect()
        x = min(at.x() + 16, rect.right() - width - 16)
        y = max(at.y() - 40, rect.top() + 2)
        self.scene.readout.setPos(x, y)

    def release(self, pos: QPointF) -> None:
        if not self.moved:
            self.view.card_clicked.emit(self.card_id)
            return
        self.move(pos)
        document = self.scene.document
        if self.target is None or not document.has_card(self.card_id):
            self.cancel()
            return
        scores = self._scores()
        card = document.card(self.card_id)
        if scored(card.priority, scores) == (card.priority or Priority()):
            self.cancel()  # back where it was: nothing to undo
            return
        push_scores(document, self.card_id, scores)
        self.view.card_clicked.emit(self.card_id)

    def cancel(self) -> None:
        self.scene.relayout()  # every item back where the map says


class MatrixView(QGraphicsView):
    card_clicked = Signal(str)  # a card was clicked or scored: the window selects it

    def __init__(self, scene: MatrixScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.matrix_scene = scene
        self.drag: ScoreDrag | None = None
        # Whether the map may change (not in presentation mode): the window says.
        self.can_edit: Callable[[], bool] = lambda: True
        self.setObjectName("matrixView")
        self.setRenderHints(QPainter.RenderHint.Antialiasing
                            | QPainter.RenderHint.TextAntialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        size = self.viewport().size()
        if self.drag is None:
            self.matrix_scene.set_size(float(size.width()), float(size.height()))

    def item_at(self, pos: QPointF) -> MarkItem | ChipItem | None:
        scene = self.matrix_scene
        mark = scene.layout.mark_at(pos.x(), pos.y())
        if mark is not None:
            return scene.marks.get(mark.card_id)
        chip = scene.layout.chip_at(pos.x(), pos.y())
        return scene.chips.get(chip.card_id) if chip is not None else None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        if self.drag is not None or event.button() != Qt.MouseButton.LeftButton:
            event.accept()
            return
        pos = self.mapToScene(event.position().toPoint())
        item = self.item_at(pos)
        if item is None:
            self.card_clicked.emit("")
        elif self.can_edit():
            self.drag = ScoreDrag(self, item, pos)
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        else:
            self.card_clicked.emit(item.card_id)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = self.mapToScene(event.position().toPoint())
        if self.drag is not None:
            self.drag.move(pos)
            return
        over = self.item_at(pos) is not None and self.can_edit()
        if over:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.viewport().unsetCursor()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self.drag = self.drag, None
        if drag is not None:
            self.viewport().unsetCursor()
            drag.release(self.mapToScene(event.position().toPoint()))
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()  # no editing in place here

    def cancel_drag(self) -> bool:
        drag, self.drag = self.drag, None
        if drag is None:
            return False
        self.viewport().unsetCursor()
        drag.cancel()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key == Qt.Key.Key_Escape:
            if not self.cancel_drag() and self.matrix_scene.selected:
                self.card_clicked.emit("")
            return
        steps = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0),
                 Qt.Key.Key_Up: (0, 1), Qt.Key.Key_Down: (0, -1)}
        if key in steps and self.drag is None:
            self.nudge(*steps[key])
            return
        super().keyPressEvent(event)

    def nudge(self, dx: int, dy: int) -> None:
        """Move the one selected card a step along an axis (one undo step per card, however
        many presses)."""
        scene = self.matrix_scene
        if len(scene.selected) != 1 or not self.can_edit():
            return
        card_id = next(iter(scene.selected))
        document = scene.document
        if not document.has_card(card_id) or card_id not in scene.layout.marks:
            return
        axes = scene.layout.plot.axes
        priority = document.card(card_id).priority
        scores: dict[str, int] = {}
        for axis, steps in ((axes.x, dx), (axes.y, dy)):
            if steps:
                scores.update(nudged(priority, axis, steps))
        if scored(priority, scores) != (priority or Priority()):
            push_scores(document, card_id, scores, mergeable=True)
