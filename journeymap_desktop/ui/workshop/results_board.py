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


class ResultsBoard(QWidget):
    def __init__(self, document: JourneyDocument, measurer: FontMeasurer,
                 audience: Audience = "room", parent: QWidget | None = None,
                 *, zoom: float = 2.3, panel: bool = True) -> None:
        super().__init__(parent)
        self.document = document
        self.measurer = measurer
        self.audience = audience
        self.round_id: str | None = None
        self.zoom = zoom  # text size at a 1080-pixel-high widget (titles 12 x zoom px)
        self.panel = panel  # a white sheet over the dimmed map (the projector's)
        self.hidden_rows = 0
        self.setObjectName("resultsBoard")
        document.workshop_changed.connect(self.update)

    def show_round(self, round_id: str | None) -> None:
        self.round_id = round_id
        self.update()

    def scale(self) -> float:
        if not self.panel:
            return self.zoom
        return max(1.0, self.height() / REFERENCE_HEIGHT * self.zoom)

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
        margin = 48.0 * scale / self.zoom if self.panel else 8.0
        box = QRectF(self.rect())
        if self.panel:
            painter.fillRect(box, QColor(0, 0, 0, 110))
            sheet = box.adjusted(box.width() * 0.08, box.height() * 0.06,
                                 -box.width() * 0.08, -box.height() * 0.06)
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
