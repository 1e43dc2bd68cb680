"""`export_pdf`: a journey map to a print-ready PDF poster, tiled poster or handout.

The file is written atomically: into a temporary file beside the target, flushed and synced,
then moved over the target with `os.replace`. A failure or a cancellation removes the temporary
file, so an existing PDF is never replaced by a partial one.

Progress and cancellation: `progress(fraction)` is called with 0..1 as the work goes on (often
enough for a progress dialog, from the calling thread). To cancel, return False from it or
raise `Cancelled`; `export_pdf` then raises `Cancelled` and leaves no file behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from journeymap_desktop import __version__
from journeymap_desktop.export.colours import Palette
from journeymap_desktop.export.context import (
    Cancelled,
    ExportContext,
    Progress,
    ProgressCallback,
)
from journeymap_desktop.export.draw import Shapes, new_canvas
from journeymap_desktop.export.errors import ExportError, check_target
from journeymap_desktop.export.fonts import FontError
from journeymap_desktop.export.handout import write_handout
from journeymap_desktop.export.options import PdfOptions
from journeymap_desktop.export.plan import PagePlan, plan_pages, plan_poster
from journeymap_desktop.export.poster import write_poster
from journeymap_desktop.export.tiles import write_tiles
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.engine import LayoutEngine
from journeymap_desktop.layout.geometry import MapLayout
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.storage.files import atomic_write

__all__ = ["Cancelled", "ExportError", "ExportResult", "PageBoxes", "export_pdf", "layout_map"]


@dataclass(frozen=True)
class PageBoxes:
    media: tuple[float, float, float, float]
    trim: tuple[float, float, float, float]
    bleed: tuple[float, float, float, float]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kind: str  # "poster", "tiles" or "handout"
    paper: str
    orientation: str
    pages: int
    boxes: tuple[PageBoxes, ...]  # one per page
    file_size: int
    scale: float  # layout units -> points of the poster (the overview page for a handout)
    card_text_pt: float  # card body text size as printed on the poster / overview

    def summary(self) -> str:
        """E.g. "A1 landscape poster, 1 page, 142 KB"."""
        pages = f"{self.pages} page{'s' if self.pages != 1 else ''}"
        size = (f"{self.file_size / 1024:.0f} KB" if self.file_size < 10 * 1024 * 1024
                else f"{self.file_size / (1024 * 1024):.1f} MB")
        what = {"poster": f"{self.paper} {self.orientation} poster",
                "tiles": f"{self.paper} {self.orientation} poster in tiles",
                "handout": f"{self.paper} handout"}[self.kind]
        return f"{what}, {pages}, {size}"


def layout_map(journey: JourneyMap) -> MapLayout:
    """The map laid out with the PDF's measurer: same engine and fonts as the canvas."""
    return LayoutEngine(FontMeasurer()).layout(journey)


def _boxes(page: PagePlan) -> PageBoxes:
    return PageBoxes(page.media.as_tuple(), page.trim.as_tuple(), page.bleed.as_tuple())


def _set_metadata(ctx: ExportContext, subject: str) -> None:
    c = ctx.canvas
    journey = ctx.journey
    c.setTitle(journey.title)
    c.setAuthor(journey.meta.author or "")
    c.setSubject(subject)
    c.setCreator(f"JourneyMap Desktop {__version__}")
    c.setKeywords(", ".join(["customer journey map", *(s.name for s in journey.stages)]))


def _render(ctx: ExportContext, pages: list[PagePlan], progress: Progress) -> list[PageBoxes]:
    options = ctx.options
    size = (ctx.layout.width, ctx.layout.height)
    if options.handout:
        _set_metadata(ctx, f"Customer journey map: {options.paper_name} handout")
        count = write_handout(ctx, pages[0], progress)
        return [_boxes(pages[0])] * count
    poster = plan_poster(size, options)
    if options.tile is not None:
        _set_metadata(ctx, f"Customer journey map: {poster.paper} {poster.orientation} "
                           f"poster on {len(pages) - 1} {options.tile} sheets")
        write_tiles(ctx, pages, poster, progress)
    else:
        _set_metadata(ctx, f"Customer journey map: {poster.paper} {poster.orientation} poster")
        write_poster(ctx, pages[0], poster, progress)
    return [_boxes(page) for page in pages]


def export_pdf(journey: JourneyMap, path: Path, options: PdfOptions,
               progress: ProgressCallback | None = None) -> ExportResult:
    """Write `journey` to `path` as `options` ask. Raises OptionsError (the options do not fit
    this map, e.g. too many tiles), ExportError (cannot write), or Cancelled."""
    path = Path(path)
    report = Progress(progress)
    report(0.0)
    check_target(path)
    try:
        measurer = FontMeasurer()
    except FontError as error:
        raise ExportError(str(error)) from error
    layout = LayoutEngine(measurer).layout(journey)
    pages = plan_pages((layout.width, layout.height), options)
    report(0.05)

    def write(handle: BinaryIO) -> list[PageBoxes]:
        canvas = new_canvas(handle, pages[0].size, options.cmyk)
        palette = Palette(options.cmyk)
        ctx = ExportContext(canvas, palette, Shapes(canvas, palette), measurer, journey,
                            layout, options)
        boxes = _render(ctx, pages, report.part(0.05, 0.9))
        report(0.9)
        canvas.save()
        return boxes

    try:
        boxes = atomic_write(path, write, temp_suffix=".part")
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    report.done()
    poster_scale = pages[0].scale
    if options.tile is not None:
        poster_scale = plan_poster((layout.width, layout.height), options).scale
    orientation = ("portrait" if options.handout else
                   plan_poster((layout.width, layout.height), options).orientation)
    return ExportResult(
        path=path, kind=options.kind, paper=options.paper_name, orientation=orientation,
        pages=len(boxes), boxes=tuple(boxes), file_size=path.stat().st_size,
        scale=poster_scale, card_text_pt=theme.FONTS[FontRole.CARD_BODY].size * poster_scale,
    )
