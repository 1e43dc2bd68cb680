"""Page geometry from the map's size and the options: pure, shared by the dialog and the CLI.

All boxes are PDF points with the origin at a page's bottom-left (y up), as they are written
into the file. A poster's "art" is the poster frame (title block, legend, map) scaled by
`scale` layout units -> points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Literal

from journeymap_desktop.export.frame import (
    HEADER_GAP,
    HEADER_SMALLEST_TEXT,
    HeaderFrame,
    header_frame,
)
from journeymap_desktop.export.options import MAX_PAGE_PT, MM, OptionsError, PdfOptions, parse_paper
from journeymap_desktop.layout import theme

PageKind = Literal["poster", "assembly", "tile", "handout_overview"]

MAX_SHEETS = 500
SHEET_MARGIN_MM = 12.0  # office printers cannot print to the edge; labels live here
CROP_MARK_MIN_OFFSET_MM = 3.0  # marks start at least this far outside the trim ...
CROP_MARK_BLEED_GAP_MM = 2.0  # ... and this far outside the bleed
CROP_MARK_LENGTH_MM = 7.0
HANDOUT_MARGIN_MM = 15.0
HANDOUT_FOOTER_MM = 10.0
HANDOUT_HEADER_PT = 150.0  # title, description, persona and date on the overview page
HANDOUT_LEGEND_PT = 64.0
ASSEMBLY_MARGIN_MM = 15.0
ASSEMBLY_HEADER_PT = 84.0
ASSEMBLY_FOOTER_PT = 118.0
HEADER_PAPER_UNITS = 1600.0  # the short side of the trim over this: points per header unit
MAX_HEADER_SHARE = 0.4  # the header never takes more of the poster's height than this


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)

    def inset(self, d: float) -> Box:
        return Box(self.x0 + d, self.y0 + d, self.x1 - d, self.y1 - d)

    def outset(self, d: float) -> Box:
        return self.inset(-d)

    def intersect(self, other: Box) -> Box:
        return Box(max(self.x0, other.x0), max(self.y0, other.y0), min(self.x1, other.x1),
                   min(self.y1, other.y1))


@dataclass(frozen=True)
class PagePlan:
    """One page. `content` is where this page's main drawing goes (page coordinates):
    poster: the poster art at `scale`; tile: the printed image of `window` (a part of the
    poster's trim, in poster coordinates) at scale 1; assembly: the poster miniature at
    `scale` (poster points -> page points); handout_overview: the map at `scale`."""

    kind: PageKind
    media: Box
    trim: Box
    bleed: Box
    content: Box
    scale: float
    label: str = ""
    row: int = -1
    column: int = -1
    window: Box | None = None

    @property
    def size(self) -> tuple[float, float]:
        return (self.media.width, self.media.height)


@dataclass(frozen=True)
class PosterPlan:
    """The poster: trim size, orientation, and where its two parts sit in the trim
    (coordinates relative to the trim's bottom-left): the header (title block and legend),
    sized by the paper, and the map at `scale` below it, as large as the rest allows."""

    paper: str
    landscape: bool
    trim_size: tuple[float, float]
    scale: float  # map: layout units -> points
    art: Box  # header and map together
    safe_margin: float
    header_scale: float  # header units -> points
    header_frame: HeaderFrame
    header: Box  # where the header frame goes, its margins included
    map: Box  # where the map layout goes
    rule_y: float  # the hairline between header and map

    @property
    def orientation(self) -> str:
        return "landscape" if self.landscape else "portrait"

    @property
    def smallest_header_text(self) -> float:
        """The title block's and legend's smallest text as printed, in points."""
        return HEADER_SMALLEST_TEXT * self.header_scale


def safe_margin(trim: tuple[float, float]) -> float:
    """Empty border inside the trim: 2.5 % of the short side, 8..25 mm (trimming tolerance
    plus breathing room that scales with the poster)."""
    return min(max(0.025 * min(trim), 8 * MM), 25 * MM)


def _fit(size: tuple[float, float], box: tuple[float, float]) -> float:
    w, h = size
    return min(box[0] / max(w, 1e-9), box[1] / max(h, 1e-9))


def header_scale(trim: tuple[float, float], min_text_pt: float) -> float:
    """Points per header unit: in proportion to the paper (about a ninth of the short side
    for the header), never so small that the legend's captions fall under the minimum."""
    return max(min(trim) / HEADER_PAPER_UNITS, min_text_pt / HEADER_SMALLEST_TEXT)


def _plan(layout_size: tuple[float, float], paper: str, landscape: bool,
          trim: tuple[float, float], min_text_pt: float) -> PosterPlan:
    w, h = trim
    margin = safe_margin(trim)
    safe_w, safe_h = w - 2 * margin, h - 2 * margin
    edge = float(theme.MARGIN)  # the header frame's own margin, laid over the safe margin
    k = header_scale(trim, min_text_pt)
    header = header_frame(safe_w / k + 2 * edge)
    if (header.height - edge + HEADER_GAP) * k > MAX_HEADER_SHARE * safe_h:
        k = MAX_HEADER_SHARE * safe_h / (header.height - edge + HEADER_GAP)
        header = header_frame(safe_w / k + 2 * edge)
    header_h = (header.height - edge) * k
    gap = HEADER_GAP * k
    scale = _fit(layout_size, (safe_w, max(safe_h - header_h - gap, 1.0)))
    map_w, map_h = layout_size[0] * scale, layout_size[1] * scale
    # At the optical centre: a third of any spare height above the title, two thirds below
    # the map (a centred block looks low; one pinned to the top looks unfinished).
    spare = max(0.0, safe_h - header_h - gap - map_h)
    top = h - margin - spare / 3  # PDF y grows upwards
    header_box = Box(margin - edge * k, top + edge * k - header.height * k,
                     margin - edge * k + header.width * k, top + edge * k)
    map_top = top - header_h - gap
    x0 = (w - map_w) / 2
    map_box = Box(x0, map_top - map_h, x0 + map_w, map_top)
    art = Box(min(margin, x0), map_box.y0, max(w - margin, map_box.x1), top)
    return PosterPlan(paper, landscape, trim, scale, art, margin, k, header, header_box,
                      map_box, top - header_h - gap / 2)


def plan_poster(layout_size: tuple[float, float], options: PdfOptions) -> PosterPlan:
    """Orientation and scale of the poster on the chosen paper (auto: the one that prints
    the map larger; a tie goes to landscape, the usual shape of a journey map). A custom
    WxHmm paper keeps the orientation it was given in."""
    paper = options.paper_spec
    candidates = []
    for landscape in (True, False):
        if options.orientation == "landscape" and not landscape:
            continue
        if options.orientation == "portrait" and landscape:
            continue
        if options.orientation == "auto" and paper.is_custom \
                and landscape != (paper.width_mm > paper.height_mm):
            continue
        trim = paper.oriented(landscape)
        candidates.append(_plan(layout_size, paper.name, landscape, trim, options.min_text_pt))
    return max(candidates, key=lambda c: (c.scale, c.landscape))


def print_margin(options: PdfOptions) -> float:
    """How far the media extends beyond the trim on each side: the bleed, plus room for crop
    marks when they are asked for."""
    bleed = options.bleed_mm * MM
    if not options.crop_marks:
        return bleed
    return crop_mark_offset(options) + CROP_MARK_LENGTH_MM * MM


def crop_mark_offset(options: PdfOptions) -> float:
    """Distance from the trim to where crop marks start: outside the bleed, so trimming a
    little off never leaves a mark on the poster."""
    return max(CROP_MARK_MIN_OFFSET_MM, options.bleed_mm + CROP_MARK_BLEED_GAP_MM) * MM


def _poster_page(poster: PosterPlan, options: PdfOptions) -> PagePlan:
    outer = print_margin(options)
    bleed = options.bleed_mm * MM
    tw, th = poster.trim_size
    media = Box(0, 0, tw + 2 * outer, th + 2 * outer)
    if max(media.width, media.height) > MAX_PAGE_PT + 1e-6:
        raise OptionsError(f"the page with bleed and marks would be "
                           f"{media.width / MM:.0f}x{media.height / MM:.0f} mm, larger than "
                           f"PDF allows (200 in = {MAX_PAGE_PT / MM:.0f} mm a side)")
    trim = Box(outer, outer, outer + tw, outer + th)
    art = poster.art
    content = Box(trim.x0 + art.x0, trim.y0 + art.y0, trim.x0 + art.x1, trim.y0 + art.y1)
    return PagePlan("poster", media, trim, trim.outset(bleed), content, poster.scale)


def row_label(row: int) -> str:
    """A, B, ..., Z, AA, AB, ... like spreadsheet columns."""
    label = ""
    row += 1
    while row:
        row, rest = divmod(row - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def _tile_grid(poster: tuple[float, float], sheet: tuple[float, float],
               overlap: float) -> tuple[int, int]:
    margin = SHEET_MARGIN_MM * MM
    iw, ih = sheet[0] - 2 * margin, sheet[1] - 2 * margin
    columns = max(1, math.ceil((poster[0] - overlap) / (iw - overlap) - 1e-9))
    rows = max(1, math.ceil((poster[1] - overlap) / (ih - overlap) - 1e-9))
    return rows, columns


def _tile_pages(poster: PosterPlan, options: PdfOptions) -> list[PagePlan]:
    assert options.tile is not None
    sheet_paper = parse_paper(options.tile)
    overlap = options.overlap_mm * MM
    margin = SHEET_MARGIN_MM * MM
    best: tuple[int, bool, tuple[int, int]] | None = None
    for landscape in (False, True):
        sheet = sheet_paper.oriented(landscape)
        if overlap * 2 > min(sheet) - 2 * margin:
            raise OptionsError(f"an overlap of {options.overlap_mm:g} mm is too large for "
                               f"{sheet_paper.name} sheets")
        rows, columns = _tile_grid(poster.trim_size, sheet, overlap)
        if best is None or rows * columns < best[0]:
            best = (rows * columns, landscape, (rows, columns))
    assert best is not None
    count, landscape, (rows, columns) = best
    if count > MAX_SHEETS:
        raise OptionsError(f"the {poster.paper} poster needs {count} {sheet_paper.name} sheets; "
                           f"the limit is {MAX_SHEETS} (choose a smaller poster or larger "
                           f"sheets)")
    sw, sh = sheet_paper.oriented(landscape)
    media = Box(0, 0, sw, sh)
    image = media.inset(margin)
    step_x, step_y = image.width - overlap, image.height - overlap
    ph = poster.trim_size[1]
    pages = [_assembly_page(poster, options, rows, columns)]
    for row in range(rows):
        for column in range(columns):
            x0 = column * step_x
            top = ph - row * step_y
            window = Box(x0, top - image.height, x0 + image.width, top)
            pages.append(PagePlan("tile", media, media, media, image, 1.0,
                                  f"{row_label(row)}{column + 1}", row, column, window))
    return pages


def _assembly_page(poster: PosterPlan, options: PdfOptions, rows: int,
                   columns: int) -> PagePlan:
    assert options.tile is not None
    sheet_paper = parse_paper(options.tile)
    margin = ASSEMBLY_MARGIN_MM * MM
    best: PagePlan | None = None
    for landscape in (True, False):
        sw, sh = sheet_paper.oriented(landscape)
        media = Box(0, 0, sw, sh)
        room = Box(margin, margin + ASSEMBLY_FOOTER_PT, sw - margin,
                   sh - margin - ASSEMBLY_HEADER_PT)
        scale = _fit(poster.trim_size, (room.width, room.height))
        w, h = poster.trim_size[0] * scale, poster.trim_size[1] * scale
        x0 = room.x0 + (room.width - w) / 2
        y0 = room.y0 + (room.height - h) / 2
        plan = PagePlan("assembly", media, media, media, Box(x0, y0, x0 + w, y0 + h), scale)
        if best is None or scale > best.scale + 1e-9:
            best = plan
    assert best is not None
    return replace(best, label=f"{rows}x{columns}")


def _handout_pages(layout_size: tuple[float, float], options: PdfOptions) -> list[PagePlan]:
    paper = options.paper_spec
    sw, sh = paper.oriented(landscape=False)
    media = Box(0, 0, sw, sh)
    margin = HANDOUT_MARGIN_MM * MM
    room = Box(margin, margin + HANDOUT_FOOTER_MM * MM + HANDOUT_LEGEND_PT,
               sw - margin, sh - margin - HANDOUT_HEADER_PT)
    scale = _fit(layout_size, (room.width, room.height))
    w, h = layout_size[0] * scale, layout_size[1] * scale
    x0 = room.x0 + (room.width - w) / 2
    content = Box(x0, room.y1 - h, x0 + w, room.y1)
    return [PagePlan("handout_overview", media, media, media, content, scale)]


def plan_pages(layout_size: tuple[float, float], options: PdfOptions) -> list[PagePlan]:
    """The pages an export will have, from the map layout's size (MapLayout.width/height).

    Poster: one page. Tiles: an assembly guide, then the sheets row by row. Handout: the
    overview page; the pages of card text that follow depend on the text and are all of the
    overview's size. Raises OptionsError when the result would be out of bounds.
    """
    if options.handout:
        return _handout_pages(layout_size, options)
    poster = plan_poster(layout_size, options)
    if options.tile is not None:
        return _tile_pages(poster, options)
    return [_poster_page(poster, options)]
