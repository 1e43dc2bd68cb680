"""Print-ready PDF export: posters, tiled posters and handouts, drawn with reportlab from the
same layout as the canvas. No Qt in here.

The public API, for the export dialog and the command line:

    options = PdfOptions(paper="A1", bleed_mm=3, crop_marks=True)
    pages = plan_pages((layout.width, layout.height), options)   # geometry, no drawing
    result = export_pdf(journey, Path("map.pdf"), options, progress=callback)

Names are loaded on first use, so `journeymap validate` and the argument parser do not pay for
importing reportlab.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journeymap_desktop.export.context import Cancelled
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
        ExportError,
        ExportResult,
        PageBoxes,
        export_pdf,
        layout_map,
    )
    from journeymap_desktop.export.plan import Box, PagePlan, PosterPlan, plan_pages, plan_poster

_WHERE = {
    "Cancelled": "context",
    "HANDOUT_PAPER_NAMES": "options",
    "ORIENTATIONS": "options",
    "PAPER_NAMES": "options",
    "TILE_PAPER_NAMES": "options",
    "OptionsError": "options",
    "PdfOptions": "options",
    "parse_paper": "options",
    "ExportError": "pdf",
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
    "HANDOUT_PAPER_NAMES",
    "ORIENTATIONS",
    "PAPER_NAMES",
    "TILE_PAPER_NAMES",
    "Box",
    "Cancelled",
    "ExportError",
    "ExportResult",
    "OptionsError",
    "PageBoxes",
    "PagePlan",
    "PdfOptions",
    "PosterPlan",
    "export_pdf",
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
