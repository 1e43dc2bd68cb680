"""The journey map as pydantic models: this is the `.journeymap` file format, version 2.

```
JourneyMap   format "journeymap", version 2, title, description, meta
├─ scale     EmotionScale: preset, min, max, names (one per level), marks (faces | dots)
├─ personas  [Persona]: id, name, role, goals, frustrations, quote
├─ curves    [EmotionCurve]: id, persona_id (null: everyone), scenario ("as-is", "to-be",
│            or the user's own), name
├─ stages    [Stage]: id, name, description, colour
├─ lanes     [Lane]: id, name, kind (touchpoints, emotions, metric, quote, the service-
│            blueprint layers customer_actions / frontstage / backstage / support_processes, ...)
├─ cards     [Card]: id, stage_id, lane_id, order, title, body, kind,
│            emotions {curve_id: EmotionValue (value, word, evidence Distribution)},
│            channel, owner, tags, votes, moment_of_truth, colour, persona_id,
│            evidence [quote | survey | metric | file], priority (customer_value,
│            business_value, effort), private, source_key
├─ views     [SavedView]: id, name, persona_ids, scenarios, lane_ids, kinds, tags
└─ workshop  Workshop: participants, rounds (scope, budget, cap, anonymity, votes, ...),
             timer_log
```

Loading is strict (see fields.StrictModel). Whole-map consistency (unique ids, every
reference resolving, values within the map's scale, budgets kept) is checked after the
fields (integrity.py), with messages naming the field path. `journeymap schema` prints the
JSON Schema of this format (docs/journeymap.schema.json).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import Field, field_validator, model_validator

from journeymap_desktop.model.curves import everyone_as_is
from journeymap_desktop.model.emotion import EmotionCurve, EmotionScale, EmotionValue
from journeymap_desktop.model.evidence import Evidence
from journeymap_desktop.model.fields import (
    CARD_KINDS,
    CHANNELS,
    FORMAT_NAME,
    FORMAT_VERSION,
    LANE_KINDS,
    MAX_CARDS,
    MAX_CURVES,
    MAX_EVIDENCE,
    MAX_ID,
    MAX_LANES,
    MAX_LIST,
    MAX_LONG_TEXT,
    MAX_NAME,
    MAX_STAGES,
    MAX_TAGS,
    MAX_TEXT,
    MAX_VIEWS,
    MAX_VOTES,
    SCORED_KINDS,
    CardKind,
    Channel,
    Colour,
    Id,
    LaneKind,
    LongText,
    Name,
    ShortText,
    SourceKey,
    StrictModel,
    Tag,
    Text,
    utc_now,
)
from journeymap_desktop.model.priority import Priority
from journeymap_desktop.model.views import SavedView
from journeymap_desktop.model.workshop import Workshop

__all__ = [
    "CARD_KINDS", "CHANNELS", "FORMAT_NAME", "FORMAT_VERSION", "LANE_KINDS", "MAX_CARDS",
    "MAX_CURVES", "MAX_EVIDENCE", "MAX_ID", "MAX_LANES", "MAX_LIST", "MAX_LONG_TEXT",
    "MAX_NAME", "MAX_STAGES", "MAX_TAGS", "MAX_TEXT", "MAX_VIEWS", "MAX_VOTES",
    "SCORED_KINDS", "Card", "CardKind", "Channel", "Colour", "Id", "JourneyMap", "Lane",
    "LaneKind", "LongText", "Metadata", "Name", "Persona", "ShortText", "Stage", "Tag", "Text",
    "utc_now",
]


class Persona(StrictModel):
    """Someone the journey is about: name, role, goals, frustrations and a quote."""

    id: Id
    name: Name
    role: ShortText = ""
    goals: list[Text] = Field(default_factory=list, max_length=MAX_LIST)
    frustrations: list[Text] = Field(default_factory=list, max_length=MAX_LIST)
    quote: Text = ""


class Stage(StrictModel):
    """A column of the map: a step of the journey."""

    id: Id
    name: Name
    description: Text = ""
    colour: Colour | None = None


class Lane(StrictModel):
    """A row of the map. Its kind says what it holds: touchpoints, the emotion curve
    ("emotions"), figures ("metric": each card shows its first metric), quotes ("quote"), or
    a service-blueprint layer (customer_actions, frontstage, backstage, support_processes:
    the lines of interaction, visibility and internal interaction go where adjacent layers
    meet)."""

    id: Id
    name: Name
    kind: LaneKind = "notes"


class Card(StrictModel):
    """A sticky note in one cell (stage x lane), at `order` within the cell."""

    id: Id
    stage_id: Id
    lane_id: Id
    order: int = Field(default=0, ge=0, le=MAX_CARDS)
    title: ShortText = ""
    body: Text = ""
    kind: CardKind = "touchpoint"
    emotions: dict[Id, EmotionValue] = Field(
        default_factory=dict, max_length=MAX_CURVES,
        description="The card's value on each curve of the map, by curve id.")
    channel: Channel | None = None
    owner: ShortText = ""
    tags: list[Tag] = Field(default_factory=list, max_length=MAX_TAGS)
    votes: int = Field(default=0, ge=0, le=MAX_VOTES, description=(
        "Votes counted outside voting rounds (dot stickers, the +/- keys); a round's votes "
        "are in workshop.rounds."))
    moment_of_truth: bool = False
    colour: Colour | None = None
    persona_id: Id | None = None
    evidence: list[Evidence] = Field(
        default_factory=list, max_length=MAX_EVIDENCE,
        description="What the card rests on: quotes, survey figures, metrics, file links.")
    priority: Priority | None = Field(default=None, description=(
        "Scores of a pain point or opportunity: customer and business value (0-100 %), "
        "effort (0-5)."))
    private: bool = Field(default=False, description=(
        "Captured privately in a workshop: hidden on the projector until the facilitator "
        "reveals it."))
    source_key: SourceKey | None = Field(default=None, description=(
        "The key an importer gave the card (e.g. a survey's stage and touchpoint), unique in "
        "the map: re-importing updates the card instead of adding another."))


class Metadata(StrictModel):
    """When the map was made and last saved, by whom, with which version of the app."""

    created: datetime = Field(default_factory=utc_now, strict=False)
    modified: datetime = Field(default_factory=utc_now, strict=False)
    author: ShortText = ""
    app_version: ShortText = ""

    @field_validator("created", "modified")
    @classmethod
    def _assume_utc(cls, value: datetime) -> datetime:
        # A hand-written time without a zone is read as UTC, so times always compare.
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


class JourneyMap(StrictModel):
    """A customer journey map (see the outline at the top of this module)."""

    format: Literal["journeymap"] = FORMAT_NAME
    version: Literal[2] = FORMAT_VERSION
    title: Name = "Untitled journey"
    description: LongText = ""
    meta: Metadata = Field(default_factory=Metadata)
    scale: EmotionScale = Field(default_factory=EmotionScale)
    personas: list[Persona] = Field(default_factory=list, max_length=MAX_LIST)
    # A map starts with everyone's as-is curve (a file may list none at all: "curves": []).
    curves: list[EmotionCurve] = Field(default_factory=lambda: [everyone_as_is()],
                                       max_length=MAX_CURVES)
    stages: list[Stage] = Field(default_factory=list, max_length=MAX_STAGES)
    lanes: list[Lane] = Field(default_factory=list, max_length=MAX_LANES)
    cards: list[Card] = Field(default_factory=list, max_length=MAX_CARDS)
    views: list[SavedView] = Field(default_factory=list, max_length=MAX_VIEWS)
    workshop: Workshop = Field(default_factory=Workshop)

    @model_validator(mode="after")
    def _references_resolve(self) -> JourneyMap:
        from journeymap_desktop.model.integrity import integrity_problems

        problems = integrity_problems(self)
        if problems:
            raise ValueError("\n".join(str(p) for p in problems))
        return self
