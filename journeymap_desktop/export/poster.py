"""The one-page poster: background into the bleed, the poster art, crop marks and slug line."""

from __future__ import annotations

from journeymap_desktop import __version__
from journeymap_desktop.export.art import header_items, rule
from journeymap_desktop.export.context import ExportContext, Progress
from journeymap_desktop.export.draw import PdfRenderer, TextLayer, flip_to_layout, min_line
from journeymap_desktop.export.marks import crop_marks
from journeymap_desktop.export.options import MM
from journeymap_desktop.export.plan import (
    CROP_MARK_LENGTH_MM,
    Box,
    PagePlan,
    PosterPlan,
    crop_mark_offset,
)
from journeymap_desktop.export.titleblock import LEGEND_FACE_RADIUS, long_date
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.density import Density
from journeymap_desktop.layout.picture import FACE_RADII, map_items

SLUG_FONT_SIZE = 6.0
BRIEF_NOTES = {
    Density.COMPACT: "Cards show their titles, feelings and markers; the handout has every "
                     "detail",
    Density.TITLES: "Cards show their titles only; the handout has every detail",
}


def prepare_poster_faces(ctx: ExportContext, poster: PosterPlan) -> None:
    """Define the face forms the poster uses, at both of its scales (before any form that
    draws them is begun: reportlab cannot define a form inside another)."""
    ctx.shapes.prepare_faces((LEGEND_FACE_RADIUS,), min_line(poster.header_scale))
    ctx.shapes.prepare_faces(FACE_RADII, min_line(poster.scale))


def draw_poster_art(ctx: ExportContext, poster: PosterPlan, x0: float, y0: float,
                    progress: Progress) -> None:
    """Header (title block, legend, rule) at the paper's header scale and the map at its
    own, on a trim whose bottom-left corner is at (x0, y0)."""
    c = ctx.canvas
    header, k = poster.header, poster.header_scale
    c.saveState()
    flip_to_layout(c, x0 + header.x0, y0 + header.y1, k)
    items = header_items(ctx.journey, ctx.measurer, poster.header_frame,
                         BRIEF_NOTES.get(ctx.density, ""))
    items.append(rule(poster.header_frame.width, (header.y1 - poster.rule_y) / k))
    PdfRenderer(c, ctx.palette, ctx.shapes, paper_hairline(k), scale=k).draw(items)
    c.restoreState()
    c.saveState()
    flip_to_layout(c, x0 + poster.map.x0, y0 + poster.map.y1, poster.scale)
    PdfRenderer(c, ctx.palette, ctx.shapes, paper_hairline(poster.scale),
                scale=poster.scale).draw(
        map_items(ctx.layout, ctx.journey, mood_by_stage=ctx.mood_by_stage), progress=progress)
    c.restoreState()


def paper_hairline(scale: float) -> float:
    """A hairline in layout units: screen hairlines are one device pixel; on paper keep them
    visible but fine (at least 0.25 pt as printed)."""
    return max(0.75, min_line(scale))


def fill_box(ctx: ExportContext, box: Box, colour: str) -> None:
    ctx.canvas.setFillColor(ctx.palette(colour))
    ctx.canvas.rect(box.x0, box.y0, box.width, box.height, stroke=0, fill=1)


def slug_text(ctx: ExportContext, poster: PosterPlan) -> str:
    w, h = poster.trim_size
    parts = [ctx.journey.title, f"{poster.paper} {poster.orientation} poster",
             f"trim {w / MM:.0f} × {h / MM:.0f} mm"]
    if ctx.options.bleed_mm:
        parts.append(f"bleed {ctx.options.bleed_mm:g} mm")
    if ctx.palette.profile is not None:
        parts.append(f"CMYK {ctx.palette.profile.identifier}")
    else:
        parts.append("CMYK" if ctx.options.separated else "RGB")
    if ctx.options.pdfx:
        parts.append("PDF/X-4")
    parts += [long_date(ctx.journey), f"JourneyMap Desktop {__version__}"]
    return " · ".join(parts)


def write_poster(ctx: ExportContext, page: PagePlan, poster: PosterPlan,
                 progress: Progress) -> None:
    c = ctx.canvas
    c.setPageSize(page.size)
    c.setTrimBox(page.trim.as_tuple())
    c.setBleedBox(page.bleed.as_tuple())
    prepare_poster_faces(ctx, poster)
    # The background runs to the bleed edge, so trimming a hair off never shows white paper.
    fill_box(ctx, page.bleed, theme.CANVAS_BACKGROUND)
    draw_poster_art(ctx, poster, page.trim.x0, page.trim.y0, progress)
    if ctx.options.crop_marks:
        offset = crop_mark_offset(ctx.options)
        crop_marks(c, page.trim, offset, CROP_MARK_LENGTH_MM * MM, ctx.palette)
        text = TextLayer(c, ctx.palette, y_down=False)
        x = page.trim.x0 + offset + CROP_MARK_LENGTH_MM * MM + 4 * MM
        room = page.trim.x1 - offset - CROP_MARK_LENGTH_MM * MM - 4 * MM - x
        slug = text.fit(slug_text(ctx, poster), SLUG_FONT_SIZE, False, room)
        text.draw(slug, x, page.media.y0 + 3 * MM, SLUG_FONT_SIZE, False, theme.INK)
        text.flush()
    c.showPage()
    progress(1.0)
