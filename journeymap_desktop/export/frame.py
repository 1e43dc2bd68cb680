"""The poster's composition: a header (title block and legend) above the map.

Pure geometry, so page planning (shared by the dialog and the command line) knows the poster's
proportions before anything is drawn. The header is laid out in its own units at a fixed
height; the title block fits its text into it (wrapping, then an ellipsis).

On paper the header is sized by the paper and the map by what is left (plan.plan_poster), so a
big map never shrinks the title; in SVG and PNG files, which have no paper, both share the
map's units (`poster_frame`).
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.geometry import Rect

HEADER_HEIGHT = 176.0
LEGEND_WIDTH = 448.0
LEGEND_HEIGHT = HEADER_HEIGHT
HEADER_GAP = 32.0  # between the header and the map, and between title block and legend
MIN_TITLE_WIDTH = 360.0
SIDE_BY_SIDE_WIDTH = 2 * theme.MARGIN + MIN_TITLE_WIDTH + HEADER_GAP + LEGEND_WIDTH
STACKED_WIDTH = 2 * theme.MARGIN + max(LEGEND_WIDTH, MIN_TITLE_WIDTH)
HEADER_SMALLEST_TEXT = float(theme.FONTS[theme.FontRole.CAPTION].size)  # legend captions


@dataclass(frozen=True)
class HeaderFrame:
    """The title block and the legend in header units, with a margin all round."""

    width: float
    height: float  # from the top edge to the bottom of the lower of the two blocks
    title: Rect
    legend: Rect


def header_frame(width: float) -> HeaderFrame:
    """Side by side when `width` allows, else the legend under the title block."""
    margin = float(theme.MARGIN)
    if width >= SIDE_BY_SIDE_WIDTH:
        title = Rect(margin, margin, width - 2 * margin - HEADER_GAP - LEGEND_WIDTH,
                     HEADER_HEIGHT)
        legend = Rect(width - margin - LEGEND_WIDTH, margin, LEGEND_WIDTH, LEGEND_HEIGHT)
        return HeaderFrame(width, margin + HEADER_HEIGHT, title, legend)
    width = max(width, STACKED_WIDTH)
    title = Rect(margin, margin, width - 2 * margin, HEADER_HEIGHT)
    legend = Rect(margin, margin + HEADER_HEIGHT + HEADER_GAP, LEGEND_WIDTH, LEGEND_HEIGHT)
    return HeaderFrame(width, legend.bottom, title, legend)


@dataclass(frozen=True)
class PosterFrame:
    """Header and map in the map's units (files without paper)."""

    width: float
    height: float
    title: Rect  # the title block: title, description, persona, date
    legend: Rect
    rule_y: float  # a hairline between header and map
    map_origin: tuple[float, float]  # where the map layout's (0, 0) goes

    @property
    def size(self) -> tuple[float, float]:
        return (self.width, self.height)

    @property
    def header(self) -> HeaderFrame:
        return HeaderFrame(self.width, self.rule_y - HEADER_GAP / 2, self.title, self.legend)


def poster_frame(map_width: float, map_height: float) -> PosterFrame:
    margin = float(theme.MARGIN)
    header = header_frame(map_width)
    width = header.width
    rule_y = header.height + HEADER_GAP / 2
    # The map layout has its own margin at the top, so it starts MARGIN below its origin.
    origin = ((width - map_width) / 2, header.height + HEADER_GAP - margin)
    return PosterFrame(width, origin[1] + map_height, header.title, header.legend, rule_y,
                       origin)
