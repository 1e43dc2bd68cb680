"""The journey map model: the file format (version 2) and pure queries on it. No Qt here.

- `map.py`: the map and its cards, stages, lanes, personas (the format's outline is there)
- `fields.py`: limits, constrained types, vocabularies, the strict base model
- `emotion.py`: the scale, curves, a card's value on a curve and its distribution
- `evidence.py`: quotes, survey figures, metrics, links to files beside the map
- `priority.py`, `views.py`, `workshop.py`: scores, saved views, voting rounds (with queries)
- `integrity.py`: whole-map checks
- queries: `queries.py` (cells, order, search, blueprint lines), `scales.py`, `curves.py`,
  `confidence.py`
"""

from journeymap_desktop.model.emotion import (
    AS_IS,
    SCALE_PRESETS,
    TO_BE,
    Distribution,
    EmotionCurve,
    EmotionScale,
    EmotionValue,
)
from journeymap_desktop.model.evidence import (
    Evidence,
    FileLink,
    MetricEvidence,
    QuoteEvidence,
    SurveyFigure,
)
from journeymap_desktop.model.integrity import Problem, integrity_problems
from journeymap_desktop.model.map import (
    CARD_KINDS,
    CHANNELS,
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
from journeymap_desktop.model.priority import Priority
from journeymap_desktop.model.views import SavedView
from journeymap_desktop.model.workshop import (
    Participant,
    TimerEvent,
    Vote,
    VoteScope,
    VotingRound,
    Workshop,
)

__all__ = [
    "AS_IS",
    "CARD_KINDS",
    "CHANNELS",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "LANE_KINDS",
    "SCALE_PRESETS",
    "TO_BE",
    "Card",
    "CardKind",
    "Channel",
    "Distribution",
    "EmotionCurve",
    "EmotionScale",
    "EmotionValue",
    "Evidence",
    "FileLink",
    "JourneyMap",
    "Lane",
    "LaneKind",
    "Metadata",
    "MetricEvidence",
    "Participant",
    "Persona",
    "Priority",
    "Problem",
    "QuoteEvidence",
    "SavedView",
    "Stage",
    "SurveyFigure",
    "TimerEvent",
    "Vote",
    "VoteScope",
    "VotingRound",
    "Workshop",
    "integrity_problems",
]
