"""SVG and PNG files of the poster's picture: title block, legend and map, as on the PDF poster
(without its paper: no bleed, crop marks or slug).

Both draw `export.art.poster_items`, the display list the PDF draws: SVG with its own renderer
(export/svg.py, no Qt), PNG with the canvas's QPainter renderer (painter/), imported only when a
PNG is written. A layout unit is one point: an SVG shows the poster at the canvas's 100 %, a PNG
at `dpi` has dpi/72 pixels per unit. Files are written atomically, like maps and PDFs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from journeymap_desktop.export.art import poster_items
from journeymap_desktop.export.errors import Cancelled, ExportError, check_target
from journeymap_desktop.export.frame import poster_frame
from journeymap_desktop.layout.display import Item
from journeymap_desktop.layout.engine import LayoutEngine
from journeymap_desktop.layout.typeface import FontError, FontMeasurer
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.storage.files import atomic_write

DEFAULT_DPI = 150
MIN_DPI = 10
MAX_DPI = 1200
# Qt's raster painter and most image viewers cope with this; beyond, SVG or PDF serve better.
MAX_SIDE_PX = 20_000
MAX_PIXELS = 200_000_000

ProgressCallback = Callable[[float], object]


@dataclass(frozen=True)
class ImageResult:
    path: Path
    kind: str  # "svg" or "png"
    width: float  # pixels (SVG: at 100 %)
    height: float
    file_size: int
    dpi: int | None = None

    def summary(self) -> str:
        """E.g. "PNG, 3,104 × 2,218 px at 150 dpi, 1.2 MB"."""
        size = (f"{self.file_size / 1024:.0f} KB" if self.file_size < 10 * 1024 * 1024
                else f"{self.file_size / (1024 * 1024):.1f} MB")
        dims = f"{self.width:,.0f} × {self.height:,.0f} px"
        if self.kind == "png":
            return f"PNG, {dims} at {self.dpi} dpi, {size}"
        return f"SVG, {dims}, text as text, {size}"


@dataclass(frozen=True)
class PosterPicture:
    items: list[Item]
    width: float
    height: float


def poster_picture(journey: JourneyMap) -> PosterPicture:
    """The poster as one display list, with its size in layout units."""
    try:
        measurer = FontMeasurer()
    except FontError as error:
        raise ExportError(str(error)) from error
    layout = LayoutEngine(measurer).layout(journey)
    frame = poster_frame(layout.width, layout.height)
    return PosterPicture(poster_items(journey, layout, measurer, frame, background=True),
                         frame.width, frame.height)


def _report(progress: ProgressCallback | None, fraction: float) -> None:
    if progress is not None and progress(fraction) is False:
        raise Cancelled("export cancelled")


def _write(path: Path, data: bytes) -> int:
    def write(handle: object) -> None:
        handle.write(data)  # type: ignore[attr-defined]

    try:
        atomic_write(path, write, temp_suffix=".part")
    except OSError as error:
        raise ExportError(f"cannot write {path}: {error.strerror or error}") from None
    return path.stat().st_size


def export_svg(journey: JourneyMap, path: Path,
               progress: ProgressCallback | None = None) -> ImageResult:
    """Write the poster as an SVG with searchable text in the embedded bundled fonts."""
    from journeymap_desktop.export.svg import svg_document

    path = Path(path)
    _report(progress, 0.0)
    check_target(path)
    picture = poster_picture(journey)
    _report(progress, 0.3)
    text = svg_document(picture.items, picture.width, picture.height, journey.title,
                        journey.description)
    _report(progress, 0.9)
    size = _write(path, text.encode("utf-8"))
    if progress is not None:
        progress(1.0)
    return ImageResult(path, "svg", picture.width, picture.height, size)


def png_size(width: float, height: float, dpi: int) -> tuple[int, int]:
    """Pixels of a PNG of `width` × `height` layout units (points) at `dpi`."""
    scale = dpi / 72
    return max(1, math.ceil(width * scale)), max(1, math.ceil(height * scale))


def largest_dpi(width: float, height: float) -> int:
    """The highest resolution at which a poster of this size still makes a PNG."""
    dpi = MAX_DPI
    while dpi > MIN_DPI:
        w, h = png_size(width, height, dpi)
        if max(w, h) <= MAX_SIDE_PX and w * h <= MAX_PIXELS:
            break
        dpi -= 1 if dpi <= 100 else 10
    return dpi


def export_png(journey: JourneyMap, path: Path, dpi: int = DEFAULT_DPI,
               progress: ProgressCallback | None = None) -> ImageResult:
    """Write the poster as a PNG at `dpi`, drawn by the canvas's own renderer. Raises
    ExportError (one line) when the image would be too large or cannot be written."""
    if not MIN_DPI <= dpi <= MAX_DPI:
        raise ExportError(f"the resolution must be between {MIN_DPI} and {MAX_DPI} dpi, "
                          f"not {dpi}")
    path = Path(path)
    _report(progress, 0.0)
    check_target(path)
    picture = poster_picture(journey)
    w, h = png_size(picture.width, picture.height, dpi)
    if max(w, h) > MAX_SIDE_PX or w * h > MAX_PIXELS:
        raise ExportError(
            f"a PNG at {dpi} dpi would be {w:,} × {h:,} pixels, more than an image can "
            f"hold here (at most {MAX_SIDE_PX:,} pixels a side); use "
            f"{largest_dpi(picture.width, picture.height)} dpi or less, or export SVG or PDF")
    _report(progress, 0.2)
    from journeymap_desktop.painter.image import render_png

    try:
        data = render_png(picture.items, w, h, dpi / 72, dpi)
    except MemoryError as error:
        raise ExportError(f"not enough memory for a {w:,} × {h:,} pixel PNG: {error}; "
                          f"try a lower resolution") from None
    _report(progress, 0.9)
    size = _write(path, data)
    if progress is not None:
        progress(1.0)
    return ImageResult(path, "png", w, h, size, dpi)
