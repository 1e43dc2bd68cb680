"""The journey map model: the file format and pure queries on it. No Qt here."""

from journeymap_desktop.model.integrity import Problem, integrity_problems
from journeymap_desktop.model.map import (
    CARD_KINDS,
    CHANNELS,
    EMOTION_MAX,
    EMOTION_MIN,
    FORMAT_NAME,
    FORMAT_VERSION,
    LANE_KINDS,
    Card,
    CardKind,
    Channel,
    JourneyMap,
    Lane,
    LaneKind,
    Metadata,
    Persona,
    Stage,
)

__all__ = [
    "CARD_KINDS",
    "CHANNELS",
    "EMOTION_MAX",
    "EMOTION_MIN",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "LANE_KINDS",
    "Card",
    "CardKind",
    "Channel",
    "JourneyMap",
    "Lane",
    "LaneKind",
    "Metadata",
    "Persona",
    "Problem",
    "Stage",
    "integrity_problems",
]
