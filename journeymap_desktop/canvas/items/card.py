"""A card on the canvas: paints its own card's display list (layout.picture), at its place.

What a card looks like is decided in layout.picture, for the canvas and paper alike; the item
only chooses the level of detail and the state (hovered, selected, dimmed by a search), and
keeps the lists it drew until the card or its state changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QPainter, QPainterPath
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from journeymap_desktop.canvas.items import USER_TYPE
from journeymap_desktop.layout import far, picture, theme
from journeymap_desktop.layout.display import Item
from journeymap_desktop.layout.geometry import CardBox, CardContent
from journeymap_desktop.layout.picture import CardState
from journeymap_desktop.layout.text import Wrapper
from journeymap_desktop.layout.theme import Role
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.painter.render import renderer

if TYPE_CHECKING:
    from journeymap_desktop.document import JourneyDocument

# Below this zoom a card shows less than everything (layout.far.card_detail): its title alone,
# set larger, and further out a plain box.
SIMPLE_BELOW = far.FULL_FROM
_DIMMED_OPACITY = 0.22
Z_CARD = 10.0
Z_DRAGGED = 50.0

_Key = tuple[object, ...]
_OWN_WRAPPER: Wrapper | None = None


class CardItem(QGraphicsItem):
    Type = USER_TYPE + 1

    def __init__(self, document: JourneyDocument, card_id: str) -> None:
        super().__init__()
        self.document = document
        self.card_id = card_id
        self.content: CardContent | None = None
        self.behind = Role.CANVAS  # the colour role of the stage column it lies on
        self.dimmed = False
        self._height = 0.0
        self._outline = QPainterPath()
        # (state or selected, far title scale or None) -> (content, what else it depends on,
        # the items)
        self._drawn: dict[tuple[CardState | bool, float | None],
                          tuple[CardContent, _Key, tuple[Item, ...]]] = {}
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(True)
        self._hovered = False
        self.setZValue(Z_CARD)

    def type(self) -> int:
        return self.Type

    def set_box(self, box: CardBox, behind: str | None = None) -> None:
        """Place the card where the layout says; repaint only if what it shows changed."""
        if behind is not None and behind != self.behind:
            self.behind = behind
            self.update()
        if box.content is not self.content:
            if box.content.height != self._height:
                self.prepareGeometryChange()
                self._height = box.content.height
                outline = QPainterPath()
                outline.addRoundedRect(QRectF(0, 0, theme.CARD_WIDTH, self._height),
                                       theme.CARD_RADIUS, theme.CARD_RADIUS)
                self._outline = outline
            self.content = box.content
            self.update()
        position = QPointF(box.rect.x, box.rect.y)
        if self.pos() != position:
            self.setPos(position)

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

    def state(self) -> CardState:
        if self.isSelected():
            return "selected"
        return "hover" if self._hovered else "normal"

    def display_items(self, level_of_detail: float) -> tuple[Item, ...]:
        """What this card draws at a zoom (its level of detail), relative to its corner:
        everything, its title alone set larger, or a plain box (layout.far.card_detail)."""
        content = self.content
        if content is None or not self.document.has_card(self.card_id):
            return ()
        card = self.document.card(self.card_id)
        detail = far.card_detail(level_of_detail)
        scale = far.title_scale(level_of_detail) if detail == "title" else None
        state = self.state()
        slot = (state if detail == "full" else self.isSelected(),
                scale if detail != "box" else 0.0)
        key: _Key = (card.colour, card.kind, card.title, content.face_tone, self.behind)
        cached = self._drawn.get(slot)
        if cached is not None and cached[0] is content and cached[1] == key:
            return cached[2]
        if detail == "box":
            items = picture.card_far_items(card, content.height, state == "selected",
                                           content.face_tone)
        elif scale is not None:
            title = far.title_lines(self._wrapper(), card.title, content.height, scale,
                                    content.face_tone is not None)
            items = picture.card_title_items(card, content.height, state == "selected",
                                             content.face_tone, title, scale)
        else:
            items = picture.card_items(card, content, self.behind, state)
        self._drawn[slot] = (content, key, items)
        return items

    def _wrapper(self) -> Wrapper:
        """The scene's word widths (one measurer for the map), or a wrapper of its own."""
        engine = getattr(self.scene(), "engine", None)
        if engine is not None:
            return cast(Wrapper, engine.wrapper)
        global _OWN_WRAPPER
        if _OWN_WRAPPER is None:
            _OWN_WRAPPER = Wrapper(FontMeasurer())
        return _OWN_WRAPPER

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        lod = QStyleOptionGraphicsItem.levelOfDetailFromTransform(painter.worldTransform())
        items = self.display_items(lod)
        if not items:
            return
        if self.dimmed:
            painter.setOpacity(_DIMMED_OPACITY)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing,
                              far.card_detail(lod) != "box")
        renderer().draw(painter, items)
