"""Pure queries on an emotion scale: its levels and their names, where a value lies on it (the
normalised position 0..1 that faces and colours are drawn from), the default word for a
feeling, and how the keys 1-5 map onto it.

Nothing else in the app knows a scale's numbers: layout, canvas, inspector and export ask
here, so a map on 1-7 or 0-10 draws and edits as one on -2..+2 does.
"""

from __future__ import annotations

import math
from typing import Final

from journeymap_desktop.model.emotion import (
    SCALE_PRESETS,
    EmotionScale,
    ScalePreset,
)

# The five anchors of every scale, most negative first: the keys 1-5, the five faces, the
# diverging colours, and the default names of 5-level scales.
ANCHOR_NAMES: Final = ("Very negative", "Negative", "Neutral", "Positive", "Very positive")
ANCHOR_WORDS: Final = ("frustrated", "uneasy", "neutral", "pleased", "delighted")
ANCHORS: Final = len(ANCHOR_NAMES)
SEVEN_LEVEL_NAMES: Final = ("Very negative", "Negative", "Slightly negative", "Neutral",
                            "Slightly positive", "Positive", "Very positive")
NO_VALUE_KEY: Final = 0  # the key that clears a card's value on the active curve

PRESET_LABELS: dict[str, str] = {
    "-2..2": "−2 to +2",
    "1..5": "1 to 5",
    "1..7": "1 to 7",
    "1..10": "1 to 10",
    "0..10": "0 to 10",
    "custom": "Custom",
}


def preset_scale(preset: ScalePreset, marks: str = "faces") -> EmotionScale:
    """A scale from a preset (the custom one starts as the preset's default range)."""
    if preset == "custom":
        return EmotionScale.model_validate({"preset": "custom", "marks": marks})
    low, high = SCALE_PRESETS[preset]
    return EmotionScale.model_validate({"preset": preset, "min": low, "max": high,
                                        "marks": marks})


def levels(scale: EmotionScale) -> list[int]:
    """Every level, lowest first."""
    return list(range(scale.min, scale.max + 1))


def level_count(scale: EmotionScale) -> int:
    return scale.max - scale.min + 1


def position(scale: EmotionScale, value: float) -> float:
    """Where a value lies on the scale: 0 at its lowest level, 1 at its highest (clamped)."""
    span = scale.max - scale.min
    return min(1.0, max(0.0, (value - scale.min) / span)) if span else 0.5


def value_at(scale: EmotionScale, where: float) -> float:
    """The value at a normalised position (the inverse of `position`)."""
    return scale.min + min(1.0, max(0.0, where)) * (scale.max - scale.min)


def nearest_level(scale: EmotionScale, value: float) -> int:
    """The level a value is closest to (halves go away from the middle)."""
    middle = (scale.min + scale.max) / 2
    rounded = math.floor(value + 0.5) if value >= middle else math.ceil(value - 0.5)
    return min(scale.max, max(scale.min, rounded))


def rescaled(value: float, source: EmotionScale, target: EmotionScale) -> float:
    """A value moved from one scale to another at the same normalised position."""
    return value_at(target, position(source, value))


def moved_value(value: float, source: EmotionScale, target: EmotionScale) -> float:
    """A card's value after the map moves from one scale to another: the same place between
    the lowest and highest level, a whole level landing on the nearest level of the new scale
    (a survey mean keeps two decimals). Undo keeps the old values, so nothing is lost."""
    moved = rescaled(value, source, target)
    if float(value).is_integer():
        return float(nearest_level(target, moved))
    return round(moved, 2)


def neutral_level(scale: EmotionScale) -> int | None:
    """The middle level, when the scale has one (an odd number of levels)."""
    total = scale.min + scale.max
    return total // 2 if total % 2 == 0 else None


def default_names(low: int, high: int) -> list[str]:
    """The names levels `low`..`high` get when the map names none: the five anchors' on a
    5-level scale, seven on a 7-level one, else the numbers with the ends (and the middle)
    described. Works on any range, also one the custom-scale dialog is still being typed."""
    count = high - low + 1
    if count == ANCHORS:
        return list(ANCHOR_NAMES)
    if count == len(SEVEN_LEVEL_NAMES):
        return list(SEVEN_LEVEL_NAMES)
    names = [str(level) for level in range(low, high + 1)]
    if not names:
        return names
    names[0] = f"{low} – {ANCHOR_NAMES[0].lower()}"
    names[-1] = f"{high} – {ANCHOR_NAMES[-1].lower()}"
    if (low + high) % 2 == 0 and count > 2:
        middle = (low + high) // 2
        names[middle - low] = f"{middle} – {ANCHOR_NAMES[ANCHORS // 2].lower()}"
    return names


def _default_names(scale: EmotionScale) -> list[str]:
    return default_names(scale.min, scale.max)


def level_names(scale: EmotionScale) -> list[str]:
    """A name for every level, lowest first: the map's own, else the preset's."""
    return list(scale.names) if scale.names else _default_names(scale)


def level_name(scale: EmotionScale, value: float) -> str:
    """The name of the level a value is at (or nearest to)."""
    return level_names(scale)[nearest_level(scale, value) - scale.min]


def anchor(scale: EmotionScale, value: float) -> int:
    """Which of the five anchors (0 = very negative .. 4 = very positive) a value is nearest."""
    return round(position(scale, value) * (ANCHORS - 1))


def default_word(scale: EmotionScale, value: float) -> str:
    """The word shown beside a face when the card has none of its own: the level's own name
    on a scale with named levels, else one of five words by where the value lies."""
    if scale.names:
        return level_name(scale, value).lower()
    return ANCHOR_WORDS[anchor(scale, value)]


def default_words(scale: EmotionScale, value: float) -> frozenset[str]:
    """The words that go with a level by default (its word, its name, its anchor's word and
    name), in lower case: a card whose feeling is one of these says nothing of its own."""
    where = anchor(scale, value)
    return frozenset(word.strip().casefold() for word in (
        default_word(scale, value), level_name(scale, value), ANCHOR_WORDS[where],
        ANCHOR_NAMES[where]))


def keeps_word(scale: EmotionScale, word: str, old_value: float) -> bool:
    """Whether a card's feeling word stays when its value moves away from `old_value`: a word
    the user typed does; one of the old level's default words does not (it would contradict
    the new face)."""
    return bool(word.strip()) and word.strip().casefold() not in default_words(scale,
                                                                              old_value)


def key_value(scale: EmotionScale, key: int) -> int | None:
    """The level the keys 1-5 set (1 lowest, 3 the middle, 5 highest, spread evenly and
    symmetrically over the scale); 0 (no value) and anything else give None."""
    if not 1 <= key <= ANCHORS:
        return None
    exact = value_at(scale, (key - 1) / (ANCHORS - 1))
    return nearest_level(scale, exact)


def key_for_value(scale: EmotionScale, value: float | None) -> int:
    """The key (1-5) whose level is nearest to a value; 0 for no value."""
    if value is None:
        return NO_VALUE_KEY
    return anchor(scale, value) + 1


MAX_LEGEND_LEVELS: Final = 7


def legend_levels(scale: EmotionScale) -> list[int]:
    """The levels a legend shows: all of them up to seven, else the five the keys 1-5 set
    (lowest, a quarter, the middle, three quarters, highest)."""
    if level_count(scale) <= MAX_LEGEND_LEVELS:
        return levels(scale)
    keyed = [key_value(scale, key) for key in range(1, ANCHORS + 1)]
    return sorted({level for level in keyed if level is not None})


def describe(scale: EmotionScale) -> str:
    """A short label, e.g. "1 to 7 (7 levels)" or "Custom 0 to 4 (5 levels)"."""
    span = f"{scale.min} to {scale.max}".replace("-", "−")
    prefix = "Custom " if scale.preset == "custom" else ""
    return f"{prefix}{span} ({level_count(scale)} levels)"


def format_value(value: float) -> str:
    """A value as people write it: 3, 3.4, −1."""
    return f"{value:g}".replace("-", "−")
