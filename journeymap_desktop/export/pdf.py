"""`export_pdf`: a journey map to a print-ready PDF poster, tiled poster or handout.

The file is written atomically: into a temporary file beside the target, flushed and synced,
then moved over the target with `os.replace`. A failure or a cancellation removes the temporary
file, so an existing PDF is never replaced by a partial one.

Progress and cancellation: `progress(fraction)` is called with 0..1 as the work goes on (often
enough for a progress dialog, from the calling thread). To cancel, return False from it or
raise `Cancelled`; `export_pdf` then raises `Cancelled` and leaves no file behind.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from journeymap_desktop import __version__
from journeymap_desktop.export import legibility
from journeymap_desktop.export.colours import Palette, theme_colours
from journeymap_desktop.export.context import (
    Cancelled,
    ExportContext,
    Progress,
    ProgressCallback,
)
from journeymap_desktop.export.draw import Shapes, new_canvas
from journeymap_desktop.export.errors import ExportError, check_target
from journeymap_desktop.export.finish import PdfxInfo, finish
from journeymap_desktop.export.fonts import FontError
from journeymap_desktop.export.icc import (
    HOW_TO_GET_ONE,
    OutputProfile,
    load_profile,
    system_profiles,
)
from journeymap_desktop.export.options import OptionsError, PdfOptions
from journeymap_desktop.export.plan import PagePlan, PosterPlan, plan_pages
from journeymap_desktop.export.poster import write_poster
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.coverage import describe, undrawable
from journeymap_desktop.layout.density import Density
from journeymap_desktop.layout.engine import LayoutEngine
from journeymap_desktop.layout.geometry import MapLayout
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.storage.files import atomic_write

CREATOR = f"JourneyMap Desktop {__version__}"

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
    scale: float  # layout units -> points of the poster's map (the overview for a handout)
    card_text_pt: float  # card text size as printed on the poster / overview
    smallest_text_pt: float = 0.0  # the poster's smallest text as printed (0: not a poster)
    density: str = Density.FULL.value  # what the poster's cards show (layout.density)
    notes: tuple[str, ...] = ()  # warnings for the user, one line each

    def summary(self) -> str:
        """E.g. "A1 landscape poster, 1 page, 142 KB"."""
        pages = f"{self.pages} page{'s' if self.pages != 1 else ''}"
        size = (f"{self.file_size / 1024:.0f} KB" if self.file_size < 10 * 1024 * 1024
                else f"{self.file_size / (1024 * 1024):.1f} MB")
        what = {"poster": f"{self.paper} {self.orientation} poster",
                "tiles": f"{self.paper} {self.orientation} poster in tiles",
                "handout": f"{self.paper} handout"}[self.kind]
        text = f", smallest text {self.smallest_text_pt:.1f} pt" if self.smallest_text_pt else ""
        return f"{what}, {pages}, {size}{text}"


def layout_map(journey: JourneyMap) -> MapLayout:
    """The map laid out with the PDF's measurer: same engine and fonts as the canvas."""
    return LayoutEngine(FontMeasurer()).layout(journey)


def _boxes(page: PagePlan) -> PageBoxes:
    return PageBoxes(page.media.as_tuple(), page.trim.as_tuple(), page.bleed.as_tuple())


def _subject(options: PdfOptions, pages: list[PagePlan], poster: PosterPlan | None) -> str:
    if poster is None:
        return f"Customer journey map: {options.paper_name} handout"
    what = f"Customer journey map: {poster.paper} {poster.orientation} poster"
    return f"{what} on {len(pages) - 1} {options.tile} sheets" if options.tile else what


def _set_metadata(ctx: ExportContext, subject: str) -> None:
    c = ctx.canvas
    journey = ctx.journey
    c.setTitle(journey.title)
    c.setAuthor(journey.meta.author or "")
    c.setSubject(subject)
    c.setCreator(CREATOR)
    c.setKeywords(_keywords(journey))


def _keywords(journey: JourneyMap) -> str:
    return ", ".join(["customer journey map", *(s.name for s in journey.stages)])


def _render(ctx: ExportContext, pages: list[PagePlan], poster: PosterPlan | None,
            progress: Progress) -> list[PageBoxes]:
    options = ctx.options
    if poster is None:
        from journeymap_desktop.export.handout import write_handout  # (loaded when used)

        count = write_handout(ctx, pages[0], progress)
        return [_boxes(pages[0])] * count
    if options.tile is not None:
        from journeymap_desktop.export.tiles import write_tiles

        write_tiles(ctx, pages, poster, progress)
    else:
        write_poster(ctx, pages[0], poster, progress)
    return [_boxes(page) for page in pages]


def output_profile(options: PdfOptions) -> tuple[OutputProfile | None, str]:
    """The press profile these options separate colours through, and a note when it was
    found on this system rather than given. OptionsError (one line) when PDF/X has none."""
    if options.icc is not None:
        return load_profile(options.icc), ""
    if not options.pdfx:
        return None, ""
    found = system_profiles()
    if not found:
        raise OptionsError(f"PDF/X needs the print shop's CMYK profile and none was given or "
                           f"found on this system: {HOW_TO_GET_ONE}, then pass --icc FILE")
    return load_profile(found[0]), (f"colours separated for {found[0]} (found on this "
                                    f"system); pass --icc with your print shop's profile")


def export_pdf(journey: JourneyMap, path: Path, options: PdfOptions,
               progress: ProgressCallback | None = None) -> ExportResult:
    """Write `journey` to `path` as `options` ask. Raises OptionsError (the options do not fit
    this map, e.g. too many tiles, or no ICC profile for PDF/X), ExportError (cannot write),
    or Cancelled."""
    path = Path(path)
    report = Progress(progress)
    report(0.0)
    check_target(path)
    try:
        measurer = FontMeasurer()
    except FontError as error:
        raise ExportError(str(error)) from error
    profile, profile_note = output_profile(options)
    choice = None if options.handout else legibility.choose(journey, measurer, options)
    layout = choice.layout if choice is not None else LayoutEngine(measurer).layout(journey)
    pages = plan_pages((layout.width, layout.height), options)
    poster = choice.plan if choice is not None else None
    report(0.05)

    overview = [0.0, 0.0]  # a handout's overview: scale and smallest text, once drawn

    def write(handle: BinaryIO) -> list[PageBoxes]:
        buffer = io.BytesIO()
        canvas = new_canvas(buffer, pages[0].size, options.separated,
                            (1, 6) if options.pdfx else None)
        palette = Palette(options.cmyk, profile)
        palette.prepare(theme_colours(journey))
        ctx = ExportContext(canvas, palette, Shapes(canvas, palette), measurer, journey,
                            layout, options)
        if choice is not None:
            ctx.density, ctx.mood_by_stage = choice.density, choice.mood_by_stage
        subject = _subject(options, pages, poster)
        _set_metadata(ctx, subject)
        boxes = _render(ctx, pages, poster, report.part(0.05, 0.85))
        overview[:] = [ctx.overview_scale, ctx.overview_text_pt]
        report(0.85)
        canvas.save()
        pdfx = None
        if options.pdfx:
            assert profile is not None
            pdfx = PdfxInfo(journey.title, journey.meta.author or "", subject,
                            _keywords(journey), CREATOR, profile)
        finish(buffer.getvalue(), handle, pdfx)
        return boxes

    try:
        boxes = atomic_write(path, write, temp_suffix=".part")
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    report.done()
    notes = [profile_note] if profile_note else []
    if choice is None:
        scale, card_text = overview
        smallest, density, orientation = 0.0, Density.FULL, "portrait"
    else:
        scale = choice.plan.scale
        density, smallest = choice.density, choice.smallest_pt
        card_role = FontRole.CARD_BODY if density is Density.FULL else FontRole.CARD_TITLE
        card_text = theme.FONTS[card_role].size * scale
        orientation = choice.plan.orientation
        notes += legibility.notes(choice, options)
    missing = describe(undrawable(journey))
    if missing:
        notes.append(missing)
    return ExportResult(
        path=path, kind=options.kind, paper=options.paper_name, orientation=orientation,
        pages=len(boxes), boxes=tuple(boxes), file_size=path.stat().st_size,
        scale=scale, card_text_pt=card_text, smallest_text_pt=smallest,
        density=density.value, notes=tuple(notes),
    )
