"""Saved views: named filters stored in the map, chosen from the toolbar, used by presentation
mode and by export (`journeymap export --view NAME`).

Every filter list means "all" when it is empty, and narrows when it names something:
- `persona_ids`: the curves of these personas (everyone's curves always stay), and the cards
  for these personas (cards for no particular persona always stay);
- `scenarios`: the curves of these scenarios ("as-is", "to-be", or the user's own names);
- `lane_ids`: the lanes shown, in the map's order;
- `kinds`: the card kinds shown;
- `tags`: cards having at least one of these tags.
Names are unique (case and accents ignored), so a view can be asked for by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field, field_validator

from journeymap_desktop.model.emotion import Scenario, check_scenario
from journeymap_desktop.model.fields import (
    MAX_CURVES,
    MAX_LANES,
    MAX_LIST,
    MAX_TAGS,
    CardKind,
    Id,
    Name,
    StrictModel,
    Tag,
)

if TYPE_CHECKING:
    from journeymap_desktop.model.emotion import EmotionCurve
    from journeymap_desktop.model.map import Card, JourneyMap, Lane


class SavedView(StrictModel):
    """Named filters: empty lists mean all; persona_ids keep those personas' curves and cards
    (everyone's curves and cards for no one stay); scenarios keep those curves; lane_ids the
    lanes shown; kinds the card kinds; tags cards with any of them."""

    id: Id
    name: Name
    persona_ids: list[Id] = Field(default_factory=list, max_length=MAX_LIST)
    scenarios: list[Scenario] = Field(default_factory=list, max_length=MAX_CURVES)
    lane_ids: list[Id] = Field(default_factory=list, max_length=MAX_LANES)
    kinds: list[CardKind] = Field(default_factory=list, max_length=4)
    tags: list[Tag] = Field(default_factory=list, max_length=MAX_TAGS)

    @field_validator("scenarios")
    @classmethod
    def _well_known_spelling(cls, value: list[str]) -> list[str]:
        return [check_scenario(scenario) for scenario in value]


def folded_name(name: str) -> str:
    """How view names are compared: case, accents and surrounding spaces ignored."""
    from journeymap_desktop.model.queries import folded

    return folded(name.strip())


def view_by_name(journey: JourneyMap, name: str) -> SavedView | None:
    wanted = folded_name(name)
    return next((v for v in journey.views if folded_name(v.name) == wanted), None)


def view_by_id(journey: JourneyMap, view_id: str) -> SavedView | None:
    return next((v for v in journey.views if v.id == view_id), None)


def view_shows_card(view: SavedView, card: Card) -> bool:
    """Whether the view shows this card (its lane aside: see `view_lanes`)."""
    if view.kinds and card.kind not in view.kinds:
        return False
    if view.persona_ids and card.persona_id is not None and \
            card.persona_id not in view.persona_ids:
        return False
    if view.lane_ids and card.lane_id not in view.lane_ids:
        return False
    return not view.tags or any(tag in view.tags for tag in card.tags)


def view_cards(journey: JourneyMap, view: SavedView) -> list[Card]:
    """The cards the view shows, in file order."""
    return [card for card in journey.cards if view_shows_card(view, card)]


def view_card_ids(journey: JourneyMap, view: SavedView) -> set[str]:
    return {card.id for card in journey.cards if view_shows_card(view, card)}


def view_lanes(journey: JourneyMap, view: SavedView) -> list[Lane]:
    """The lanes the view shows, in the map's order."""
    if not view.lane_ids:
        return list(journey.lanes)
    shown = set(view.lane_ids)
    return [lane for lane in journey.lanes if lane.id in shown]


def view_shows_curve(view: SavedView, curve: EmotionCurve) -> bool:
    if view.scenarios and curve.scenario not in view.scenarios:
        return False
    return not view.persona_ids or curve.persona_id is None or \
        curve.persona_id in view.persona_ids


def view_curves(journey: JourneyMap, view: SavedView) -> list[EmotionCurve]:
    """The curves the view shows, in the map's order."""
    return [curve for curve in journey.curves if view_shows_curve(view, curve)]


def view_main_curve(journey: JourneyMap, view: SavedView) -> EmotionCurve | None:
    """The curve a view makes active (drawn with faces and words, the others beside it):
    the first of its personas' own curves when it names personas, else the first it shows."""
    shown = view_curves(journey, view)
    if view.persona_ids:
        own = [curve for curve in shown if curve.persona_id in view.persona_ids]
        if own:
            return own[0]
    return shown[0] if shown else None


def view_map(journey: JourneyMap, view: SavedView) -> JourneyMap:
    """What an export of the view shows: a copy of the map with only the view's lanes and
    cards, its curves (the main one first, as the one drawn), its title naming the view. The
    copy shares everything it keeps with the map; it is for reading only."""
    main = view_main_curve(journey, view)
    curves = view_curves(journey, view)
    if main is not None:
        curves = [main, *(curve for curve in curves if curve is not main)]
    kept_curves = {curve.id for curve in curves}
    cards = []
    for card in view_cards(journey, view):
        if card.emotions and not kept_curves.issuperset(card.emotions):
            card = card.model_copy(update={"emotions": {
                curve_id: value for curve_id, value in card.emotions.items()
                if curve_id in kept_curves}})
        cards.append(card)
    return journey.model_copy(update={
        "title": f"{journey.title} — {view.name}" if journey.title.strip() else view.name,
        "lanes": view_lanes(journey, view),
        "cards": cards,
        "curves": curves,
    })


def view_summary(journey: JourneyMap, view: SavedView) -> str:
    """One line saying what a view shows: "3 of 7 lanes, 12 of 46 cards, Maya · As-is"."""
    from journeymap_desktop.model.curves import curve_name

    lanes = len(view_lanes(journey, view))
    parts = [f"{lanes} of {len(journey.lanes)} lanes" if view.lane_ids else "all lanes",
             f"{len(view_card_ids(journey, view))} of {len(journey.cards)} cards"]
    main = view_main_curve(journey, view)
    if main is not None and (view.persona_ids or view.scenarios):
        parts.append(f"emotions of {curve_name(journey, main)}")
    return ", ".join(parts)


def view_lanes_map(journey: JourneyMap, view: SavedView | None) -> JourneyMap:
    """The map with only the view's lanes (and their cards), what the canvas lays out while
    the view is applied; the map itself when the view shows every lane."""
    if view is None or not view.lane_ids:
        return journey
    shown = set(view.lane_ids)
    return journey.model_copy(update={
        "lanes": [lane for lane in journey.lanes if lane.id in shown],
        "cards": [card for card in journey.cards if card.lane_id in shown],
    })
