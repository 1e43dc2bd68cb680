"""Pure queries on a journey map: cells, stages, rankings, search, service-blueprint lines.

Queries on the newer parts live beside their models: `scales` (levels, names, positions),
`curves` (curves, a card's values, words), `confidence` (evidence badges), `priority`
(value, effort, the matrix), `views` (saved views), `workshop` (voting rounds)."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from journeymap_desktop.model.map import Card, CardKind, JourneyMap, Lane, Stage

Cell = tuple[str, str]  # (stage_id, lane_id)

KIND_LABELS: dict[str, str] = {
    "touchpoint": "Touchpoint",
    "pain_point": "Pain point",
    "opportunity": "Opportunity",
    "note": "Note",
}
CHANNEL_LABELS: dict[str, str] = {
    "web": "Web",
    "mobile_app": "Mobile app",
    "email": "Email",
    "phone": "Phone",
    "store": "Store",
    "social": "Social",
    "chat": "Chat",
    "other": "Other",
}
LANE_KIND_LABELS: dict[str, str] = {
    "customer_actions": "Customer actions",
    "touchpoints": "Touchpoints",
    "thoughts": "Thoughts",
    "emotions": "Emotions",
    "pain_points": "Pain points",
    "opportunities": "Opportunities",
    "channels": "Channels",
    "frontstage": "Frontstage",
    "backstage": "Backstage",
    "support_processes": "Support processes",
    "metric": "Metric",
    "quote": "Quotes",
    "notes": "Notes",
}


def stage_by_id(journey: JourneyMap, stage_id: str) -> Stage | None:
    return next((s for s in journey.stages if s.id == stage_id), None)


def cells(journey: JourneyMap) -> dict[Cell, list[Card]]:
    """Every non-empty cell's cards in display order (by `order`, ties by file order)."""
    grouped: dict[Cell, list[tuple[int, int, Card]]] = defaultdict(list)
    for position, card in enumerate(journey.cards):
        grouped[(card.stage_id, card.lane_id)].append((card.order, position, card))
    return {
        cell: [card for _, _, card in sorted(entries, key=lambda e: (e[0], e[1]))]
        for cell, entries in grouped.items()
    }


def cards_in_cell(journey: JourneyMap, stage_id: str, lane_id: str) -> list[Card]:
    return cells(journey).get((stage_id, lane_id), [])


def journey_order(journey: JourneyMap) -> list[Card]:
    """All cards stage by stage, lane by lane within a stage, then by order in the cell."""
    by_cell = cells(journey)
    ordered: list[Card] = []
    for stage in journey.stages:
        for lane in journey.lanes:
            ordered.extend(by_cell.get((stage.id, lane.id), []))
    return ordered


def cards_of_stage(journey: JourneyMap, stage_id: str) -> list[Card]:
    by_cell = cells(journey)
    ordered: list[Card] = []
    for lane in journey.lanes:
        ordered.extend(by_cell.get((stage_id, lane.id), []))
    return ordered


def ranked_by_votes(journey: JourneyMap, kind: CardKind) -> list[Card]:
    """Cards of one kind, most votes first, then in journey order."""
    ordered = [card for card in journey_order(journey) if card.kind == kind]
    return sorted(ordered, key=lambda card: -card.votes)


def next_order(journey: JourneyMap, stage_id: str, lane_id: str) -> int:
    in_cell = cards_in_cell(journey, stage_id, lane_id)
    return (in_cell[-1].order + 1) if in_cell else 0


def folded(text: str) -> str:
    """For matching: case and accents ignored ('Zażółć' matches 'zazolc')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("ł", "l")


@dataclass(frozen=True)
class CardFilter:
    """What Find/Filter matches: words in title/body, a tag, an owner, a kind."""

    text: str = ""
    tag: str = ""
    owner: str = ""
    kind: CardKind | None = None

    def is_empty(self) -> bool:
        return not (self.text.strip() or self.tag.strip() or self.owner.strip() or self.kind)

    def matches(self, card: Card) -> bool:
        if self.kind is not None and card.kind != self.kind:
            return False
        if self.owner.strip() and folded(self.owner.strip()) not in folded(card.owner):
            return False
        if self.tag.strip():
            wanted = folded(self.tag.strip().lstrip("#"))
            if not any(wanted in folded(tag) for tag in card.tags):
                return False
        needle = folded(self.text.strip())
        if needle:
            words = " ".join(value.word for value in card.emotions.values())
            haystack = folded(" ".join(
                (card.title, card.body, card.owner, words, " ".join(card.tags))))
            return all(word in haystack for word in needle.split())
        return True


def matching_card_ids(journey: JourneyMap, card_filter: CardFilter) -> set[str]:
    return {card.id for card in journey.cards if card_filter.matches(card)}


_LANE_DEFAULT_KIND: dict[str, CardKind] = {
    "pain_points": "pain_point",
    "opportunities": "opportunity",
    "notes": "note",
    "thoughts": "note",
    "frontstage": "note",
    "backstage": "note",
    "support_processes": "note",
    "metric": "note",
    "quote": "note",
}


def default_card_kind(lane: Lane) -> CardKind:
    """The kind a new card gets when created in this lane without a kind being chosen."""
    return _LANE_DEFAULT_KIND.get(lane.kind, "touchpoint")


def new_card(card_id: str, kind: CardKind, stage_id: str, lane_id: str) -> Card:
    return Card(id=card_id, stage_id=stage_id, lane_id=lane_id, kind=kind,
                title=f"New {KIND_LABELS[kind].lower()}")


# ----- service blueprint -------------------------------------------------------------------
# The lines a service blueprint draws between its layers, where two adjacent lanes of these
# kinds meet (upper lane kind, lower lane kind) -> the line's name.
BLUEPRINT_LINES: dict[tuple[str, str], str] = {
    ("customer_actions", "frontstage"): "Line of interaction",
    ("frontstage", "backstage"): "Line of visibility",
    ("backstage", "support_processes"): "Line of internal interaction",
}
BLUEPRINT_LAYERS: tuple[str, ...] = ("customer_actions", "frontstage", "backstage",
                                     "support_processes")


@dataclass(frozen=True)
class BlueprintLine:
    """A line drawn along the bottom of `upper_lane_id` (the top of `lower_lane_id`)."""

    name: str
    upper_lane_id: str
    lower_lane_id: str


def blueprint_lines(journey: JourneyMap) -> list[BlueprintLine]:
    """Where the service-blueprint lines go: between each pair of adjacent lanes whose kinds
    are consecutive blueprint layers (customer actions / frontstage: the line of interaction;
    frontstage / backstage: the line of visibility; backstage / support processes: the line
    of internal interaction)."""
    lines = []
    for upper, lower in zip(journey.lanes, journey.lanes[1:], strict=False):
        name = BLUEPRINT_LINES.get((upper.kind, lower.kind))
        if name is not None:
            lines.append(BlueprintLine(name, upper.id, lower.id))
    return lines
