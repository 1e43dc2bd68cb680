"""The journey map as pydantic models: this is the `.journeymap` file format, version 1.

Loading is strict (`extra="forbid"`, no `"2"` for 2, no `true` for 1) because a hand-editing
mistake should be reported, not silently reinterpreted. Whole-map consistency (unique ids, every
reference resolving) is checked after the fields, with messages naming the field path.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Final, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

FORMAT_NAME: Final = "journeymap"
FORMAT_VERSION: Final = 1

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

EMOTION_MIN = -2
EMOTION_MAX = 2

CardKind = Literal["touchpoint", "pain_point", "opportunity", "note"]
CARD_KINDS: tuple[CardKind, ...] = ("touchpoint", "pain_point", "opportunity", "note")

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
    "backstage",
    "notes",
]
LANE_KINDS: tuple[LaneKind, ...] = (
    "customer_actions", "touchpoints", "thoughts", "emotions", "pain_points",
    "opportunities", "channels", "backstage", "notes",
)

Id = Annotated[
    str, StringConstraints(min_length=1, max_length=MAX_ID, pattern=r"^[A-Za-z0-9_.\-]+$")
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME)]
ShortText = Annotated[str, StringConstraints(max_length=MAX_NAME)]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT)]
LongText = Annotated[str, StringConstraints(max_length=MAX_LONG_TEXT)]
Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]
Tag = Annotated[str, StringConstraints(min_length=1, max_length=60)]
Emotion = Annotated[int, Field(ge=EMOTION_MIN, le=EMOTION_MAX)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, validate_default=False)


class Persona(_Strict):
    id: Id
    name: Name
    role: ShortText = ""
    goals: list[Text] = Field(default_factory=list, max_length=MAX_LIST)
    frustrations: list[Text] = Field(default_factory=list, max_length=MAX_LIST)
    quote: Text = ""


class Stage(_Strict):
    id: Id
    name: Name
    description: Text = ""
    colour: Colour | None = None


class Lane(_Strict):
    id: Id
    title: Name
    kind: LaneKind = "notes"


class Card(_Strict):
    id: Id
    stage_id: Id
    lane_id: Id
    order: int = Field(default=0, ge=0, le=MAX_CARDS)
    title: ShortText = ""
    body: Text = ""
    kind: CardKind = "touchpoint"
    emotion: Emotion | None = None
    emotion_word: ShortText = ""
    channel: Channel | None = None
    owner: ShortText = ""
    tags: list[Tag] = Field(default_factory=list, max_length=MAX_TAGS)
    votes: int = Field(default=0, ge=0, le=MAX_VOTES)
    moment_of_truth: bool = False
    colour: Colour | None = None
    persona_id: Id | None = None


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class Metadata(_Strict):
    created: datetime = Field(default_factory=utc_now, strict=False)
    modified: datetime = Field(default_factory=utc_now, strict=False)
    author: ShortText = ""
    app_version: ShortText = ""

    @field_validator("created", "modified")
    @classmethod
    def _assume_utc(cls, value: datetime) -> datetime:
        # A hand-written time without a zone is read as UTC, so times always compare.
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class JourneyMap(_Strict):
    format: Literal["journeymap"] = FORMAT_NAME
    version: Literal[1] = FORMAT_VERSION
    title: Name = "Untitled journey"
    description: LongText = ""
    meta: Metadata = Field(default_factory=Metadata)
    personas: list[Persona] = Field(default_factory=list, max_length=MAX_LIST)
    stages: list[Stage] = Field(default_factory=list, max_length=MAX_STAGES)
    lanes: list[Lane] = Field(default_factory=list, max_length=MAX_LANES)
    cards: list[Card] = Field(default_factory=list, max_length=MAX_CARDS)

    @model_validator(mode="after")
    def _references_resolve(self) -> JourneyMap:
        from journeymap_desktop.model.integrity import integrity_problems

        problems = integrity_problems(self)
        if problems:
            raise ValueError("\n".join(str(p) for p in problems))
        return self
