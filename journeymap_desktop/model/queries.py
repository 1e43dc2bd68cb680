"""Pure queries on a journey map: cells, stages, the emotion line, rankings, search."""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from journeymap_desktop.model.map import Card, CardKind, JourneyMap, Lane, Stage

Cell = tuple[str, str]  # (stage_id, lane_id)

EMOTION_LABELS: dict[int, str] = {
    -2: "Very negative",
    -1: "Negative",
    0: "Neutral",
    1: "Positive",
    2: "Very positive",
}
EMOTION_DEFAULT_WORDS: dict[int, str] = {
    -2: "frustrated",
    -1: "uneasy",
    0: "neutral",
    1: "pleased",
    2: "delighted",
}
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
    "backstage": "Backstage",
    "notes": "Notes",
}


def emotion_word(card: Card) -> str:
    """The word shown beside a card's face: the user's own word, else the scale's."""
    if card.emotion is None:
        return ""
    return card.emotion_word or EMOTION_DEFAULT_WORDS[card.emotion]


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


@dataclass(frozen=True)
class EmotionPoint:
    card_id: str
    stage_id: str
    emotion: int


def emotion_points(journey: JourneyMap) -> list[EmotionPoint]:
    """The emotion line: the touchpoints' emotions, in journey order. (Other cards may carry
    a face too; the line is how the customer feels along the touchpoints.)"""
    return [
        EmotionPoint(card.id, card.stage_id, card.emotion)
        for card in journey_order(journey)
        if card.kind == "touchpoint" and card.emotion is not None
    ]


def stage_emotion_average(journey: JourneyMap, stage_id: str) -> float | None:
    values = [c.emotion for c in cards_of_stage(journey, stage_id) if c.emotion is not None]
    return sum(values) / len(values) if values else None


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
            haystack = folded(" ".join(
                (card.title, card.body, card.owner, card.emotion_word, " ".join(card.tags))))
            return all(word in haystack for word in needle.split())
        return True


def matching_card_ids(journey: JourneyMap, card_filter: CardFilter) -> set[str]:
    return {card.id for card in journey.cards if card_filter.matches(card)}


_LANE_DEFAULT_KIND: dict[str, CardKind] = {
    "pain_points": "pain_point",
    "opportunities": "opportunity",
    "notes": "note",
    "thoughts": "note",
    "backstage": "note",
}


def default_card_kind(lane: Lane) -> CardKind:
    """The kind a new card gets when created in this lane without a kind being chosen."""
    return _LANE_DEFAULT_KIND.get(lane.kind, "touchpoint")


def new_card(card_id: str, kind: CardKind, stage_id: str, lane_id: str) -> Card:
    return Card(id=card_id, stage_id=stage_id, lane_id=lane_id, kind=kind,
                title=f"New {KIND_LABELS[kind].lower()}")
