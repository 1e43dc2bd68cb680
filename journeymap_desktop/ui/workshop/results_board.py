"""A voting round's ranked results drawn large: the projector's results screen (and, small, the
laptop's). The rows are layout.workshop_picture's, the same the handout prints; this widget
only scales them to its size and says how many did not fit.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.display import Item, Text
from journeymap_desktop.layout.text import Wrapper
from journeymap_desktop.layout.theme import FontRole, Role
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.layout.workshop_picture import PictureRow, result_rows, results_heading
from journeymap_desktop.model.workshop import Audience, results, round_index
from journeymap_desktop.painter.render import renderer

REFERENCE_HEIGHT = 1080.0
SHEET_MARGIN_X = 0.08  # of the width, each side: the dimmed map around the sheet
SHEET_MARGIN_Y = 0.05
SHEET_PAD = 48.0  # pixels on a 1080-pixel screen, inside the sheet


class ResultsBoard(QWidget):
    def __init__(self, document: JourneyDocument, measurer: FontMeasurer,
                 audience: Audience = "room", parent: QWidget | None = None,
                 *, zoom: float = 2.3, least_zoom: float = 1.8, panel: bool = True) -> None:
        super().__init__(parent)
        self.document = document
        self.measurer = measurer
        self.audience = audience
        self.round_id: str | None = None
        self.zoom = zoom  # text size at a 1080-pixel-high widget (titles 12 x zoom px)
        self.least_zoom = least_zoom  # and never smaller than this (titles >= 21 px)
        self.panel = panel  # a white sheet over the dimmed map (the projector's)
        self.hidden_rows = 0
        self.setObjectName("resultsBoard")
        document.workshop_changed.connect(self.update)

    def show_round(self, round_id: str | None) -> None:
        self.round_id = round_id
        self.update()

    def scale(self) -> float:
        """The largest scale, up to `zoom` (on a 1080-pixel screen), at which every row fits;
        never under `least_zoom` (the rows that do not fit then are counted instead)."""
        if not self.panel:
            return self.zoom
        screen = max(360, self.height()) / REFERENCE_HEIGHT
        largest, least = self.zoom * screen, self.least_zoom * screen
        sheet_w = self.width() * (1 - 2 * SHEET_MARGIN_X)
        sheet_h = self.height() * (1 - 2 * SHEET_MARGIN_Y)
        scale = largest
        for _ in range(8):  # rows re-wrap at each width: a few steps settle it
            margin = 2 * SHEET_PAD * screen
            height = sum(row.height for row in self.rows((sheet_w - margin) / scale))
            fits = (sheet_h - margin) / max(1.0, height)
            if fits >= scale or scale <= least:
                break
            scale = max(least, fits * 0.99)
        return scale

    def rows(self, width: float) -> list[PictureRow]:
        journey = self.document.map
        voting_round = next((r for r in journey.workshop.rounds if r.id == self.round_id),
                            None)
        if voting_round is None:
            return []
        index = round_index(journey.workshop, voting_round.id)
        heading = results_heading(journey, index, voting_round, self.measurer, width)
        ranked = result_rows(index, results(journey, voting_round, self.audience),
                             self.measurer, width)
        if not ranked:
            line = "No dots yet."
            ranked = [PictureRow(theme.line_height(FontRole.CARD_TITLE) + 8, (Text(
                line, 0.0, self.measurer.baseline(0.0, FontRole.CARD_TITLE),
                FontRole.CARD_TITLE, Role.INK_SOFT,
                Wrapper(self.measurer).width(line, FontRole.CARD_TITLE)),))]
        return heading + ranked

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        scale = self.scale()
        margin = SHEET_PAD * max(360, self.height()) / REFERENCE_HEIGHT if self.panel else 8.0
        box = QRectF(self.rect())
        if self.panel:
            painter.fillRect(box, QColor(0, 0, 0, 110))
            dx, dy = box.width() * SHEET_MARGIN_X, box.height() * SHEET_MARGIN_Y
            sheet = box.adjusted(dx, dy, -dx, -dy)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.PAPER_COLOUR))
            painter.drawRoundedRect(sheet, 16, 16)
            box = sheet
        width = (box.width() - 2 * margin) / scale
        bottom = (box.height() - 2 * margin) / scale
        rows = self.rows(width)
        painter.translate(box.x() + margin, box.y() + margin)
        painter.scale(scale, scale)
        y = 0.0
        shown = 0
        more_h = theme.line_height(FontRole.CARD_TITLE) + 4
        for i, row in enumerate(rows):
            room = bottom - (more_h if i < len(rows) - 1 else 0.0)
            if y + row.height > room and shown:
                break
            self._draw(painter, row.items, y)
            y += row.height
            shown += 1
        self.hidden_rows = len(rows) - shown
        if self.hidden_rows:
            text = f"+ {self.hidden_rows} more card{'s' if self.hidden_rows != 1 else ''}"
            role = FontRole.CARD_TITLE
            self._draw(painter, (Text(text, 0.0, self.measurer.baseline(0.0, role), role,
                                      Role.INK_SOFT, Wrapper(self.measurer).width(text, role)),),
                       y + 4)
        painter.end()

    def _draw(self, painter: QPainter, items: tuple[Item, ...], y: float) -> None:
        renderer().draw(painter, items, 0.0, y)
