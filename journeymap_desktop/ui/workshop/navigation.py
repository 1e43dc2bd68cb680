"""Where a view shows the map in a workshop: the whole map, or one stage large enough to read
from the back of a room (card titles at least 24 px on a 1080-pixel-high screen, more on a
taller one), and following a card the facilitator just touched."""

from __future__ import annotations

from PySide6.QtCore import QPointF

from journeymap_desktop.canvas.view import JourneyView
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.theme import FontRole

MIN_TITLE_PX = 24.0  # card titles on a 1080-pixel-high screen, one stage shown
REFERENCE_HEIGHT = 1080.0


def stage_zoom(view: JourneyView, stage_id: str) -> float:
    """The zoom that shows one stage (with the lane headers) as large as fits, but never with
    card titles under MIN_TITLE_PX (scaled to the screen's height)."""
    layout = view.journey_scene.layout
    stage = layout.stage_box(stage_id)
    viewport = view.viewport().rect()
    # Measured against the whole screen (the window is full screen), not what the bars above
    # the map leave of it.
    screen_height = max(viewport.height(), view.window().height())
    least = MIN_TITLE_PX * screen_height / REFERENCE_HEIGHT / \
        theme.font_size(FontRole.CARD_TITLE)
    wide = theme.LANE_HEADER_WIDTH + stage.column.w + 2 * theme.MARGIN
    fit = min(viewport.width() / wide, viewport.height() / max(1.0, layout.height))
    return max(least, fit)


def show_stage(view: JourneyView, stage_id: str) -> None:
    """One stage, right of the (frozen) lane headers, centred in the room left there, from
    the top of the map."""
    layout = view.journey_scene.layout
    if not any(s.stage_id == stage_id for s in layout.stages):
        return
    view.set_zoom(stage_zoom(view, stage_id))
    stage = layout.stage_box(stage_id)
    zoom = view.zoom
    visible_w = view.viewport().width() / zoom
    visible_h = view.viewport().height() / zoom
    spare = max(0.0, visible_w - theme.LANE_HEADER_WIDTH - stage.column.w)
    left = stage.column.x - theme.LANE_HEADER_WIDTH - spare / 2
    view.centerOn(QPointF(left + visible_w / 2, visible_h / 2))
    view.pin_headers()


def show_whole(view: JourneyView) -> None:
    view.fit_to_window()


def follow_card(view: JourneyView, card_id: str) -> None:
    """Scroll so the card is in sight (a card just captured, or voted on)."""
    item = view.journey_scene.card_items.get(card_id)
    if item is None or not item.isVisible():
        return
    view.ensureVisible(item.sceneBoundingRect(), 40, 60)
