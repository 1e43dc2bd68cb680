"""Pure geometry of a journey map, shared by the canvas and the PDF export. No Qt here."""

from journeymap_desktop.layout.engine import LayoutEngine
from journeymap_desktop.layout.geometry import (
    CardBox,
    CardContent,
    CurvePoint,
    DropTarget,
    EmotionBand,
    LaneBox,
    MapLayout,
    Rect,
    StageBox,
    TextLine,
)
from journeymap_desktop.layout.text import TextMeasurer, Wrapper

__all__ = [
    "CardBox",
    "CardContent",
    "CurvePoint",
    "DropTarget",
    "EmotionBand",
    "LaneBox",
    "LayoutEngine",
    "MapLayout",
    "Rect",
    "StageBox",
    "TextLine",
    "TextMeasurer",
    "Wrapper",
]
