"""The map from afar: which level of detail a card shows at a zoom, and the far title.

At a zoom where a card's own text would be a few pixels high (a 40-card map fitted to a laptop's
window sits near 30 %), a card shows its title alone, set larger so that it stays about
`TITLE_SCREEN_PX` high on screen, wrapped to the card's width and cut with an ellipsis to the
lines its box holds. Further out still it is a plain box. The canvas asks `card_detail` and
draws `picture.card_title_items`; a PNG drawn at such a scale gets the same items.

The frozen headers keep a size on screen within a band whatever the zoom (`header_scale`).
"""

from __future__ import annotations

import math
from typing import Literal

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.display import Text
from journeymap_desktop.layout.engine import starts_right_to_left
from journeymap_desktop.layout.geometry import StageBox
from journeymap_desktop.layout.text import Wrapper
from journeymap_desktop.layout.theme import FontRole, Role

Detail = Literal["full", "title", "box"]

# From this zoom a card shows everything (its title is >= 7 px on screen there; below, its
# body is under 7 px and only its title, set larger, reads).
FULL_FROM = 0.6
# The far title's size on screen, in pixels, as long as TITLE_SCALES reach it.
TITLE_SCREEN_PX = 10.0
# The far title's font scales (times the card title's size, 12): whole pixel sizes, few of
# them, so a card wraps its far title a handful of times at most.
TITLE_SCALES = (1.5, 2.0, 2.5, 3.0, 3.5)
# Below this zoom even the largest far title would be under ~5 px: boxes only.
TITLES_FROM = 0.12
FAR_PAD = 8.0  # inside the card, around the far title (layout units, before the scale)
FEELING_STRIP = 5.0  # the feeling's strip along the right edge, times the far scale
LEAST_WORD_FIT = 0.7  # how much smaller a far title may be set to keep its words whole (~8 px)


def card_detail(zoom: float) -> Detail:
    """How much a card shows at `zoom` (the view's scale: 1 = 100 %)."""
    if zoom >= FULL_FROM:
        return "full"
    return "title" if zoom >= TITLES_FROM else "box"


def title_scale(zoom: float) -> float:
    """The far title's font scale at `zoom`: the smallest of TITLE_SCALES that sets it at least
    TITLE_SCREEN_PX high, else the largest."""
    size = theme.font_size(FontRole.CARD_TITLE)
    for scale in TITLE_SCALES:
        if size * scale * zoom >= TITLE_SCREEN_PX:
            return scale
    return TITLE_SCALES[-1]


def _fitting_scale(wrapper: Wrapper, text: str, role: FontRole, width: float) -> float:
    """The largest scale at which the text's widest word fits `width`."""
    widest = max((wrapper.width(word, role) for word in text.split()), default=0.0)
    return width / (widest + 1.0) if widest > 0 else math.inf


def strip_width(scale: float) -> float:
    return FEELING_STRIP * scale


def title_lines(wrapper: Wrapper, title: str, height: float, scale: float,
                feeling: bool) -> tuple[Text, ...]:
    """A card's title at font `scale`, relative to its top-left corner: wrapped to the card's
    width (less the kind bar and, with a `feeling`, its strip), as many lines as a card
    `height` high holds (at least one), the last cut with an ellipsis."""
    role = FontRole.CARD_TITLE
    measurer = wrapper.measurer
    step = theme.line_height(role) * scale
    left = theme.CARD_MARKER_WIDTH * 2.0 + FAR_PAD
    right = FAR_PAD + (strip_width(scale) if feeling else 0.0)
    width = theme.CARD_WIDTH - left - right
    room = height - 2 * FAR_PAD
    # A word wider than the card at this size (a long name, a German compound) sets the
    # title a little smaller rather than broken between letters.
    scale = max(min(scale, _fitting_scale(wrapper, title, role, width)),
                scale * LEAST_WORD_FIT)
    step = theme.line_height(role) * scale
    max_lines = max(1, math.floor(room / step + 1e-6))
    wrapped = wrapper.wrap(title, role, width / scale, max_lines)
    ascent, descent = measurer.ascent(role), measurer.descent(role)
    offset = ((theme.line_height(role) - (ascent + descent)) / 2 + ascent) * scale
    # Few lines in a tall card: start them a little lower, as a label sits on a box.
    top = FAR_PAD + max(0.0, (room - len(wrapped.lines) * step) / 2) * 0.5
    rtl = starts_right_to_left(title)  # Hebrew or Arabic reads from the right edge
    lines = []
    for i, line in enumerate(wrapped.lines):
        measured = wrapper.width(line, role) * scale
        x = left + width - measured if rtl else left
        lines.append(Text(line, x, top + i * step + offset, role, Role.INK, measured, scale))
    return tuple(lines)


# ----- frozen headers ------------------------------------------------------------------------
# The canvas's frozen stage and lane headers (and the corner) are drawn at the zoom, kept within
# this band: from afar no smaller than 70 % of their size (their names stay readable at a
# 40-card map's fit zoom), close up no larger than 100 % (at 400 % the lane headers' column is
# 168 px, not 672).
HEADER_LEAST = 0.7
HEADER_MOST = 1.0


def header_screen_scale(zoom: float, most: float = HEADER_MOST) -> float:
    """How large the frozen headers are on screen at `zoom` (1 = their layout size), growing
    to `most` at the most (a map shown to a room lets them grow larger)."""
    return min(most, max(HEADER_LEAST, zoom))


def header_scale(zoom: float, most: float = HEADER_MOST) -> float:
    """The frozen headers' size in scene units per layout unit at `zoom`: 1 within the band,
    less when zoomed in past it, more when zoomed out below it."""
    return header_screen_scale(zoom, most) / zoom if zoom > 0 else 1.0


def stage_name_far(wrapper: Wrapper, name: str, stage: StageBox,
                   scale: float) -> tuple[Text, ...]:
    """A stage's name for its header drawn `scale` (> 1) times its layout size: where the laid
    out name starts, wrapped to the width the column leaves at that size (its description is
    left out). In layout units, before the scale, like `stage.name`."""
    role = FontRole.STAGE
    if not stage.name:
        return ()
    first = stage.name[0]
    width = stage.header.w / scale - 2 * theme.HEADER_PAD
    # A word too wide for the column at this size: smaller (not below its size at the zoom,
    # 1 / scale), rather than broken between letters.
    shrink = max(min(1.0, _fitting_scale(wrapper, name, role, width)), 1.0 / scale)
    width /= shrink
    wrapped = wrapper.wrap(name, role, width, theme.STAGE_NAME_MAX_LINES)
    step = theme.line_height(role) * shrink
    rtl = starts_right_to_left(name)
    left = stage.header.x + theme.HEADER_PAD
    lines = []
    for i, line in enumerate(wrapped.lines):
        measured = wrapper.width(line, role) * shrink
        x = left + width * shrink - measured if rtl else left
        lines.append(Text(line, x, first.baseline + i * step, role, Role.INK, measured,
                          shrink))
    return tuple(lines)
