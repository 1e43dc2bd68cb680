"""Items of the matrix scene; each paints display items from layout.matrix."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.layout.display import Box, Item, Text
from journeymap_desktop.layout.matrix import MarkState, MatrixMark, TrayChip, mark_items
from journeymap_desktop.layout.theme import FontRole, Role
from journeymap_desktop.painter.render import renderer

Z_BACKGROUND = 0.0
Z_MARK = 10.0
Z_DRAGGED = 50.0
Z_READOUT = 60.0


def _bounds(items: tuple[Item, ...] | list[Item], pad: float = 4.0) -> QRectF:
    rect = QRectF()
    for item in items:
        if isinstance(item, Text):
            part = QRectF(item.x, item.baseline - item.size * 1.1, item.width, item.size * 1.5)
        elif isinstance(item, Box):
            part = QRectF(item.x, item.y, item.w, item.h)
        else:
            continue
        rect = rect.united(part)
    return rect.adjusted(-pad, -pad, pad, pad)


class PictureItem(QGraphicsItem):
    """Draws a fixed list of display items (the matrix's background)."""

    def __init__(self, items: tuple[Item, ...], rect: QRectF) -> None:
        super().__init__()
        self.items = items
        self._rect = rect
        self.setZValue(Z_BACKGROUND)

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        renderer().draw(painter, self.items)


class MarkItem(QGraphicsItem):
    """A card on the matrix, placed at its dot; paints its marker and title."""

    Type = USER_TYPE + 40

    def __init__(self, mark: MatrixMark) -> None:
        super().__init__()
        self.mark = mark
        self.card_id = mark.card_id
        self.state: MarkState = "normal"
        self._items = mark_items(mark)
        self._rect = _bounds(self._items).united(QRectF(-12, -12, 24, 24))
        self.setPos(*mark.dot)
        self.setZValue(Z_MARK)

    def type(self) -> int:
        return self.Type

    def set_state(self, state: MarkState) -> None:
        if state != self.state:
            self.state = state
            self._items = mark_items(self.mark, state)
            self.setZValue(Z_DRAGGED if state == "dragged" else Z_MARK)
            self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        renderer().draw(painter, self._items)


class ChipItem(QGraphicsItem):
    """A card waiting in the tray to be scored."""

    Type = USER_TYPE + 41

    def __init__(self, chip: TrayChip) -> None:
        super().__init__()
        self.chip = chip
        self.card_id = chip.card_id
        self._rect = QRectF(-3, -3, chip.rect.w + 6, chip.rect.h + 6)
        self.setPos(chip.rect.x, chip.rect.y)
        self.setZValue(Z_MARK)

    def type(self) -> int:
        return self.Type

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        renderer().draw(painter, self.chip.items)


class ReadoutItem(QGraphicsItem):
    """What a drag would score, beside the pointer: "Effort 2 · Value 75 % · Quick wins"."""

    def __init__(self) -> None:
        super().__init__()
        self._items: tuple[Item, ...] = ()
        self._rect = QRectF()
        self.setZValue(Z_READOUT)
        self.hide()

    def show_text(self, text: str, width: float, baseline: float, height: float) -> None:
        self.prepareGeometryChange()
        pad = 6.0
        self._items = (
            Box(0, 0, width + 2 * pad, height, Role.INK, None, 0.0, 4.0),
            Text(text, pad, baseline, FontRole.CAPTION_BOLD, Role.PAPER, width),
        )
        self._rect = QRectF(-1, -1, width + 2 * pad + 2, height + 2)
        self.show()
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        renderer().draw(painter, self._items)
