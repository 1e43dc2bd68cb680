"""A card on the canvas: a rounded box drawn from the shared layout's CardContent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas import painting
from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.geometry import CardBox, CardContent

if TYPE_CHECKING:
    from journeymap_desktop.document import JourneyDocument

# Below this zoom the card text would be under ~4 px high: draw a plain box instead.
_SIMPLE_BELOW = 0.35
_SHADOW = QColor(0, 0, 0, 22)
_DIMMED_OPACITY = 0.22
Z_CARD = 10.0
Z_DRAGGED = 50.0


class CardItem(QGraphicsItem):
    Type = USER_TYPE + 1

    def __init__(self, document: JourneyDocument, card_id: str) -> None:
        super().__init__()
        self.document = document
        self.card_id = card_id
        self.content: CardContent | None = None
        self.dimmed = False
        self._height = 0.0
        self._outline = QPainterPath()
        self._marker = QPainterPath()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self._hovered = False
        self.setZValue(Z_CARD)

    def type(self) -> int:
        return self.Type

    def set_box(self, box: CardBox) -> None:
        """Place the card where the layout says; rebuild paths only if its size changed."""
        if box.content is not self.content:
            if box.content.height != self._height:
                self.prepareGeometryChange()
                self._height = box.content.height
                self._rebuild_paths()
            self.content = box.content
            self.update()
        position = QPointF(box.rect.x, box.rect.y)
        if self.pos() != position:
            self.setPos(position)

    def _rebuild_paths(self) -> None:
        rect = QRectF(0, 0, theme.CARD_WIDTH, self._height)
        outline = QPainterPath()
        outline.addRoundedRect(rect, theme.CARD_RADIUS, theme.CARD_RADIUS)
        bar = QPainterPath()
        bar.addRect(QRectF(0, 0, theme.CARD_MARKER_WIDTH + 0.5, self._height))
        self._outline = outline
        self._marker = outline.intersected(bar)

    def set_dimmed(self, dimmed: bool) -> None:
        if dimmed != self.dimmed:
            self.dimmed = dimmed
            self.update()

    def boundingRect(self) -> QRectF:
        return QRectF(-3, -3, theme.CARD_WIDTH + 6, self._height + 7)

    def shape(self) -> QPainterPath:
        return self._outline

    def hoverEnterEvent(self, event: object) -> None:
        self._hovered = True
        self.update()

    def hoverLeaveEvent(self, event: object) -> None:
        self._hovered = False
        self.update()

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        content = self.content
        if content is None or not self.document.has_card(self.card_id):
            return
        card = self.document.card(self.card_id)
        if self.dimmed:
            painter.setOpacity(_DIMMED_OPACITY)
        kind_colour = theme.KIND_COLOURS[card.kind]
        fill = theme.card_fill(card.colour)
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        selected = self.isSelected()
        if lod < _SIMPLE_BELOW:
            rect = QRectF(0, 0, theme.CARD_WIDTH, self._height)
            if selected:
                painter.fillRect(rect, painting.colour(theme.CARD_SELECTED_BORDER))
                rect = rect.adjusted(6, 6, -6, -6)
            painter.fillRect(rect, painting.colour(fill))
            painter.fillRect(QRectF(0, 0, theme.CARD_MARKER_WIDTH * 2, self._height),
                             painting.colour(kind_colour))
            if card.emotion is not None:
                # From afar the feeling still shows: its colour, as a patch in the corner.
                size = min(28.0, self._height / 2)
                corner = QRectF(theme.CARD_WIDTH - size - 4, 4, size, size)
                painter.fillRect(corner, painting.colour(theme.EMOTION_COLOURS[card.emotion]))
            return

        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_SHADOW)
        painter.drawPath(self._outline.translated(0, 1.5))
        painter.setBrush(painting.brush(fill))
        if selected:
            painter.setPen(painting.pen(theme.CARD_SELECTED_BORDER, 2.0))
        elif self._hovered:
            painter.setPen(painting.pen(theme.INK_FAINT, 1.0))
        else:
            painter.setPen(painting.pen(theme.CARD_BORDER, 0.75))
        painter.drawPath(self._outline)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(painting.brush(kind_colour))
        painter.drawPath(self._marker)

        painting.draw_kind_marker(painter, card.kind, content.marker_centre,
                                  content.marker_radius)
        painting.draw_line(painter, content.kind_label, theme.KIND_INK[card.kind])
        painting.draw_line(painter, content.channel_label, theme.INK_SOFT)
        if content.star_centre is not None:
            painting.draw_star(painter, content.star_centre, 6)
        painting.draw_lines(painter, content.title, theme.INK)
        painting.draw_lines(painter, content.body, theme.INK_SOFT)
        painting.draw_line(painter, content.meta, theme.INK_FAINT)
        if content.face_centre is not None and card.emotion is not None:
            painting.draw_face(painter, content.face_centre, theme.FACE_RADIUS_CARD,
                               card.emotion)
            painting.draw_line(painter, content.emotion_label, theme.INK_SOFT)
        if content.vote_dots:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(painting.brush(theme.VOTE_COLOUR))
            for x, y in content.vote_dots:
                painter.drawEllipse(QPointF(x, y), theme.VOTE_DOT_RADIUS, theme.VOTE_DOT_RADIUS)
            painting.draw_line(painter, content.votes_more, theme.INK_SOFT)
