"""A card's workshop marks on the canvas: its voting badges and "PRIVATE" (what they look like
is layout.workshop_picture's to say). A separate item above the cards, anchored at the card's
top-right corner (its items reach left and up from there), so a badge straddling the card's
top edge is never covered by the card above, and a badge scaled up for a zoomed-out view
grows from that corner."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.canvas.items.card import Z_CARD
from journeymap_desktop.layout.display import Box, Item, Text, flatten
from journeymap_desktop.painter.render import renderer

Z_MARKS = Z_CARD + 5


class WorkshopMarksItem(QGraphicsItem):
    Type = USER_TYPE + 20

    def __init__(self, card_id: str) -> None:
        super().__init__()
        self.card_id = card_id
        self.items: tuple[Item, ...] = ()
        self._bounds = QRectF()
        self.setZValue(Z_MARKS)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)

    def type(self) -> int:
        return self.Type

    def set_items(self, items: tuple[Item, ...]) -> None:
        if items == self.items:
            return
        self.prepareGeometryChange()
        self.items = items
        bounds = QRectF()
        for item in flatten(items):
            if isinstance(item, Box):
                bounds = bounds.united(QRectF(item.x, item.y, item.w, item.h))
            elif isinstance(item, Text):
                bounds = bounds.united(QRectF(item.x, item.baseline - item.size * 1.2,
                                              item.width, item.size * 1.6))
        self._bounds = bounds.adjusted(-2, -2, 2, 2)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        if self.items:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            renderer().draw(painter, self.items)
