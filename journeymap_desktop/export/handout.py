"""The handout: an overview page with the whole map, then the flowed text pages, each with the
map's title and "Page N of M" in the footer, and a PDF outline to jump between sections."""

from __future__ import annotations

from journeymap_desktop.export.context import ExportContext, Progress
from journeymap_desktop.export.draw import Shapes, TextLayer, flip_to_layout
from journeymap_desktop.export.handout_flow import (
    BoxItem,
    DotsItem,
    FaceItem,
    HandoutPage,
    Item,
    MarkerItem,
    PageArea,
    RuleItem,
    StarItem,
    TextItem,
    flow_text_pages,
)
from journeymap_desktop.export.mapart import FACE_RADII, MapPainter
from journeymap_desktop.export.options import MM
from journeymap_desktop.export.plan import (
    HANDOUT_FOOTER_MM,
    HANDOUT_HEADER_PT,
    HANDOUT_LEGEND_PT,
    HANDOUT_MARGIN_MM,
    PagePlan,
)
from journeymap_desktop.export.titleblock import date_line, persona_summary
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.text import Wrapper
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.layout.typeface import ScaledMeasurer
from journeymap_desktop.model.queries import EMOTION_LABELS, KIND_LABELS

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
        self._stages_outlined = False

    # ----- items ------------------------------------------------------------------------------
    def draw_items(self, items: list[Item], text: TextLayer) -> None:
        c = self.c
        for item in items:
            if isinstance(item, TextItem):
                text.line_at(item.text, item.x, item.baseline, item.role, item.colour)
            elif isinstance(item, BoxItem):
                self._box(item)
            elif isinstance(item, RuleItem):
                c.setStrokeColor(self.palette(item.colour))
                c.setLineWidth(item.width)
                c.line(item.x1, item.y1, item.x2, item.y2)
            elif isinstance(item, FaceItem):
                self.shapes.face((item.x, item.y), item.radius, item.level)
            elif isinstance(item, MarkerItem):
                self.shapes.kind_marker(item.kind, (item.x, item.y), item.radius)
            elif isinstance(item, StarItem):
                self.shapes.star((item.x, item.y), item.radius)
            elif isinstance(item, DotsItem):
                self.shapes.dots(item.centres, item.radius, item.colour)

    def _box(self, box: BoxItem) -> None:
        c = self.c
        c.setFillColor(self.palette(box.fill))
        if box.stroke:
            c.setStrokeColor(self.palette(box.stroke))
            c.setLineWidth(0.75)
        if box.radius:
            c.roundRect(box.x, box.y, box.w, box.h, box.radius, stroke=1 if box.stroke else 0,
                        fill=1)
        else:
            c.rect(box.x, box.y, box.w, box.h, stroke=1 if box.stroke else 0, fill=1)
        if box.bar:
            c.saveState()
            outline = c.beginPath()
            outline.roundRect(box.x, box.y, box.w, box.h, box.radius)
            c.clipPath(outline, stroke=0, fill=0)
            c.setFillColor(self.palette(box.bar))
            c.rect(box.x, box.y, theme.CARD_MARKER_WIDTH + 0.5, box.h, stroke=0, fill=1)
            c.restoreState()

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
        y = a.top
        text.line_at("CUSTOMER JOURNEY MAP", a.left, m.baseline(y, FontRole.CAPTION_BOLD),
                     FontRole.CAPTION_BOLD, theme.INK_SOFT)
        y += theme.line_height(FontRole.CAPTION_BOLD) + 2
        title_size = theme.FONTS[FontRole.MAP_TITLE].size * TITLE_FACTOR
        title_lh = theme.line_height(FontRole.MAP_TITLE) * TITLE_FACTOR
        for line in big.wrap(journey.title, FontRole.MAP_TITLE, a.inner_width, 2).lines:
            text.draw(line, a.left, m.baseline(y, FontRole.MAP_TITLE, TITLE_FACTOR), title_size,
                      True, theme.INK)
            y += title_lh
        y += 4
        bottom = a.top + HANDOUT_HEADER_PT - 8
        persona = persona_summary(journey)
        caption_h = theme.line_height(FontRole.CAPTION)
        body_h = theme.line_height(FontRole.CARD_BODY)
        persona_lines = plain.wrap(persona, FontRole.CAPTION, a.inner_width, 2).lines
        tail = caption_h * (len(persona_lines) + 1)
        lines = int(max(0.0, bottom - tail - y) // body_h)
        for line in plain.wrap(journey.description, FontRole.CARD_BODY, a.inner_width,
                               lines).lines:
            text.line_at(line, a.left, m.baseline(y, FontRole.CARD_BODY), FontRole.CARD_BODY,
                         theme.INK_SOFT)
            y += body_h
        y = bottom - tail
        for line in persona_lines:
            text.line_at(line, a.left, m.baseline(y, FontRole.CAPTION), FontRole.CAPTION,
                         theme.INK)
            y += caption_h
        text.line_at(plain.fit(date_line(journey), FontRole.CAPTION, a.inner_width), a.left,
                     m.baseline(y, FontRole.CAPTION), FontRole.CAPTION, theme.INK_FAINT)

        content = self.plan.content
        top = a.height - content.y1
        c = self.c
        c.saveState()
        c.translate(content.x0, top)
        c.scale(self.plan.scale, self.plan.scale)
        MapPainter(c, self.palette, self.shapes, self.plan.scale).draw(
            ctx.layout, journey, background=True)
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
        x = a.left
        middle = top + LEGEND_FACE
        for level in range(-2, 3):
            self.shapes.face((x + LEGEND_FACE, middle), LEGEND_FACE, level)
            label = EMOTION_LABELS[level]
            text.line_at(label, x + 2 * LEGEND_FACE + 4, middle + 3.5, caption, theme.INK_SOFT)
            x += 2 * LEGEND_FACE + 4 + measurer.width(label, caption) + 14
        x = a.left
        middle = top + 2 * LEGEND_FACE + 14
        for kind in theme.KIND_COLOURS:
            self.shapes.kind_marker(kind, (x + 4, middle), 4)
            label = KIND_LABELS[kind]
            text.line_at(label, x + 12, middle + 3.5, caption, theme.INK_SOFT)
            x += 12 + measurer.width(label, caption) + 14
        self.shapes.star((x + 6, middle), 6)
        text.line_at("Moment of truth", x + 15, middle + 3.5, caption, theme.INK_SOFT)
        x += 15 + measurer.width("Moment of truth", caption) + 14
        step = 2 * theme.VOTE_DOT_RADIUS + 3
        self.shapes.dots([(x + theme.VOTE_DOT_RADIUS + i * step, middle) for i in range(3)],
                         theme.VOTE_DOT_RADIUS, theme.VOTE_COLOUR)
        text.line_at("Votes", x + 3 * step + 3, middle + 3.5, caption, theme.INK_SOFT)

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
