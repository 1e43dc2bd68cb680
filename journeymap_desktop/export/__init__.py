"""Exports: print-ready PDFs (posters, tiled posters, handouts) drawn with reportlab, SVG and
PNG images, all from the same display list as the canvas. No Qt in here, except that a PNG is
drawn by the canvas's QPainter renderer (imported only when a PNG is written).

The public API, for the export dialog and the command line:

    options = PdfOptions(paper="A1", bleed_mm=3, crop_marks=True)
    pages = plan_pages((layout.width, layout.height), options)   # geometry, no drawing
    result = export_pdf(journey, Path("map.pdf"), options, progress=callback)
    export_svg(journey, Path("map.svg")); export_png(journey, Path("map.png"), dpi=150)

Names are loaded on first use, so `journeymap validate` and the argument parser do not pay for
importing reportlab.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journeymap_desktop.export.errors import Cancelled, ExportError
    from journeymap_desktop.export.image import (
        DEFAULT_DPI,
        MAX_DPI,
        MIN_DPI,
        ImageResult,
        export_png,
        export_svg,
    )
    from journeymap_desktop.export.options import (
        HANDOUT_PAPER_NAMES,
        ORIENTATIONS,
        PAPER_NAMES,
        TILE_PAPER_NAMES,
        OptionsError,
        PdfOptions,
        parse_paper,
    )
    from journeymap_desktop.export.pdf import (
        ExportResult,
        PageBoxes,
        export_pdf,
        layout_map,
    )
    from journeymap_desktop.export.plan import Box, PagePlan, PosterPlan, plan_pages, plan_poster

_WHERE = {
    "DEFAULT_DPI": "image",
    "MAX_DPI": "image",
    "MIN_DPI": "image",
    "ImageResult": "image",
    "export_png": "image",
    "export_svg": "image",
    "Cancelled": "errors",
    "HANDOUT_PAPER_NAMES": "options",
    "ORIENTATIONS": "options",
    "PAPER_NAMES": "options",
    "TILE_PAPER_NAMES": "options",
    "OptionsError": "options",
    "PdfOptions": "options",
    "parse_paper": "options",
    "ExportError": "errors",
    "ExportResult": "pdf",
    "PageBoxes": "pdf",
    "export_pdf": "pdf",
    "layout_map": "pdf",
    "Box": "plan",
    "PagePlan": "plan",
    "PosterPlan": "plan",
    "plan_pages": "plan",
    "plan_poster": "plan",
}

__all__ = [
    "DEFAULT_DPI",
    "HANDOUT_PAPER_NAMES",
    "MAX_DPI",
    "MIN_DPI",
    "ORIENTATIONS",
    "PAPER_NAMES",
    "TILE_PAPER_NAMES",
    "Box",
    "Cancelled",
    "ExportError",
    "ExportResult",
    "ImageResult",
    "OptionsError",
    "PageBoxes",
    "PagePlan",
    "PdfOptions",
    "PosterPlan",
    "export_pdf",
    "export_png",
    "export_svg",
    "layout_map",
    "parse_paper",
    "plan_pages",
    "plan_poster",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
