"""The timer drawn big: "4:05" in the bundled bold face, as large as the widget allows.

    running / paused / idle   ink on a light panel ("paused" written under a paused timer)
    last ten seconds          ink on orange: the colour says "nearly"
    ended                     "Time's up" in white on vermillion, flashing for a while,
                              then steady until the timer is touched again

The end never relies on colour or sound alone: the words change and the panel flashes.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from journeymap_desktop.canvas.fonts import role_font
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.ui.workshop.timer import WorkshopTimer, clock_text

FLASH_MS = 450
FLASHES = 14  # about six seconds of flashing, then steady
PANEL = "#FFFFFF"
END_TEXT = "Time's up"


class TimerFace(QWidget):
    def __init__(self, timer: WorkshopTimer, parent: QWidget | None = None,
                 *, compact: bool = False) -> None:
        super().__init__(parent)
        self.timer = timer
        self.compact = compact  # the laptop's: no caption under the digits
        self.flash_on = False
        self._flashes = 0
        self._flasher = QTimer(self)
        self._flasher.setInterval(FLASH_MS)
        self._flasher.timeout.connect(self._flash)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setObjectName("timerFace")
        timer.changed.connect(self._on_changed)
        timer.ended.connect(self._on_ended)

    def sizeHint(self) -> QSize:
        return QSize(220, 72 if self.compact else 96)

    def _on_changed(self) -> None:
        if self.timer.state != "ended":
            self._flasher.stop()
            self.flash_on = False
        self.update()

    def _on_ended(self) -> None:
        self._flashes = 0
        self.flash_on = True
        self._flasher.start()
        self.update()

    def _flash(self) -> None:
        self._flashes += 1
        self.flash_on = not self.flash_on
        if self._flashes >= FLASHES:
            self._flasher.stop()
            self.flash_on = True
        self.update()

    def colours(self) -> tuple[str, str]:
        """(background, text) as now shown."""
        timer = self.timer
        if timer.state == "ended":
            return (theme.TIMER_END, "#FFFFFF") if self.flash_on else (PANEL, theme.TIMER_END)
        if timer.in_last_seconds():
            return theme.TIMER_WARNING, theme.INK
        return PANEL, theme.INK

    def text(self) -> str:
        return END_TEXT if self.timer.state == "ended" else clock_text(self.timer.seconds_left())

    def caption(self) -> str:
        state = self.timer.state
        return {"paused": "paused", "idle": "ready", "ended": "0:00"}.get(state, "")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        background, ink = self.colours()
        box = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        painter.setPen(QColor(theme.CARD_BORDER))
        painter.setBrush(QColor(background))
        painter.drawRoundedRect(box, 10, 10)
        caption = "" if self.compact else self.caption()
        digits_h = box.height() * (0.72 if caption else 0.8)
        font = QFont(role_font(FontRole.CARD_TITLE))
        font.setPixelSize(max(8, int(digits_h * 0.8)))
        text = self.text()
        # As large as fits the width too.
        painter.setFont(font)
        width = painter.fontMetrics().horizontalAdvance(text)
        if width > box.width() * 0.92:
            font.setPixelSize(max(8, int(font.pixelSize() * box.width() * 0.92 / width)))
            painter.setFont(font)
        painter.setPen(QColor(ink))
        digits = QRectF(box.x(), box.y(), box.width(), digits_h if caption else box.height())
        painter.drawText(digits, Qt.AlignmentFlag.AlignCenter, text)
        if caption:
            small = QFont(role_font(FontRole.CARD_BODY))
            small.setPixelSize(max(8, int(box.height() * 0.14)))
            painter.setFont(small)
            painter.drawText(QRectF(box.x(), box.y() + digits_h - box.height() * 0.06,
                                    box.width(), box.height() - digits_h),
                             Qt.AlignmentFlag.AlignCenter, caption)
        painter.end()
