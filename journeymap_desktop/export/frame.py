"""The poster's composition in layout units: a title block and a legend above the map.

Pure geometry of the map's size only, so page planning (shared by the dialog and the command
line) knows the poster's proportions before anything is drawn. The header has a fixed height;
the title block fits its text into it (wrapping, then an ellipsis).
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


@dataclass(frozen=True)
class PosterFrame:
    width: float
    height: float
    title: Rect  # the title block: title, description, persona, date
    legend: Rect
    rule_y: float  # a hairline between header and map
    map_origin: tuple[float, float]  # where the map layout's (0, 0) goes

    @property
    def size(self) -> tuple[float, float]:
        return (self.width, self.height)


def poster_frame(map_width: float, map_height: float) -> PosterFrame:
    margin = float(theme.MARGIN)
    side_by_side_width = 2 * margin + MIN_TITLE_WIDTH + HEADER_GAP + LEGEND_WIDTH
    stacked_width = 2 * margin + max(LEGEND_WIDTH, MIN_TITLE_WIDTH)
    if map_width >= side_by_side_width:
        width = map_width
        title = Rect(margin, margin, width - 2 * margin - HEADER_GAP - LEGEND_WIDTH,
                     HEADER_HEIGHT)
        legend = Rect(width - margin - LEGEND_WIDTH, margin, LEGEND_WIDTH, LEGEND_HEIGHT)
        header_bottom = margin + HEADER_HEIGHT
    else:
        width = max(map_width, stacked_width)
        title = Rect(margin, margin, width - 2 * margin, HEADER_HEIGHT)
        legend = Rect(margin, margin + HEADER_HEIGHT + HEADER_GAP, LEGEND_WIDTH, LEGEND_HEIGHT)
        header_bottom = legend.bottom
    rule_y = header_bottom + HEADER_GAP / 2
    # The map layout has its own margin at the top, so it starts MARGIN below its origin.
    origin = ((width - map_width) / 2, header_bottom + HEADER_GAP - margin)
    return PosterFrame(width, origin[1] + map_height, title, legend, rule_y, origin)
