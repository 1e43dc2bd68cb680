"""Pure queries on a map's emotion curves: finding and naming curves, a card's values on them,
the words shown for those values, and the points of a curve along the journey.

Which curve the editor shows and edits (the active curve) is view state, not file data: the
document keeps it (`JourneyDocument.active_curve_id`); the functions here take a curve id.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from journeymap_desktop.model.emotion import AS_IS, TO_BE, EmotionCurve, EmotionValue
from journeymap_desktop.model.scales import default_word, position

if TYPE_CHECKING:
    from journeymap_desktop.model.map import Card, JourneyMap

# The id a version 1 file's single emotion curve gets when it is upgraded, and the id the
# templates give the curve every new map starts with.
EVERYONE_AS_IS_ID: Final = "everyone-as-is"
SCENARIO_LABELS: dict[str, str] = {AS_IS: "As-is", TO_BE: "To-be"}
EVERYONE: Final = "Everyone"


def everyone_as_is() -> EmotionCurve:
    """The curve a new map starts with: how everyone feels today."""
    return EmotionCurve(id=EVERYONE_AS_IS_ID)


def curve_by_id(journey: JourneyMap, curve_id: str | None) -> EmotionCurve | None:
    if curve_id is None:
        return None
    return next((c for c in journey.curves if c.id == curve_id), None)


def default_curve(journey: JourneyMap) -> EmotionCurve | None:
    """The curve shown when nothing else is chosen: the map's first."""
    return journey.curves[0] if journey.curves else None


def find_curve(journey: JourneyMap, persona_id: str | None,
               scenario: str) -> EmotionCurve | None:
    """The curve of a persona (None: everyone) in a scenario, if the map has it."""
    return next((c for c in journey.curves
                 if c.persona_id == persona_id and c.scenario == scenario), None)


def scenario_label(scenario: str) -> str:
    """"As-is", "To-be", or the user's own name for the scenario."""
    return SCENARIO_LABELS.get(scenario, scenario)


def is_to_be(curve: EmotionCurve) -> bool:
    """Curves of a future (to-be) scenario are drawn dashed, the others solid."""
    return curve.scenario == TO_BE


def curve_name(journey: JourneyMap, curve: EmotionCurve) -> str:
    """The curve's own name, else "Persona · scenario" ("Everyone · As-is")."""
    if curve.name.strip():
        return curve.name
    who = EVERYONE
    if curve.persona_id is not None:
        who = next((p.name for p in journey.personas if p.id == curve.persona_id),
                   curve.persona_id)
    return f"{who} · {scenario_label(curve.scenario)}"


def persona_index(journey: JourneyMap, curve: EmotionCurve) -> int | None:
    """The position of the curve's persona in the map (what picks its colour from the
    theme); None for everyone's curves."""
    if curve.persona_id is None:
        return None
    return next((i for i, p in enumerate(journey.personas) if p.id == curve.persona_id), None)


def curve_value(card: Card, curve_id: str | None) -> EmotionValue | None:
    """The card's value on a curve, if it has one."""
    if curve_id is None or not card.emotions:
        return None
    return card.emotions.get(curve_id)


def card_values(journey: JourneyMap, card: Card) -> list[tuple[EmotionCurve, EmotionValue]]:
    """The card's values, one per curve it has a value on, in the map's curve order."""
    if not card.emotions:
        return []
    return [(curve, card.emotions[curve.id]) for curve in journey.curves
            if curve.id in card.emotions]


def value_word(journey: JourneyMap, value: EmotionValue) -> str:
    """The word for a feeling: the customer's own, else the scale's word for the level."""
    return value.word or default_word(journey.scale, value.value)


def shown_word(journey: JourneyMap, card: Card, curve_id: str | None) -> str:
    """The word beside the card's face on a curve ("" without a value)."""
    value = curve_value(card, curve_id)
    return "" if value is None else value_word(journey, value)


def tone(journey: JourneyMap, value: float) -> float:
    """Where a value lies on the map's scale, 0 (most negative) to 1 (most positive): what a
    face's expression and colour are drawn from."""
    return position(journey.scale, value)


@dataclass(frozen=True)
class EmotionPoint:
    card_id: str
    stage_id: str
    value: float


def curve_points(journey: JourneyMap, curve_id: str | None) -> list[EmotionPoint]:
    """A curve's line: the touchpoints' values on it, in journey order. (Other cards may hold
    a value too; the line is how the customer feels along the touchpoints.)"""
    from journeymap_desktop.model.queries import journey_order

    if curve_id is None:
        return []
    points = []
    for card in journey_order(journey):
        if card.kind == "touchpoint" and card.emotions:
            value = card.emotions.get(curve_id)
            if value is not None:
                points.append(EmotionPoint(card.id, card.stage_id, value.value))
    return points


def stage_average(journey: JourneyMap, stage_id: str, curve_id: str | None) -> float | None:
    """The mean value of a stage's cards on a curve; None when none has a value."""
    from journeymap_desktop.model.queries import cards_of_stage

    values = [value.value for card in cards_of_stage(journey, stage_id)
              if (value := curve_value(card, curve_id)) is not None]
    return sum(values) / len(values) if values else None
