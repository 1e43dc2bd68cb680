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
from journeymap_desktop.export.handout_results import results_pages
from journeymap_desktop.export.options import MM
from journeymap_desktop.export.plan import (
    HANDOUT_FOOTER_MM,
    HANDOUT_MARGIN_MM,
    PagePlan,
)
from journeymap_desktop.export.poster import paper_hairline
from journeymap_desktop.export.titleblock import date_line, persona_summary
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
    """Where a part may be cut between pages: under its header row and under each lane."""
    return [layout.grid.y + (layout.lanes[0].row.y - layout.grid.y if layout.lanes else 0),
            *(lane.row.bottom for lane in layout.lanes), layout.height]


def plan_overview(journey: JourneyMap, measurer: FontMeasurer, area: PageArea,
                  first_top: float) -> OverviewPlan:
    """Parts placed whole, one under another, on as few pages as hold them; only a part
    taller than a page is cut, between lanes, and goes on over the next page."""
    density, scale, parts = _parts(journey, measurer, area.inner_width)
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
        whole = head + part.layout.height * scale
        if whole > area.bottom - y and pages[-1] and (
                whole <= page_height or area.bottom - y < page_height / 2):
            new_page()
        start = 0.0
        cuts = _cuts(part.layout)
        while start < part.layout.height - 1e-6:
            room = (area.bottom - y - head) / scale
            fits = [c for c in cuts if start < c <= start + room + 1e-6]
            if not fits:
                if pages[-1]:
                    new_page()
                    continue
                fits = [min(c for c in cuts if c > start)]  # one lane taller than a page
            end = fits[-1]
            pages[-1].append(OverviewSlice(part, start, end, y + head, caption))
            y += head + (end - start) * scale + PART_GAP
            start, caption, head = end, False, 0.0
    flow_top = y if area.bottom - y >= FLOW_AFTER_OVERVIEW else None
    return OverviewPlan(density, scale, pages, flow_top)


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
        return y + LEGEND_HEIGHT

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
            height = (part_slice.y1 - part_slice.y0) * s
            x = a.left + (a.inner_width - width) / 2
            c.saveState()
            clip = c.beginPath()
            clip.rect(x, part_slice.top, width, height)
            c.clipPath(clip, stroke=0, fill=0)
            c.translate(x, part_slice.top)
            c.scale(s, s)
            c.translate(0, -part_slice.y0)
            PdfRenderer(c, self.palette, self.shapes, paper_hairline(s), scale=s).draw(
                map_items(part.layout, part.journey, background=True))
            c.restoreState()
            self.draw_items([Box(x, part_slice.top, width, height, None, Role.CARD_BORDER,
                                 0.5)], text)


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
    votes = results_pages(ctx.journey, area, measurer)  # a page per voting round, last
    total = len(overview.pages) + len(flow) - (1 if shared else 0) + len(votes)
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
    return y + theme.line_height(FontRole.CAPTION) + 8 + LEGEND_HEIGHT
