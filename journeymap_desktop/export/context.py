"""What every page writer needs for one export: the canvas and its helpers, the map and its
layout, the options, and progress reporting with cancellation."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.pdfgen.canvas import Canvas

from journeymap_desktop.export.colours import Palette
from journeymap_desktop.export.draw import Shapes
from journeymap_desktop.export.errors import Cancelled
from journeymap_desktop.export.options import PdfOptions
from journeymap_desktop.layout.density import Density
from journeymap_desktop.layout.geometry import MapLayout
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.map import JourneyMap

ProgressCallback = Callable[[float], object]

__all__ = ["Cancelled", "ExportContext", "Progress", "ProgressCallback"]


@dataclass
class Progress:
    """Maps the part of the work a writer is in (start..end of 0..1) onto the callback.

    The callback may return False or raise Cancelled to stop the export."""

    callback: ProgressCallback | None
    start: float = 0.0
    end: float = 1.0
    _last: float = field(default=-1.0, repr=False)

    def __call__(self, fraction: float) -> None:
        if self.callback is None:
            return
        value = self.start + (self.end - self.start) * min(max(fraction, 0.0), 1.0)
        if value < self._last:
            value = self._last  # never run backwards, whatever a writer reports
        self._last = value
        if self.callback(value) is False:
            raise Cancelled("export cancelled")

    def done(self) -> None:
        """Report 1.0 once the file is in place: too late to cancel, so the answer is ignored."""
        if self.callback is not None:
            with contextlib.suppress(Cancelled):
                self.callback(1.0)

    def part(self, start: float, end: float) -> Progress:
        """A sub-range of this range, for one step of the work."""
        span = self.end - self.start
        return Progress(self.callback, self.start + span * start, self.start + span * end,
                        self._last)


@dataclass
class ExportContext:
    canvas: Canvas
    palette: Palette
    shapes: Shapes
    measurer: FontMeasurer
    journey: JourneyMap
    layout: MapLayout
    options: PdfOptions
    density: Density = Density.FULL  # what the poster's cards show (export.legibility)
    mood_by_stage: bool = False  # the emotion curve summarised per stage
    overview_scale: float = 0.0  # a handout's overview: its scale and smallest text
    overview_text_pt: float = 0.0
