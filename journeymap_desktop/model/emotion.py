"""How customers feel, in the file format: the map's emotion scale, its curves, and the value a
card holds on each curve (with the word for it and the survey distribution behind it).

A map has one scale (a preset such as -2..+2 or 1-7, or a custom range with a name per level)
and any number of curves; a curve belongs to one persona or to everyone, and to a scenario
("as-is", "to-be", or a name the user gives, e.g. "2025 pilot"). A card holds at most one
value per curve: `card.emotions[curve_id]`. Queries on these live in `scales.py` and
`curves.py`.
"""

from __future__ import annotations

from typing import Annotated, Final, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from journeymap_desktop.model.fields import (
    MAX_SAMPLE,
    MAX_SCENARIO,
    Figure,
    Id,
    ShortText,
    StrictModel,
)

ScalePreset = Literal["-2..2", "1..5", "1..7", "1..10", "0..10", "custom"]
# Each preset's lowest and highest level. "custom" takes the file's own min and max.
SCALE_PRESETS: Final[dict[str, tuple[int, int]]] = {
    "-2..2": (-2, 2),
    "1..5": (1, 5),
    "1..7": (1, 7),
    "1..10": (1, 10),
    "0..10": (0, 10),
}
DEFAULT_SCALE_PRESET: Final = "-2..2"
SCALE_LIMIT = 100  # a custom scale's levels lie within -100..100
MIN_SCALE_LEVELS = 2
MAX_SCALE_LEVELS = 21
ScaleMarks = Literal["faces", "dots"]

_DEFAULT_MIN, _DEFAULT_MAX = SCALE_PRESETS[DEFAULT_SCALE_PRESET]


class EmotionScale(StrictModel):
    """The levels every curve of the map is drawn on: whole numbers from `min` to `max`.

    `names` gives each level a name, lowest first (empty: the preset's own names, or the
    numbers of a custom scale). `marks` draws each value as a face or as a plain dot."""

    preset: ScalePreset = DEFAULT_SCALE_PRESET
    min: int = Field(default=_DEFAULT_MIN, ge=-SCALE_LIMIT, le=SCALE_LIMIT)
    max: int = Field(default=_DEFAULT_MAX, ge=-SCALE_LIMIT, le=SCALE_LIMIT)
    names: list[ShortText] = Field(default_factory=list, max_length=MAX_SCALE_LEVELS)
    marks: ScaleMarks = "faces"

    @model_validator(mode="after")
    def _levels_make_sense(self) -> EmotionScale:
        if self.preset != "custom":
            low, high = SCALE_PRESETS[self.preset]
            if (self.min, self.max) != (low, high):
                raise ValueError(f'the preset "{self.preset}" runs from {low} to {high}; '
                                 f'for {self.min}..{self.max} use "preset": "custom"')
        levels = self.max - self.min + 1
        if not MIN_SCALE_LEVELS <= levels <= MAX_SCALE_LEVELS:
            raise ValueError(f"a scale has {MIN_SCALE_LEVELS} to {MAX_SCALE_LEVELS} levels "
                             "(min below max), "
                             f"not {self.min}..{self.max}")
        if self.names and len(self.names) != levels:
            raise ValueError(f"names: give one name per level ({levels} for "
                             f"{self.min}..{self.max}), or none, not {len(self.names)}")
        return self


# The two scenarios every tool knows; any other text names a scenario of the user's own.
AS_IS: Final = "as-is"
TO_BE: Final = "to-be"
Scenario = Annotated[str, StringConstraints(min_length=1, max_length=MAX_SCENARIO)]


def _squashed(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


_WELL_KNOWN = {_squashed(AS_IS): AS_IS, _squashed(TO_BE): TO_BE}


def check_scenario(scenario: str) -> str:
    """A scenario as stored: "As is" or "TO_BE" would look like the well-known ones but draw as
    a scenario of the user's own, so they are refused with the spelling to use."""
    known = _WELL_KNOWN.get(_squashed(scenario))
    if known is not None and scenario != known:
        raise ValueError(f'write the scenario as "{known}"')
    if not scenario.strip():
        raise ValueError("a scenario needs a name")
    return scenario


class EmotionCurve(StrictModel):
    """One line across the journey: how a persona (or everyone, `persona_id` null) feels in a
    scenario. `name` is the user's own name for it; empty, it is named after the persona and
    the scenario (see curves.curve_name)."""

    id: Id
    persona_id: Id | None = None
    scenario: Scenario = AS_IS
    name: ShortText = ""

    @field_validator("scenario")
    @classmethod
    def _well_known_spelling(cls, value: str) -> str:
        return check_scenario(value)


class Distribution(StrictModel):
    """What a value rests on: the spread of survey answers on the map's scale (answers
    moved onto it when the survey used another one). `low` and `high` are the extremes, when
    known; `source` says where the answers come from."""

    n: int = Field(ge=1, le=MAX_SAMPLE)
    mean: Figure
    median: Figure
    q1: Figure
    q3: Figure
    low: Figure | None = None
    high: Figure | None = None
    source: ShortText = ""

    @model_validator(mode="after")
    def _ordered(self) -> Distribution:
        if not self.q1 <= self.median <= self.q3:
            raise ValueError(f"quartiles out of order: q1 {self.q1:g} <= median "
                             f"{self.median:g} <= q3 {self.q3:g} must hold")
        lowest = self.low if self.low is not None else min(self.q1, self.mean)
        highest = self.high if self.high is not None else max(self.q3, self.mean)
        if not (lowest <= self.q1 and self.q3 <= highest and lowest <= self.mean <= highest):
            raise ValueError("low <= q1, q3 <= high and low <= mean <= high must hold")
        return self


class EmotionValue(StrictModel):
    """A card's value on one curve: a level of the map's scale (a decimal when it comes from
    a survey's mean), the customer's own word for the feeling (empty: the scale's word), and
    the distribution of answers it rests on, if any."""

    value: Figure
    word: ShortText = ""
    evidence: Distribution | None = None
