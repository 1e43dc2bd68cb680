"""The building blocks of the file format: limits, constrained scalar types, vocabularies and
the strict base model every part of a map derives from. No Qt, no I/O.

Loading is strict (`extra="forbid"`, no `"2"` for 2, no `true` for 1, no NaN or infinity)
because a hand-editing mistake should be reported, not silently reinterpreted.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, StringConstraints

FORMAT_NAME: Final = "journeymap"
FORMAT_VERSION: Final = 2

MAX_ID = 64
MAX_NAME = 200
MAX_TEXT = 5_000
MAX_LONG_TEXT = 20_000
MAX_TAGS = 30
MAX_LIST = 50
MAX_CARDS = 100_000
MAX_STAGES = 200
MAX_LANES = 50
MAX_VOTES = 9_999
MAX_CURVES = 50
MAX_EVIDENCE = 200  # evidence items on one card
MAX_VIEWS = 100
MAX_PATH = 1_000
MAX_SOURCE_KEY = 200
MAX_SCENARIO = 60
MAX_SAMPLE = 100_000_000  # respondents behind one figure
MAX_FIGURE = 1e15  # any figure (a metric, a survey value) is at most this big either way

Id = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_ID, pattern=r"^[A-Za-z0-9_.\-]+$")
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME)]
ShortText = Annotated[str, StringConstraints(max_length=MAX_NAME)]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
LongText = Annotated[str, StringConstraints(max_length=MAX_LONG_TEXT)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=60)]
# A key another tool gave the item (a survey's card key, a quote's respondent key), kept so a
# newer import updates what an older one made instead of adding it again.
SourceKey = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SOURCE_KEY)]


def _figure_text(value: float) -> float | int:
    # Whole figures are written as whole numbers ("2", not "2.0"), so a value typed as a level
    # reads as one in the file and survives a round trip unchanged.
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


# A finite number (whole or decimal), held as a float.
Figure = Annotated[float, Field(ge=-MAX_FIGURE, le=MAX_FIGURE),
                   PlainSerializer(_figure_text, when_used="json")]

CardKind = Literal["touchpoint", "pain_point", "opportunity", "note"]
CARD_KINDS: tuple[CardKind, ...] = ("touchpoint", "pain_point", "opportunity", "note")
# The kinds that carry a priority score (customer value, business value, effort).
SCORED_KINDS: tuple[CardKind, ...] = ("pain_point", "opportunity")

Channel = Literal["web", "mobile_app", "email", "phone", "store", "social", "chat", "other"]
CHANNELS: tuple[Channel, ...] = (
    "web", "mobile_app", "email", "phone", "store", "social", "chat", "other",
)

LaneKind = Literal[
    "customer_actions",
    "touchpoints",
    "thoughts",
    "emotions",
    "pain_points",
    "opportunities",
    "channels",
    "frontstage",
    "backstage",
    "support_processes",
    "metric",
    "quote",
    "notes",
]
LANE_KINDS: tuple[LaneKind, ...] = (
    "customer_actions", "touchpoints", "thoughts", "emotions", "pain_points",
    "opportunities", "channels", "frontstage", "backstage", "support_processes", "metric",
    "quote", "notes",
)


class StrictModel(BaseModel):
    """Every object of a map: unknown keys refused, no type coercion, finite numbers only,
    and assignments validated too (`journey.title = "x" * 300` raises at once).

    So every object a map holds has passed validation: when it was made, loaded, or had a
    field assigned. Edits put a validated copy in place of the old object (document.py);
    only `model_copy(update=...)` and `model_construct` skip validation, and the document
    uses the former for placements it has checked itself. That is what lets a save check
    only how the objects fit together (storage.files), not every field again."""

    model_config = ConfigDict(extra="forbid", strict=True, validate_default=False,
                              allow_inf_nan=False, validate_assignment=True)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
