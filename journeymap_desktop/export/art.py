"""The poster's picture as one display list: title block, legend, a rule, then the map.

PDF posters and tiles, SVG and PNG files all draw exactly this list (in the poster frame's layout
units, y down), each with its own renderer; only the paper around it (bleed, crop marks, sheet
labels) is the PDF's own.
"""

from __future__ import annotations

from journeymap_desktop.export.frame import HeaderFrame, PosterFrame, poster_frame
from journeymap_desktop.export.titleblock import LEGEND_FACE_RADIUS, TitleBlock
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.display import Box, Group, Item, Lines
from journeymap_desktop.layout.geometry import MapLayout
from journeymap_desktop.layout.picture import FACE_RADII, map_items
from journeymap_desktop.layout.theme import Role
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.map import JourneyMap

POSTER_FACE_RADII = (*FACE_RADII, LEGEND_FACE_RADIUS)
RULE_WIDTH = 1.0


def header_items(journey: JourneyMap, measurer: FontMeasurer, header: HeaderFrame,
                 note: str = "") -> list[Item]:
    """The title block and the legend, in header units; `note` is one more line under the
    date (what a brief density leaves out)."""
    block = TitleBlock(measurer)
    return [*block.title_items(journey, header.title, note),
            *block.legend_items(header.legend, journey.scale, journey)]


def poster_items(journey: JourneyMap, layout: MapLayout, measurer: FontMeasurer,
                 frame: PosterFrame | None = None, background: bool = False) -> list[Item]:
    """Everything on the poster in one coordinate space (SVG and PNG files); with
    `background`, first a box of the canvas colour under all of it (files have no page to
    fill)."""
    frame = frame or poster_frame(layout.width, layout.height)
    items: list[Item] = []
    if background:
        items.append(Box(0.0, 0.0, frame.width, frame.height, Role.CANVAS))
    items += header_items(journey, measurer, frame.header)
    items.append(rule(frame.width, frame.rule_y))
    items.append(Group(*frame.map_origin, tuple(map_items(layout, journey))))
    return items


def rule(width: float, y: float) -> Lines:
    """The hairline between header and map, inside the margins."""
    return Lines(((float(theme.MARGIN), y, width - theme.MARGIN, y),), Role.GRID, RULE_WIDTH)
