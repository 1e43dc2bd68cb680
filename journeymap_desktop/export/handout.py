"""The handout: an overview page with the whole map, then the flowed text pages, each with the
map's title and "Page N of M" in the footer, and a PDF outline to jump between sections."""

from __future__ import annotations

from journeymap_desktop.export.context import ExportContext, Progress
from journeymap_desktop.export.draw import PdfRenderer, Shapes, TextLayer, flip_to_layout
from journeymap_desktop.export.handout_flow import (
    HandoutPage,
    Item,
    PageArea,
    flow_text_pages,
)
from journeymap_desktop.export.options import MM
from journeymap_desktop.export.plan import (
    HANDOUT_FOOTER_MM,
    HANDOUT_HEADER_PT,
    HANDOUT_LEGEND_PT,
    HANDOUT_MARGIN_MM,
    PagePlan,
)
from journeymap_desktop.export.poster import paper_hairline
from journeymap_desktop.export.titleblock import date_line, persona_summary
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.display import Dots, Marker, Star, Text
from journeymap_desktop.layout.picture import FACE_RADII, feeling_mark, map_items
from journeymap_desktop.layout.text import Wrapper
from journeymap_desktop.layout.theme import FontRole, Role
from journeymap_desktop.layout.typeface import ScaledMeasurer
from journeymap_desktop.model.queries import KIND_LABELS
from journeymap_desktop.model.scales import legend_levels, level_name, position

FOOTER_SIZE = 8.0
TITLE_FACTOR = 1.2  # the overview's title: MAP_TITLE at 24 pt
LEGEND_FACE = 7.0


def page_area(page: PagePlan) -> PageArea:
    w, h = page.size
    margin = HANDOUT_MARGIN_MM * MM
    return PageArea(w, h, margin, margin, w - margin, h - margin - HANDOUT_FOOTER_MM * MM)


class HandoutPainter:
    def __init__(self, ctx: ExportContext, page: PagePlan) -> None:
        self.ctx = ctx
        self.c = ctx.canvas
        self.palette = ctx.palette
        self.shapes: Shapes = ctx.shapes
        self.plan = page
        self.area = page_area(page)
        self.renderer = PdfRenderer(self.c, self.palette, self.shapes)
        self._stages_outlined = False

    # ----- items ------------------------------------------------------------------------------
    def draw_items(self, items: list[Item], text: TextLayer) -> None:
        self.renderer.draw(items, text=text)

    def footer(self, number: int, total: int, text: TextLayer) -> None:
        a = self.area
        y = a.height - HANDOUT_MARGIN_MM * MM
        c = self.c
        c.setStrokeColor(self.palette(theme.GRID_LINE))
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

    # ----- the overview -----------------------------------------------------------------------
    def overview(self, total: int) -> None:
        ctx = self.ctx
        journey = ctx.journey
        a = self.area
        text = self.begin()
        self.c.bookmarkPage("overview")
        self.c.addOutlineEntry("Overview", "overview", level=0)
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
        y += 4
        bottom = a.top + HANDOUT_HEADER_PT - 8
        persona = persona_summary(journey)
        caption_h = theme.line_height(FontRole.CAPTION)
        body_h = theme.line_height(FontRole.CARD_BODY)
        persona_lines = plain.wrap(persona, FontRole.CAPTION, a.inner_width, 2).lines
        tail = caption_h * (len(persona_lines) + 1)
        lines = int(max(0.0, bottom - tail - y) // body_h)
        for value in plain.wrap(journey.description, FontRole.CARD_BODY, a.inner_width,
                                lines).lines:
            line(value, y, FontRole.CARD_BODY, Role.INK_SOFT)
            y += body_h
        y = bottom - tail
        for value in persona_lines:
            line(value, y, FontRole.CAPTION, Role.INK)
            y += caption_h
        line(plain.fit(date_line(journey), FontRole.CAPTION, a.inner_width), y,
             FontRole.CAPTION, Role.INK_FAINT)
        self.draw_items(items, text)

        content = self.plan.content
        top = a.height - content.y1
        c = self.c
        c.saveState()
        c.translate(content.x0, top)
        c.scale(self.plan.scale, self.plan.scale)
        PdfRenderer(c, self.palette, self.shapes, paper_hairline(self.plan.scale)).draw(
            map_items(ctx.layout, journey, background=True))
        c.restoreState()
        c.setStrokeColor(self.palette(theme.CARD_BORDER))
        c.setLineWidth(0.5)
        c.rect(content.x0, top, content.width, content.height, stroke=1, fill=0)
        self.legend(text)
        self.footer(1, total, text)
        self.end(text)

    def legend(self, text: TextLayer) -> None:
        a = self.area
        top = a.bottom - HANDOUT_LEGEND_PT + 14
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
        middle = top + 2 * LEGEND_FACE + 14
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

    # ----- text pages ---------------------------------------------------------------------------
    def text_page(self, page: HandoutPage, number: int, total: int) -> None:
        text = self.begin()
        if not page.continued:
            key = f"page{number}"
            self.c.bookmarkPage(key)
            level = 1 if page.kind == "stage" else 0
            if page.kind == "stage" and not self._stages_outlined:
                self.c.addOutlineEntry("Stages", key, level=0)
                self._stages_outlined = True
            self.c.addOutlineEntry(page.title, key, level=level)
        self.draw_items(page.items, text)
        self.footer(number, total, text)
        self.end(text)


def write_handout(ctx: ExportContext, page: PagePlan, progress: Progress) -> int:
    """Draw the whole handout; returns its number of pages."""
    painter = HandoutPainter(ctx, page)
    ctx.shapes.prepare_faces((*FACE_RADII, LEGEND_FACE))
    pages = flow_text_pages(ctx.journey, painter.area, ctx.measurer)
    total = 1 + len(pages)
    painter.overview(total)
    progress(1 / total)
    for number, text_page in enumerate(pages, start=2):
        painter.text_page(text_page, number, total)
        progress(number / total)
    return total
