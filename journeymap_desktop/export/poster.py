"""The one-page poster: background into the bleed, the poster art, crop marks and slug line."""

from __future__ import annotations

from journeymap_desktop import __version__
from journeymap_desktop.export.art import POSTER_FACE_RADII, poster_items
from journeymap_desktop.export.context import ExportContext, Progress
from journeymap_desktop.export.draw import PdfRenderer, TextLayer, flip_to_layout
from journeymap_desktop.export.frame import PosterFrame, poster_frame
from journeymap_desktop.export.marks import crop_marks
from journeymap_desktop.export.options import MM
from journeymap_desktop.export.plan import (
    CROP_MARK_LENGTH_MM,
    Box,
    PagePlan,
    PosterPlan,
    crop_mark_offset,
)
from journeymap_desktop.export.titleblock import long_date
from journeymap_desktop.layout import theme

SLUG_FONT_SIZE = 6.0


def draw_poster_art(ctx: ExportContext, frame: PosterFrame, scale: float,
                    progress: Progress) -> None:
    """Title block, legend and map, in the frame's layout units (y down) at print `scale`."""
    renderer = PdfRenderer(ctx.canvas, ctx.palette, ctx.shapes, paper_hairline(scale))
    renderer.draw(poster_items(ctx.journey, ctx.layout, ctx.measurer, frame),
                  progress=progress)


def paper_hairline(scale: float) -> float:
    """A hairline in layout units: screen hairlines are one device pixel; on paper keep them
    visible but fine (at least 0.25 pt as printed)."""
    return max(0.75, 0.25 / max(scale, 1e-6))


def fill_box(ctx: ExportContext, box: Box, colour: str) -> None:
    ctx.canvas.setFillColor(ctx.palette(colour))
    ctx.canvas.rect(box.x0, box.y0, box.width, box.height, stroke=0, fill=1)


def slug_text(ctx: ExportContext, poster: PosterPlan) -> str:
    w, h = poster.trim_size
    parts = [ctx.journey.title, f"{poster.paper} {poster.orientation} poster",
             f"trim {w / MM:.0f} × {h / MM:.0f} mm"]
    if ctx.options.bleed_mm:
        parts.append(f"bleed {ctx.options.bleed_mm:g} mm")
    parts += ["CMYK" if ctx.options.cmyk else "RGB", long_date(ctx.journey),
              f"JourneyMap Desktop {__version__}"]
    return " · ".join(parts)


def write_poster(ctx: ExportContext, page: PagePlan, poster: PosterPlan,
                 progress: Progress) -> None:
    c = ctx.canvas
    c.setPageSize(page.size)
    c.setTrimBox(page.trim.as_tuple())
    c.setBleedBox(page.bleed.as_tuple())
    ctx.shapes.prepare_faces(POSTER_FACE_RADII)
    # The background runs to the bleed edge, so trimming a hair off never shows white paper.
    fill_box(ctx, page.bleed, theme.CANVAS_BACKGROUND)
    frame = poster_frame(ctx.layout.width, ctx.layout.height)
    c.saveState()
    flip_to_layout(c, page.content.x0, page.content.y1, page.scale)
    draw_poster_art(ctx, frame, page.scale, progress)
    c.restoreState()
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
