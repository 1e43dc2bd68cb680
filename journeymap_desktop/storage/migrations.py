"""Upgrades of older `.journeymap` files, one small function per format version step.

A migration takes the raw JSON object of version N and returns the object of version N + 1.
Register it with `@migrates_from(N)`; `migrate()` runs the chain up to the current version.
Version 1 is the first format, so the chain is empty today; the mechanism is tested with a
registry of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

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
