"""What stage and lane headers share: a box from the layout, selection, sliding text, and the
size they are drawn at (a fixed size on screen whatever the zoom: layout.far.header_scale)."""

from __future__ import annotations

from PySide6.QtWidgets import QGraphicsItem

from journeymap_desktop.layout.geometry import Rect


class HeaderItem(QGraphicsItem):
    def __init__(self, z: float) -> None:
        super().__init__()
        self.text_offset = 0.0
        # Scene units per layout unit across the header (its height for a stage, its width
        # for a lane and the corner); the view sets it as it zooms.
        self.header_scale = 1.0
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setZValue(z)

    def header_rect(self) -> Rect:
        raise NotImplementedError

    def set_header_scale(self, scale: float) -> None:
        if scale != self.header_scale:
            self.prepareGeometryChange()
            self.header_scale = scale
            self.update()

    def slide_text(self, wanted: float, room: float) -> None:
        """Move the header's words along by `wanted` (kept within `room`), so they stay in
        view inside a lane or stage larger than the window."""
        offset = max(0.0, min(wanted, room))
        if offset != self.text_offset:
            self.text_offset = offset
            self.update()
