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


# ----- the matrix: where a card sits, and the scores a place on it stands for --------------------
QUADRANT_HINTS: dict[str, str] = {
    "quick_win": "high value, low effort: do first",
    "major_project": "high value, high effort: plan",
    "fill_in": "low value, low effort: when there is time",
    "money_pit": "low value, high effort: avoid",
}
MATRIX_AXES: tuple[PriorityAxis, ...] = ("value", "customer_value", "business_value", "effort")


def axis_range(axis: PriorityAxis) -> tuple[int, int]:
    """The scores an axis runs through: effort 0-5, the values 0-100 (%)."""
    return (0, EFFORT_MAX) if axis == "effort" else (0, PERCENT_MAX)


def axis_divide(axis: PriorityAxis) -> float:
    """Where the matrix divides an axis into low and high (HIGH_VALUE_FROM, or between
    LOW_EFFORT_UP_TO and the next effort)."""
    return LOW_EFFORT_UP_TO + 0.5 if axis == "effort" else HIGH_VALUE_FROM


def axis_fields(axis: PriorityAxis) -> tuple[str, ...]:
    """The stored scores an axis is made of (the computed value: both values)."""
    if axis == "value":
        return ("customer_value", "business_value")
    return (axis,)


def axis_scored(priority: Priority | None, axis: PriorityAxis) -> bool:
    return axis_value(priority, axis) is not None


def matrix_quadrant(x_axis: PriorityAxis, y_axis: PriorityAxis, x: float,
                    y: float) -> Quadrant | None:
    """The quadrant at (x, y) of a matrix of a value against effort (either way round);
    None when the axes are not one value and effort."""
    if (x_axis == "effort") == (y_axis == "effort"):
        return None
    value, effort = (y, x) if x_axis == "effort" else (x, y)
    value_axis = y_axis if x_axis == "effort" else x_axis
    high = value >= axis_divide(value_axis)
    easy = effort < axis_divide("effort")
    if high:
        return "quick_win" if easy else "major_project"
    return "fill_in" if easy else "money_pit"


def _clamped(value: float, axis: PriorityAxis) -> int:
    low, high = axis_range(axis)
    return max(low, min(high, round(value)))


def scores_at(priority: Priority | None, axis: PriorityAxis, target: float,
              keep: tuple[str, ...] = ()) -> dict[str, int]:
    """The scores that put a card at `target` on `axis` (rounded into the axis's range).
    The computed value moves customer and business value by the same amount, keeping their
    difference where the range allows, so their mean lands on the target; a value of only
    one of them scored moves that one; a score named in `keep` (the other axis's) stays as
    it is and the value is reached with the other."""
    wanted = _clamped(target, axis)
    if axis != "value":
        return {axis: wanted}
    customer = priority.customer_value if priority is not None else None
    business = priority.business_value if priority is not None else None
    if "customer_value" in keep or "business_value" in keep:
        kept = "customer_value" if "customer_value" in keep else "business_value"
        other = "business_value" if kept == "customer_value" else "customer_value"
        fixed = getattr(priority, kept) if priority is not None else None
        if fixed is None:
            return {other: wanted}
        return {other: max(0, min(PERCENT_MAX, 2 * wanted - fixed))}
    if customer is None and business is None:
        return {"customer_value": wanted, "business_value": wanted}
    if customer is None:
        return {"business_value": wanted}
    if business is None:
        return {"customer_value": wanted}
    new_customer = max(0, min(PERCENT_MAX, wanted + (customer - business) // 2))
    new_business = max(0, min(PERCENT_MAX, 2 * wanted - new_customer))
    new_customer = max(0, min(PERCENT_MAX, 2 * wanted - new_business))
    return {"customer_value": new_customer, "business_value": new_business}


def scores_for_place(priority: Priority | None, x_axis: PriorityAxis, y_axis: PriorityAxis,
                     x: float, y: float) -> dict[str, int]:
    """The scores that put a card at (x, y) of a matrix: the axis made of one score first,
    then the computed value around it (so dragging along one axis never moves the card along
    the other)."""
    order = [(x_axis, x), (y_axis, y)]
    if x_axis == "value":
        order.reverse()
    scores: dict[str, int] = {}
    current = priority or Priority()
    for index, (axis, target) in enumerate(order):
        now = axis_value(current, axis)
        if now is not None and abs(target - now) < 0.5:
            continue  # no whole step away: the axis keeps its scores (a mean may be x.5)
        keep = axis_fields(order[0][0]) if index == 1 else ()
        step = scores_at(current, axis, target, keep)
        scores.update(step)
        current = Priority.model_validate({**current.model_dump(), **step})
    return scores


def nudged(priority: Priority | None, axis: PriorityAxis, steps: int) -> dict[str, int]:
    """The scores one or more key presses give: effort by whole steps, a value by 5 % each
    (the computed value: both values by 5 %, so their difference stays)."""
    if axis == "effort":
        now = priority.effort if priority is not None else None
        return {"effort": max(0, min(EFFORT_MAX, (now or 0) + steps))}
    size = 5 * steps
    scores: dict[str, int] = {}
    for name in axis_fields(axis):
        now = getattr(priority, name) if priority is not None else None
        if now is not None or axis != "value" or priority_value(priority) is None:
            scores[name] = max(0, min(PERCENT_MAX, (now or 0) + size))
    return scores


def score_text(value: float | None, unit: str = "") -> str:
    """A score as shown: whole, or to one decimal (the mean of 85 and 80 is 82.5); "–" when
    not scored."""
    if value is None:
        return "–"
    whole = abs(value - round(value)) < 0.05
    return f"{value:.0f}{unit}" if whole else f"{value:.1f}{unit}"


def matrix_position(priority: Priority | None, x_axis: PriorityAxis,
                    y_axis: PriorityAxis) -> tuple[float, float] | None:
    """Where a card sits on a matrix; None until it is scored on both axes."""
    x = axis_value(priority, x_axis)
    y = axis_value(priority, y_axis)
    return None if x is None or y is None else (x, y)
