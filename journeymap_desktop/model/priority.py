"""Prioritisation of pain points and opportunities: the stored scores and the pure queries that
rank them and place them on a value/effort matrix.

A card's `priority` holds up to three scores, each optional while the team has not scored it
yet: customer value and business value (0-100 %) and effort (0-5, 0 = none). Every card may
hold one (it survives a change of kind and back), but only pain points and opportunities are
scored and ranked (`fields.SCORED_KINDS`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Final, Literal

from pydantic import Field

from journeymap_desktop.model.fields import SCORED_KINDS, StrictModel

if TYPE_CHECKING:
    from journeymap_desktop.model.map import Card

PERCENT_MAX: Final = 100
EFFORT_MAX: Final = 5
# The matrix's dividing lines: value of at least half, effort of at most 2 of 5 is "low".
HIGH_VALUE_FROM: Final = 50.0
LOW_EFFORT_UP_TO: Final = 2

Quadrant = Literal["quick_win", "major_project", "fill_in", "money_pit"]
QUADRANT_LABELS: dict[str, str] = {
    "quick_win": "Quick win",
    "major_project": "Major project",
    "fill_in": "Fill-in",
    "money_pit": "Money pit",
}
PriorityAxis = Literal["customer_value", "business_value", "value", "effort"]
AXIS_LABELS: dict[str, str] = {
    "customer_value": "Customer value",
    "business_value": "Business value",
    "value": "Value",
    "effort": "Effort",
}


class Priority(StrictModel):
    """Scores of a pain point or opportunity, each null until scored: customer and business
    value 0-100 (%), effort 0-5 (0: none)."""

    customer_value: int | None = Field(default=None, ge=0, le=PERCENT_MAX)
    business_value: int | None = Field(default=None, ge=0, le=PERCENT_MAX)
    effort: int | None = Field(default=None, ge=0, le=EFFORT_MAX)

    def is_empty(self) -> bool:
        return self.customer_value is None and self.business_value is None and \
            self.effort is None


def priority_value(priority: Priority | None) -> float | None:
    """The computed value (0-100): the mean of customer and business value, or the one of
    them that is scored; None when neither is."""
    if priority is None:
        return None
    scored = [v for v in (priority.customer_value, priority.business_value) if v is not None]
    return sum(scored) / len(scored) if scored else None


def priority_score(priority: Priority | None) -> float | None:
    """What ranks the backlog: value for the effort, value x (6 - effort) / 6, so a card of
    effort 0 keeps all its value and one of effort 5 a sixth of it (0-100). None until
    both value and effort are scored."""
    value = priority_value(priority)
    if value is None or priority is None or priority.effort is None:
        return None
    return value * (EFFORT_MAX + 1 - priority.effort) / (EFFORT_MAX + 1)


def quadrant(priority: Priority | None) -> Quadrant | None:
    """Where the card sits on the value/effort matrix; None until value and effort are
    scored."""
    value = priority_value(priority)
    if value is None or priority is None or priority.effort is None:
        return None
    high = value >= HIGH_VALUE_FROM
    easy = priority.effort <= LOW_EFFORT_UP_TO
    if high:
        return "quick_win" if easy else "major_project"
    return "fill_in" if easy else "money_pit"


def axis_value(priority: Priority | None, axis: PriorityAxis) -> float | None:
    """One coordinate of a card on the matrix (the axes are the user's choice)."""
    if priority is None:
        return None
    if axis == "value":
        return priority_value(priority)
    raw: int | None = getattr(priority, axis)
    return None if raw is None else float(raw)


def is_scored_kind(card: Card) -> bool:
    return card.kind in SCORED_KINDS


def ranked_by_priority(cards: Iterable[Card]) -> list[Card]:
    """Pain points and opportunities with a score, best first (ties in the given order),
    then those not fully scored, in the given order."""
    scored: list[tuple[float, int, Card]] = []
    unscored: list[Card] = []
    for position, card in enumerate(cards):
        if not is_scored_kind(card):
            continue
        score = priority_score(card.priority)
        if score is None:
            unscored.append(card)
        else:
            scored.append((-score, position, card))
    return [card for _, _, card in sorted(scored, key=lambda e: (e[0], e[1]))] + unscored
