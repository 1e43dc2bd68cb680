"""What stage and lane headers share: a box from the layout, selection, sliding text."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QGraphicsItem

from journeymap_desktop.layout.geometry import Rect


class HeaderItem(QGraphicsItem):
    def __init__(self, z: float) -> None:
        super().__init__()
        self.text_offset = 0.0
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setZValue(z)

    def header_rect(self) -> Rect:
        raise NotImplementedError

    def slide_text(self, wanted: float, room: float) -> None:
        """Move the header's words along by `wanted` (kept within `room`), so they stay in
        view inside a lane or stage larger than the window."""
        offset = max(0.0, min(wanted, room))
        if offset != self.text_offset:
            self.text_offset = offset
            self.update()

    def boundingRect(self) -> QRectF:
        rect = self.header_rect()
        return QRectF(0, 0, rect.w, rect.h)
