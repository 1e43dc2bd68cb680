"""Upgrades of older `.journeymap` files, one small function per format version step.

A migration takes the raw JSON object of version N and returns the object of version N + 1.
Register it with `@migrates_from(N)`; `migrate()` runs the chain up to the current version.
Migrations run before validation, on data from any file: they change only what has the shape
they expect and leave everything else for the validator to report.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID
from journeymap_desktop.model.emotion import DEFAULT_SCALE_PRESET, SCALE_PRESETS
from journeymap_desktop.model.map import FORMAT_VERSION

RawMap = dict[str, Any]
Migration = Callable[[RawMap], RawMap]

MIGRATIONS: dict[int, Migration] = {}


def migrates_from(version: int) -> Callable[[Migration], Migration]:
    def register(function: Migration) -> Migration:
        if version in MIGRATIONS:
            raise ValueError(f"two migrations from version {version}")
        MIGRATIONS[version] = function
        return function

    return register


def migrate(
    data: RawMap,
    version: int,
    target: int = FORMAT_VERSION,
    registry: dict[int, Migration] | None = None,
) -> RawMap:
    """Run every step from `version` to `target`; raises LookupError when a step is missing."""
    steps = MIGRATIONS if registry is None else registry
    while version < target:
        step = steps.get(version)
        if step is None:
            raise LookupError(f"no upgrade from file format version {version}")
        data = step(dict(data))
        version += 1
        data["version"] = version
    return data


@migrates_from(1)
def curves_and_names(data: RawMap) -> RawMap:
    """Version 1 -> 2: emotion curves on a scale, and one `name` field for stages and lanes.

    - The map gets the -2..+2 scale of version 1 and one curve: how everyone feels as-is.
    - Each card's `emotion` and `emotion_word` become its value on that curve
      (`emotions: {"everyone-as-is": {"value": ..., "word": ...}}`). A word without an
      emotion (never written by version 1, only by hand) has nothing to describe and goes.
    - Each lane's `title` becomes its `name`, as stages have always had.
    Personas, stages, votes and everything else carry over unchanged; views and the workshop
    start empty.
    """
    low, high = SCALE_PRESETS[DEFAULT_SCALE_PRESET]
    upgraded: RawMap = {}
    for key, value in data.items():
        upgraded[key] = value
        if key == "meta":
            upgraded.setdefault("scale", {"preset": DEFAULT_SCALE_PRESET, "min": low,
                                          "max": high, "names": [], "marks": "faces"})
    upgraded.setdefault("scale", {"preset": DEFAULT_SCALE_PRESET, "min": low, "max": high,
                                  "names": [], "marks": "faces"})
    if "curves" not in upgraded:
        curves = [{"id": EVERYONE_AS_IS_ID, "persona_id": None, "scenario": "as-is",
                   "name": ""}]
        upgraded = _inserted_after(upgraded, "personas", "curves", curves)
    lanes = upgraded.get("lanes")
    if isinstance(lanes, list):
        upgraded["lanes"] = [_renamed_lane(lane) for lane in lanes]
    cards = upgraded.get("cards")
    if isinstance(cards, list):
        upgraded["cards"] = [_card_with_emotions(card) for card in cards]
    return upgraded


def _inserted_after(data: RawMap, after: str, key: str, value: Any) -> RawMap:
    """`data` with `key` placed after `after` (at the end without it), for a tidy file."""
    if after not in data:
        return {**data, key: value}
    result: RawMap = {}
    for existing, item in data.items():
        result[existing] = item
        if existing == after:
            result[key] = value
    return result


def _renamed_lane(lane: Any) -> Any:
    if not isinstance(lane, dict) or "title" not in lane or "name" in lane:
        return lane
    return {("name" if key == "title" else key): value for key, value in lane.items()}


def _card_with_emotions(card: Any) -> Any:
    if not isinstance(card, dict) or "emotions" in card:
        return card
    upgraded: RawMap = {}
    for key, value in card.items():
        if key == "emotion":
            emotions: RawMap = {}
            if value is not None:
                entry: RawMap = {"value": value}
                word = card.get("emotion_word", "")
                if word != "":
                    entry["word"] = word
                emotions[EVERYONE_AS_IS_ID] = entry
            upgraded["emotions"] = emotions
        elif key != "emotion_word":
            upgraded[key] = value
    return upgraded
