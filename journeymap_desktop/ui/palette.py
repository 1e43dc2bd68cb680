"""The palette: drag a card kind onto a cell to create a card there (or click to add).

A narrow strip of icons (each kind's marker, its name in the tooltip), so that on a 13-inch
laptop the map keeps the width: the old column of labelled buttons took a quarter of a
1366-pixel window."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize, Qt, Signal
from PySide6.QtGui import QDrag, QMouseEvent
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journeymap_desktop.canvas.mime import kind_to_mime
from journeymap_desktop.model.map import CARD_KINDS, CardKind
from journeymap_desktop.model.queries import KIND_LABELS
from journeymap_desktop.ui.icons import kind_icon

STRIP_WIDTH = 44  # px: the palette's whole width, an icon button and its margins


class PaletteButton(QToolButton):
    """A card kind you can drag onto the canvas; a click adds it beside the selection."""

    def __init__(self, kind: CardKind, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"palette_{kind}")
        self.setText(KIND_LABELS[kind])
        self.setIcon(kind_icon(kind))
        self.setIconSize(QSize(22, 22))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        self.setAutoRaise(True)
        self.setToolTip(f"{KIND_LABELS[kind]}: drag onto the map to add a "
                        f"{KIND_LABELS[kind].lower()}, or click to add one next to the "
                        "selected card")
        self.setAccessibleName(KIND_LABELS[kind])
        self.setFixedSize(QSize(STRIP_WIDTH - 8, STRIP_WIDTH - 8))
        self._press: QPoint | None = None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and (
                event.position().toPoint() - self._press
        ).manhattanLength() >= QApplication.startDragDistance():
            self._press = None
            self.setDown(False)
            drag = QDrag(self)
            drag.setMimeData(kind_to_mime(self.kind))
            drag.setPixmap(self.icon().pixmap(28, 28))
            drag.exec(Qt.DropAction.CopyAction)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._press = None
        super().mouseReleaseEvent(event)


class Palette(QDockWidget):
    add_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Palette", parent)
        self.setObjectName("paletteDock")
        # No title bar: "Palette" and its buttons do not fit a strip of icons. The View menu
        # shows and hides it.
        self.setTitleBarWidget(QWidget())
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable)
        body = QWidget()
        body.setObjectName("paletteStrip")
        body.setFixedWidth(STRIP_WIDTH)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 6, 4, 6)
        layout.setSpacing(4)
        self.buttons: dict[str, PaletteButton] = {}
        for kind in CARD_KINDS:
            button = PaletteButton(kind)
            button.clicked.connect(lambda _checked=False, k=kind: self.add_requested.emit(k))
            self.buttons[kind] = button
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.setWidget(body)
