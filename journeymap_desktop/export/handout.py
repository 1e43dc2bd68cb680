"""The handout: the map at a readable size (split into parts of a few stages when it must be),
then every card in full in two flowing columns, then the ranked pain points and opportunities;
each page with the map's title and "Page N of M" in the footer, and a PDF outline.

The overview never prints text under OVERVIEW_MIN_PT: it shows full cards when the whole map
fits that way, else card titles only (layout.density), in parts of as many stages as the
page's width allows; a part taller than a page goes on over the next, cut between lanes.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap_desktop.export.context import ExportContext, Progress
from journeymap_desktop.export.draw import PdfRenderer, Shapes, TextLayer, flip_to_layout, min_line
from journeymap_desktop.export.handout_flow import (
    HandoutPage,
    Item,
    OutlineMark,
    PageArea,
    flow_text_pages,
)
from journeymap_desktop.export.handout_matrix import prioritisation_pages
from journeymap_desktop.export.handout_results import results_pages
from journeymap_desktop.export.options import MM
from journeymap_desktop.export.plan import (
    HANDOUT_FOOTER_MM,
    HANDOUT_MARGIN_MM,
    PagePlan,
)
from journeymap_desktop.export.poster import paper_hairline
from journeymap_desktop.export.titleblock import (
    TitleBlock,
    date_line,
    depth_legend_rows,
    persona_summary,
)
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.density import DENSITIES, Density, smallest_text
from journeymap_desktop.layout.display import Box, Dots, Marker, Star, Text
from journeymap_desktop.layout.engine import LayoutEngine
from journeymap_desktop.layout.geometry import MapLayout
from journeymap_desktop.layout.picture import FACE_RADII, feeling_mark, map_items
from journeymap_desktop.layout.text import Wrapper
from journeymap_desktop.layout.theme import FontRole, Role
from journeymap_desktop.layout.typeface import FontMeasurer, ScaledMeasurer
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.queries import KIND_LABELS
from journeymap_desktop.model.scales import legend_levels, level_name, position

FOOTER_SIZE = 8.0
TITLE_FACTOR = 1.2  # the overview's title: MAP_TITLE at 24 pt
# A handout keeps every word of a map's description and personas, up to a sane length (a
# description may hold 20,000 characters).
DESCRIPTION_MAX_LINES = 10
PERSONAS_MAX_LINES = 4
LEGEND_FACE = 7.0
LEGEND_HEIGHT = 44.0
LEGEND_ROW = 18.0  # each further row of the legend
OVERVIEW_MIN_PT = 6.5  # the overview's smallest text as printed
PART_GAP = 12.0
PART_CAPTION = 16.0  # "Stages 1–3 of 6" above each part
FLOW_AFTER_OVERVIEW = 120.0  # the cards start under the overview when this much is left


def page_area(page: PagePlan) -> PageArea:
    w, h = page.size
    margin = HANDOUT_MARGIN_MM * MM
    return PageArea(w, h, margin, margin, w - margin, h - margin - HANDOUT_FOOTER_MM * MM)


# ----- the overview's plan ----------------------------------------------------------------------
@dataclass(frozen=True)
class OverviewPart:
    journey: JourneyMap  # the map with only this part's stages (and their cards)
    layout: MapLayout
    caption: str


@dataclass(frozen=True)
class OverviewSlice:
    """A window of a part (layout y0..y1) drawn on a page at `top` (points from the top)."""

    part: OverviewPart
    y0: float
    y1: float
    top: float
    caption: bool  # the part's caption above it (its first slice)
    # A part going on from the page before: its stage headers again above the slice, as a
    # table repeats its header row.
    repeat_header: bool = False

    @property
    def windows(self) -> list[tuple[float, float]]:
        """The windows of the part's layout (y0, y1) drawn one under another: the stage
        headers again when the part goes on from the page before, then the slice."""
        if self.repeat_header:
            return [header_band(self.part.layout), (self.y0, self.y1)]
        return [(self.y0, self.y1)]


@dataclass(frozen=True)
class OverviewPlan:
    density: Density
    scale: float
    pages: list[list[OverviewSlice]]
    flow_top: float | None  # where the cards begin on the last overview page, if there

    @property
    def smallest_pt(self) -> float:
        return smallest_text(self.density) * self.scale


def _part_journey(journey: JourneyMap, stage_ids: list[str]) -> JourneyMap:
    wanted = set(stage_ids)
    return journey.model_copy(update={
        "stages": [s for s in journey.stages if s.id in wanted],
        "cards": [c for c in journey.cards if c.stage_id in wanted],
    })


def _groups(count: int, parts: int) -> list[range]:
    """`count` stages in `parts` groups as even as can be, the larger ones first."""
    size, extra = divmod(count, parts)
    groups, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        groups.append(range(start, end))
        start = end
    return [g for g in groups if len(g)]


def _parts(journey: JourneyMap, measurer: FontMeasurer,
           width: float) -> tuple[Density, float, list[OverviewPart]]:
    """The richest way to show the map in one part at OVERVIEW_MIN_PT or more; else titles
    only, in as few parts (groups of stages) as the width allows."""
    stages = journey.stages
    whole = None
    for density in DENSITIES:
        layout = LayoutEngine(measurer, density).layout(journey)
        scale = min(1.0, width / layout.width)
        whole = (density, scale, [OverviewPart(journey, layout, "")])
        if smallest_text(density) * scale >= OVERVIEW_MIN_PT - 1e-6:
            return whole
    engine = LayoutEngine(measurer, Density.TITLES)
    for count in range(2, max(2, len(stages)) + 1):
        groups = _groups(len(stages), count)
        parts = []
        for group in groups:
            part = _part_journey(journey, [stages[i].id for i in group])
            caption = (f"Stage {group.start + 1} of {len(stages)}" if len(group) == 1 else
                       f"Stages {group.start + 1}–{group.stop} of {len(stages)}")
            parts.append(OverviewPart(part, engine.layout(part), caption))
        scale = min(1.0, width / max(p.layout.width for p in parts))
        if smallest_text(Density.TITLES) * scale >= OVERVIEW_MIN_PT - 1e-6:
            return Density.TITLES, scale, parts
    assert whole is not None
    return whole


def _cuts(layout: MapLayout) -> list[float]:
    """Where a part may be cut between pages: under each lane (a page never ends with the
    stage headers alone); the last is the bottom of the grid (the layout's margins around
    the grid are left out on paper)."""
    return [lane.row.bottom for lane in layout.lanes] or [layout.corner.bottom]


def header_band(layout: MapLayout) -> tuple[float, float]:
    """The layout's stage header row, y0..y1 (repeated above a part going on)."""
    return layout.corner.y, layout.lanes[0].row.y if layout.lanes else layout.corner.bottom


CUT_WHEN_ROOM = 1 / 3  # a part that does not fit begins anyway when this much page is left


def plan_overview(journey: JourneyMap, measurer: FontMeasurer, area: PageArea,
                  first_top: float) -> OverviewPlan:
    """Parts placed whole, one under another, on as few pages as hold them. A part that
    does not fit what is left of a page goes on over the next one, cut between lanes and
    under its stage headers again, when a good share of the page is left (a part taller
    than a page always is). The overview is drawn as large as the page's width allows,
    unless a little smaller (its text still at OVERVIEW_MIN_PT or more) saves a page or a
    cut."""
    density, scale, parts = _parts(journey, measurer, area.inner_width)
    pages, y = _place_parts(parts, scale, area, first_top)
    smallest = OVERVIEW_MIN_PT / smallest_text(density)
    if smallest < scale - 1e-6:
        smaller_pages, smaller_y = _place_parts(parts, smallest, area, first_top)
        if (len(smaller_pages), sum(map(len, smaller_pages))) < (len(pages),
                                                                 sum(map(len, pages))):
            scale, pages, y = smallest, smaller_pages, smaller_y
    flow_top = y if area.bottom - y >= FLOW_AFTER_OVERVIEW else None
    return OverviewPlan(density, scale, pages, flow_top)


def _place_parts(parts: list[OverviewPart], scale: float, area: PageArea,
                 first_top: float) -> tuple[list[list[OverviewSlice]], float]:
    """The slices of each page at `scale`, and where the last one ends."""
    pages: list[list[OverviewSlice]] = [[]]
    y = first_top
    page_height = area.bottom - area.top

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = area.top

    for part in parts:
        caption = bool(part.caption)
        head = PART_CAPTION if caption else 0.0
        cuts = _cuts(part.layout)
        start = part.layout.corner.y
        whole = head + (cuts[-1] - start) * scale
        band = header_band(part.layout)
        # A part that does not fit begins on this page only when a good share of the page
        # is left (then it goes on over the next, under its stage headers again), or when
        # it could never fit a page whole.
        if whole > area.bottom - y and pages[-1] and whole <= page_height and (
                area.bottom - y < page_height * CUT_WHEN_ROOM):
            new_page()
        repeat = False
        while start < cuts[-1] - 1e-6:
            header = (band[1] - band[0]) if repeat else 0.0
            room = (area.bottom - y - head) / scale - header
            fits = [c for c in cuts if start < c <= start + room + 1e-6]
            if not fits:
                if pages[-1]:
                    new_page()
                    continue
                fits = [min(c for c in cuts if c > start)]  # one lane taller than a page
            end = fits[-1]
            pages[-1].append(OverviewSlice(part, start, end, y + head, caption, repeat))
            y += head + (header + end - start) * scale + PART_GAP
            start, caption, head, repeat = end, False, 0.0, True
    return pages, y


# ----- drawing ---------------------------------------------------------------------------------
class HandoutPainter:
    def __init__(self, ctx: ExportContext, page: PagePlan) -> None:
        self.ctx = ctx
        self.c = ctx.canvas
        self.palette = ctx.palette
        self.shapes: Shapes = ctx.shapes
        self.plan = page
        self.area = page_area(page)
        self.renderer = PdfRenderer(self.c, self.palette, self.shapes)
        self._outlined: set[str] = set()

    def draw_items(self, items: list[Item], text: TextLayer) -> None:
        self.renderer.draw(items, text=text)

    def footer(self, number: int, total: int, text: TextLayer) -> None:
        a = self.area
        y = a.height - HANDOUT_MARGIN_MM * MM
        c = self.c
        c.setStrokeColor(self.palette(theme.GRID_LINE, line=True))
        c.setLineWidth(0.75)
        c.line(a.left, y - 12, a.right, y - 12)
        label = f"Page {number} of {total}"
        label_w = text.width(label, FOOTER_SIZE, False)
        text.draw(label, a.right - label_w, y, FOOTER_SIZE, False, theme.INK_SOFT)
        title = text.fit(self.ctx.journey.title, FOOTER_SIZE, False,
                         a.inner_width - label_w - 24)
        text.draw(title, a.left, y, FOOTER_SIZE, False, theme.INK_SOFT)

    def begin(self) -> TextLayer:
        c = self.c
        c.setPageSize(self.plan.size)
        c.setTrimBox(self.plan.trim.as_tuple())
        c.setBleedBox(self.plan.bleed.as_tuple())
        c.saveState()
        flip_to_layout(c, 0, self.area.height, 1.0)
        return TextLayer(c, self.palette)

    def end(self, text: TextLayer) -> None:
        text.flush()
        self.c.restoreState()
        self.c.showPage()

    def outline(self, mark: OutlineMark) -> None:
        """An outline entry for a section beginning at (x, y) on the current page; stages
        hang under a "Stages" entry of their own."""
        c = self.c
        key = f"mark{len(self._outlined)}"
        self._outlined.add(key)
        y = self.area.height - mark.y
        c.bookmarkHorizontalAbsolute(key, y)
        if mark.depth == 1 and "stages" not in self._outlined:
            self._outlined.add("stages")
            c.bookmarkHorizontalAbsolute("stages", y)
            c.addOutlineEntry("Stages", "stages", level=0)
        c.addOutlineEntry(mark.title, key, level=mark.depth)

    # ----- the overview ---------------------------------------------------------------------
    def header(self, text: TextLayer) -> float:
        """Title, description, persona and date at the top of the first page; returns where
        the legend and the map go."""
        ctx = self.ctx
        journey = ctx.journey
        a = self.area
        plain = Wrapper(ctx.measurer)
        big = Wrapper(ScaledMeasurer(ctx.measurer, TITLE_FACTOR))
        m = ctx.measurer
        items: list[Item] = []

        def line(value: str, y: float, role: FontRole, colour: str,
                 wrapper: Wrapper = plain, factor: float = 1.0) -> None:
            items.append(Text(value, a.left, m.baseline(y, role, factor), role, colour,
                              wrapper.width(value, role), factor))

        y = a.top
        line("CUSTOMER JOURNEY MAP", y, FontRole.CAPTION_BOLD, Role.INK_SOFT)
        y += theme.line_height(FontRole.CAPTION_BOLD) + 2
        title_lh = theme.line_height(FontRole.MAP_TITLE) * TITLE_FACTOR
        for value in big.wrap(journey.title, FontRole.MAP_TITLE, a.inner_width, 2).lines:
            line(value, y, FontRole.MAP_TITLE, Role.INK, big, TITLE_FACTOR)
            y += title_lh
        y += 2
        body_h = theme.line_height(FontRole.CARD_BODY)
        for value in plain.wrap(journey.description, FontRole.CARD_BODY, a.inner_width,
                                DESCRIPTION_MAX_LINES).lines:
            line(value, y, FontRole.CARD_BODY, Role.INK_SOFT)
            y += body_h
        caption_h = theme.line_height(FontRole.CAPTION)
        for value in plain.wrap(persona_summary(journey), FontRole.CAPTION, a.inner_width,
                                PERSONAS_MAX_LINES).lines:
            line(value, y, FontRole.CAPTION, Role.INK)
            y += caption_h
        line(plain.fit(date_line(journey), FontRole.CAPTION, a.inner_width), y,
             FontRole.CAPTION, Role.INK_FAINT)
        y += caption_h + 8
        self.draw_items(items, text)
        self.legend(text, y)
        return y + legend_height(journey)

    def legend(self, text: TextLayer, top: float) -> None:
        a = self.area
        caption = FontRole.CAPTION
        measurer = Wrapper(self.ctx.measurer)
        items: list[Item] = []

        def label(value: str, x: float, baseline: float) -> float:
            width = measurer.width(value, caption)
            items.append(Text(value, x, baseline, caption, Role.INK_SOFT, width))
            return width

        x = a.left
        middle = top + LEGEND_FACE
        scale = self.ctx.journey.scale
        for level in legend_levels(scale):
            items.append(feeling_mark(x + LEGEND_FACE, middle, LEGEND_FACE,
                                      theme.face_tone(position(scale, level)),
                                      scale.marks == "dots"))
            width = label(level_name(scale, level), x + 2 * LEGEND_FACE + 4, middle + 3.5)
            x += 2 * LEGEND_FACE + 4 + width + 14
        x = a.left
        middle = top + 2 * LEGEND_FACE + 12
        for kind in theme.KIND_COLOURS:
            items.append(Marker(kind, x + 4, middle, 4.0))
            width = label(KIND_LABELS[kind], x + 12, middle + 3.5)
            x += 12 + width + 14
        items.append(Star(x + 6, middle, 6.0))
        x += 15 + label("Moment of truth", x + 15, middle + 3.5) + 14
        step = 2 * theme.VOTE_DOT_RADIUS + 3
        items.append(Dots(tuple((x + theme.VOTE_DOT_RADIUS + i * step, middle)
                                for i in range(3)), float(theme.VOTE_DOT_RADIUS), Role.VOTE))
        label("Votes", x + 3 * step + 3, middle + 3.5)
        self.draw_items(items, text)
        block = TitleBlock(self.ctx.measurer)
        for row in depth_legend_rows(self.ctx.journey):
            middle += LEGEND_ROW
            self.renderer.draw(block.legend_row(row, a.left, middle - theme.line_height(
                caption) / 2, a.inner_width), text=text)

    def overview_slices(self, plan: OverviewPlan, slices: list[OverviewSlice],
                        text: TextLayer) -> None:
        c = self.c
        a = self.area
        s = plan.scale
        for part_slice in slices:
            part = part_slice.part
            if part_slice.caption:
                self.draw_items([Text(part.caption, a.left, self.ctx.measurer.baseline(
                    part_slice.top - PART_CAPTION, FontRole.CAPTION_BOLD), FontRole.CAPTION_BOLD,
                    Role.INK_SOFT, Wrapper(self.ctx.measurer).width(part.caption,
                                                                  FontRole.CAPTION_BOLD))], text)
            width = part.layout.width * s
            x = a.left + (a.inner_width - width) / 2
            items = map_items(part.layout, part.journey, background=True)
            top = part_slice.top
            for y0, y1 in part_slice.windows:
                height = (y1 - y0) * s
                c.saveState()
                clip = c.beginPath()
                clip.rect(x, top, width, height)
                c.clipPath(clip, stroke=0, fill=0)
                c.translate(x, top)
                c.scale(s, s)
                c.translate(0, -y0)
                PdfRenderer(c, self.palette, self.shapes, paper_hairline(s), scale=s).draw(
                    items)
                c.restoreState()
                top += height
            self.draw_items([Box(x, part_slice.top, width, top - part_slice.top, None,
                                 Role.CARD_BORDER, 0.5)], text)


def write_handout(ctx: ExportContext, page: PagePlan, progress: Progress) -> int:
    """Draw the whole handout; returns its number of pages."""
    painter = HandoutPainter(ctx, page)
    area = painter.area
    measurer: FontMeasurer = ctx.measurer
    header_h = _header_height(ctx, area)
    overview = plan_overview(ctx.journey, measurer, area, header_h)
    ctx.shapes.prepare_faces((*FACE_RADII, LEGEND_FACE))
    ctx.shapes.prepare_faces(FACE_RADII, min_line(overview.scale))
    ctx.overview_scale = overview.scale
    ctx.overview_text_pt = overview.smallest_pt
    flow = flow_text_pages(ctx.journey, area, measurer, overview.flow_top)
    shared = overview.flow_top is not None
    matrix = prioritisation_pages(ctx.journey, area, measurer)
    votes = results_pages(ctx.journey, area, measurer)  # a page per voting round, last
    total = len(overview.pages) + len(flow) - (1 if shared else 0) + len(matrix) + len(votes)
    number = 0
    for index, slices in enumerate(overview.pages):
        number += 1
        text = painter.begin()
        if index == 0:
            painter.c.bookmarkPage("overview")
            painter.c.addOutlineEntry("Overview", "overview", level=0)
            painter.header(text)
        painter.overview_slices(overview, slices, text)
        last = index == len(overview.pages) - 1
        if last and shared:
            _flow_page(painter, flow[0], text)
        painter.footer(number, total, text)
        painter.end(text)
        progress(number / total)
    for flow_page in [*(flow[1:] if shared else flow), *votes]:
        number += 1
        text = painter.begin()
        _flow_page(painter, flow_page, text)
        painter.footer(number, total, text)
        painter.end(text)
        progress(number / total)
    for matrix_page in matrix:  # the prioritisation matrix and its ranked table
        number += 1
        text = painter.begin()
        for mark in matrix_page.marks:
            painter.outline(mark)
        painter.renderer.draw(matrix_page.items, text=text)
        painter.footer(number, total, text)
        painter.end(text)
        progress(number / total)
    return total


def _flow_page(painter: HandoutPainter, page: HandoutPage, text: TextLayer) -> None:
    for mark in page.marks:
        painter.outline(mark)
    painter.draw_items(page.items, text)


def _header_height(ctx: ExportContext, area: PageArea) -> float:
    """Where the overview's map begins on the first page (header and legend above it),
    measured by laying the header out without drawing it."""
    journey = ctx.journey
    plain = Wrapper(ctx.measurer)
    big = Wrapper(ScaledMeasurer(ctx.measurer, TITLE_FACTOR))
    y = area.top + theme.line_height(FontRole.CAPTION_BOLD) + 2
    y += len(big.wrap(journey.title, FontRole.MAP_TITLE, area.inner_width, 2).lines) \
        * theme.line_height(FontRole.MAP_TITLE) * TITLE_FACTOR + 2
    y += len(plain.wrap(journey.description, FontRole.CARD_BODY, area.inner_width,
                        DESCRIPTION_MAX_LINES).lines) * theme.line_height(FontRole.CARD_BODY)
    y += len(plain.wrap(persona_summary(journey), FontRole.CAPTION, area.inner_width,
                        PERSONAS_MAX_LINES).lines) * theme.line_height(FontRole.CAPTION)
    return y + theme.line_height(FontRole.CAPTION) + 8 + legend_height(journey)


def legend_height(journey: JourneyMap) -> float:
    """The first page's legend: faces, card kinds and markers, and the rows journey depth
    adds (evidence badges, blueprint lines)."""
    return LEGEND_HEIGHT + LEGEND_ROW * len(depth_legend_rows(journey))
