"""Whole-map consistency checks: unique ids and references that resolve."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeymap_desktop.model.map import JourneyMap


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a map, at a field path such as `cards[3].stage_id`."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def _duplicates(collection: str, ids: Iterable[str]) -> list[Problem]:
    first_seen: dict[str, int] = {}
    problems = []
    for index, item_id in enumerate(ids):
        if item_id in first_seen:
            problems.append(
                Problem(
                    f"{collection}[{index}].id",
                    f'duplicate id "{item_id}" (also {collection}[{first_seen[item_id]}])',
                )
            )
        else:
            first_seen[item_id] = index
    return problems


def integrity_problems(journey: JourneyMap) -> list[Problem]:
    problems: list[Problem] = []
    problems += _duplicates("personas", (p.id for p in journey.personas))
    problems += _duplicates("stages", (s.id for s in journey.stages))
    problems += _duplicates("lanes", (lane.id for lane in journey.lanes))
    problems += _duplicates("cards", (c.id for c in journey.cards))

    stage_ids = {s.id for s in journey.stages}
    lane_ids = {lane.id for lane in journey.lanes}
    persona_ids = {p.id for p in journey.personas}
    for index, card in enumerate(journey.cards):
        where = f"cards[{index}]"
        if card.stage_id not in stage_ids:
            problems.append(Problem(f"{where}.stage_id", f'card "{card.id}" is in unknown stage '
                                                         f'"{card.stage_id}"'))
        if card.lane_id not in lane_ids:
            problems.append(Problem(f"{where}.lane_id", f'card "{card.id}" is in unknown lane '
                                                        f'"{card.lane_id}"'))
        if card.persona_id is not None and card.persona_id not in persona_ids:
            problems.append(Problem(f"{where}.persona_id", f'card "{card.id}" refers to unknown '
                                                           f'persona "{card.persona_id}"'))
    return problems
