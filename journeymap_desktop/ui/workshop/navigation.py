"""Where a view shows the map in a workshop: the whole map, or one stage large enough to read
from the back of a room (card titles at least 24 px on a 1080-pixel-high screen, more on a
taller one), and following a card the facilitator just touched.

One stage is shown right of the (frozen) lane headers, from the lanes that matter now: those
holding the cards the open round is about (all lanes when the round takes every card, or no
round is on). The stages beside it stay in sight, under a veil (`StageVeil`, the projector's).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGraphicsRectItem

from journeymap_desktop.canvas.scene import JourneyScene
from journeymap_desktop.canvas.view import JourneyView
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.workshop import VotingRound, in_scope

MIN_TITLE_PX = 24.0  # card titles on a 1080-pixel-high screen, one stage shown
MAX_TITLE_PX = 48.0
REFERENCE_HEIGHT = 1080.0
Z_VEIL = 20.0  # above cards and their badges, below the frozen headers
VEIL_ALPHA = 150


def focus_lanes(journey: JourneyMap, voting_round: VotingRound | None) -> list[str] | None:
    """The lanes holding cards the round is about, when its scope leaves some lanes out;
    None: every lane matters."""
    if voting_round is None or voting_round.state == "closed":
        return None
    scope = voting_round.scope
    if not (scope.kinds or scope.lane_ids or scope.card_ids):
        return None
    wanted = {card.lane_id for card in journey.cards if in_scope(voting_round, card)}
    lanes = [lane.id for lane in journey.lanes if lane.id in wanted]
    return lanes or None


def least_zoom(view: JourneyView) -> float:
    """The zoom at which card titles are MIN_TITLE_PX high on a 1080-pixel-high screen (the
    window is full screen; measured against all of it, not what the bars leave)."""
    screen_height = max(view.viewport().height(), view.window().height())
    return MIN_TITLE_PX * screen_height / REFERENCE_HEIGHT / \
        theme.font_size(FontRole.CARD_TITLE) * (1 + 1e-6)


def show_stage(view: JourneyView, stage_id: str, lanes: list[str] | None = None) -> None:
    """One stage (and its `lanes`, or all) as large as fits, never smaller than readable."""
    layout = view.journey_scene.layout
    if not any(s.stage_id == stage_id for s in layout.stages) or not layout.lanes:
        return
    stage = layout.stage_box(stage_id)
    rows = [lane.row for lane in layout.lanes if lanes is None or lane.lane_id in lanes]
    rows = rows or [lane.row for lane in layout.lanes]
    top, bottom = rows[0].y, rows[-1].bottom
    header_h = stage.header.h
    viewport = view.viewport().rect()
    wide = theme.LANE_HEADER_WIDTH + stage.column.w + 2 * theme.MARGIN
    fit = min(viewport.width() / wide, viewport.height() / (header_h + bottom - top + 16))
    least = least_zoom(view)
    # Large, but not so large that the stages beside it (the journey's flow) leave the screen.
    view.set_zoom(max(least, min(fit, least * MAX_TITLE_PX / MIN_TITLE_PX)))
    zoom = view.zoom
    visible_w = viewport.width() / zoom
    visible_h = viewport.height() / zoom
    left = stage.column.x - theme.LANE_HEADER_WIDTH - 8
    view.centerOn(QPointF(left + visible_w / 2, top - header_h + visible_h / 2))
    view.pin_headers()


def show_whole(view: JourneyView) -> None:
    view.fit_to_window()


def follow_card(view: JourneyView, card_id: str) -> None:
    """Scroll so the card is in sight (a card just captured), clear of the frozen headers."""
    item = view.journey_scene.card_items.get(card_id)
    if item is None or not item.isVisible():
        return
    layout = view.journey_scene.layout
    zoom = view.zoom
    view.ensureVisible(item.sceneBoundingRect(),
                       int((theme.LANE_HEADER_WIDTH + 16) * zoom),
                       int((layout.corner.h + 16) * zoom))


class StageVeil:
    """The projector's veil over every stage but the one shown."""

    def __init__(self, scene: JourneyScene) -> None:
        self.scene = scene
        self.items: list[QGraphicsRectItem] = []

    def show(self, stage_id: str | None) -> None:
        self.clear()
        if stage_id is None:
            return
        colour = QColor(theme.CANVAS_BACKGROUND)
        colour.setAlpha(VEIL_ALPHA)
        layout = self.scene.layout
        for stage in layout.stages:
            if stage.stage_id == stage_id:
                continue
            column = stage.column
            item = QGraphicsRectItem(QRectF(column.x, stage.header.y, column.w,
                                            column.bottom - stage.header.y))
            item.setBrush(QBrush(colour))
            item.setPen(Qt.PenStyle.NoPen)
            item.setZValue(Z_VEIL)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            self.scene.addItem(item)
            self.items.append(item)

    def clear(self) -> None:
        for item in self.items:
            self.scene.removeItem(item)
        self.items = []
