"""Whole-map consistency checks: unique ids and names, references that resolve, values within
the map's scale, workshop budgets kept. Each problem names its field path."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from journeymap_desktop.model.emotion import EmotionValue
    from journeymap_desktop.model.map import Card, JourneyMap
    from journeymap_desktop.model.workshop import VotingRound


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a map, at a field path such as `cards[3].stage_id`."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def _duplicates(collection: str, ids: Iterable[str], what: str = "id",
                field: str = "id") -> list[Problem]:
    first_seen: dict[str, int] = {}
    problems = []
    for index, item_id in enumerate(ids):
        if item_id in first_seen:
            problems.append(
                Problem(
                    f"{collection}[{index}]" + (f".{field}" if field else ""),
                    f'duplicate {what} "{item_id}" (also {collection}[{first_seen[item_id]}])',
                )
            )
        else:
            first_seen[item_id] = index
    return problems


def _unknown(path: str, what: str, ids: Iterable[str], known: set[str]) -> list[Problem]:
    return [Problem(f"{path}[{i}]", f'unknown {what} "{item_id}"')
            for i, item_id in enumerate(ids) if item_id not in known]


def integrity_problems(journey: JourneyMap) -> list[Problem]:
    problems: list[Problem] = []
    problems += _duplicates("personas", (p.id for p in journey.personas))
    problems += _duplicates("stages", (s.id for s in journey.stages))
    problems += _duplicates("lanes", (lane.id for lane in journey.lanes))
    problems += _duplicates("cards", (c.id for c in journey.cards))
    problems += curve_problems(journey)
    problems += _card_problems(journey)
    problems += view_problems(journey)
    problems += workshop_problems(journey)
    return problems


def curve_problems(journey: JourneyMap) -> list[Problem]:
    problems = _duplicates("curves", (c.id for c in journey.curves))
    persona_ids = {p.id for p in journey.personas}
    seen: dict[tuple[str | None, str], int] = {}
    for index, curve in enumerate(journey.curves):
        where = f"curves[{index}]"
        if curve.persona_id is not None and curve.persona_id not in persona_ids:
            problems.append(Problem(f"{where}.persona_id", f'curve "{curve.id}" refers to '
                                                           f'unknown persona '
                                                           f'"{curve.persona_id}"'))
        key = (curve.persona_id, curve.scenario)
        if key in seen:
            who = "everyone" if curve.persona_id is None else f'persona "{curve.persona_id}"'
            problems.append(Problem(f"{where}.scenario", f'curves[{seen[key]}] is already the '
                                                         f'"{curve.scenario}" curve of {who}'))
        else:
            seen[key] = index
    return problems


def _value_problems(where: str, card_id: str, value: EmotionValue, low: int,
                    high: int) -> list[Problem]:
    problems = []
    if not low <= value.value <= high:
        problems.append(Problem(f"{where}.value", f"{value.value:g} is outside the map's scale "
                                                  f'({low}..{high}) (card "{card_id}")'))
    spread = value.evidence
    if spread is not None:
        figures = [("mean", spread.mean), ("median", spread.median), ("q1", spread.q1),
                   ("q3", spread.q3), ("low", spread.low), ("high", spread.high)]
        for name, figure in figures:
            if figure is not None and not low <= figure <= high:
                problems.append(Problem(f"{where}.evidence.{name}",
                                        f"{figure:g} is outside the map's scale "
                                        f'({low}..{high}) (card "{card_id}")'))
    return problems


@dataclass(frozen=True)
class _Known:
    """The ids a card may refer to, gathered once per check."""

    stages: set[str]
    lanes: set[str]
    personas: set[str]
    curves: set[str]
    low: int
    high: int

    @classmethod
    def of(cls, journey: JourneyMap) -> _Known:
        return cls({s.id for s in journey.stages}, {lane.id for lane in journey.lanes},
                   {p.id for p in journey.personas}, {c.id for c in journey.curves},
                   journey.scale.min, journey.scale.max)


def _one_card_problems(card: Card, where: str, known: _Known) -> list[Problem]:
    problems: list[Problem] = []
    if card.stage_id not in known.stages:
        problems.append(Problem(f"{where}.stage_id", f'card "{card.id}" is in unknown stage '
                                                     f'"{card.stage_id}"'))
    if card.lane_id not in known.lanes:
        problems.append(Problem(f"{where}.lane_id", f'card "{card.id}" is in unknown lane '
                                                    f'"{card.lane_id}"'))
    if card.persona_id is not None and card.persona_id not in known.personas:
        problems.append(Problem(f"{where}.persona_id", f'card "{card.id}" refers to unknown '
                                                       f'persona "{card.persona_id}"'))
    if card.emotions:
        for curve_id, value in card.emotions.items():
            path = f"{where}.emotions.{curve_id}"
            if curve_id not in known.curves:
                problems.append(Problem(path, f'card "{card.id}" has a value on unknown '
                                              f'curve "{curve_id}"'))
            problems += _value_problems(path, card.id, value, known.low, known.high)
    if card.evidence:
        problems += _duplicates(f"{where}.evidence", (e.id for e in card.evidence))
    return problems


def card_problems(journey: JourneyMap, card: Card, where: str = "card") -> list[Problem]:
    """What would be wrong with this card in this map (its own references and values; a
    source key used by another card is the document's to check)."""
    return _one_card_problems(card, where, _Known.of(journey))


def _card_problems(journey: JourneyMap) -> list[Problem]:
    problems: list[Problem] = []
    known = _Known.of(journey)
    source_keys: dict[str, int] = {}
    for index, card in enumerate(journey.cards):
        where = f"cards[{index}]"
        if card.stage_id not in known.stages or card.lane_id not in known.lanes or \
                card.persona_id is not None or card.emotions or card.evidence:
            problems += _one_card_problems(card, where, known)
        if card.source_key is not None:
            first = source_keys.setdefault(card.source_key, index)
            if first != index:
                problems.append(Problem(f"{where}.source_key",
                                        f'duplicate source key "{card.source_key}" (also '
                                        f"cards[{first}])"))
    return problems


def view_problems(journey: JourneyMap) -> list[Problem]:
    from journeymap_desktop.model.views import folded_name

    problems = _duplicates("views", (v.id for v in journey.views))
    problems += _duplicates("views", (folded_name(v.name) for v in journey.views),
                            what="view name", field="name")
    persona_ids = {p.id for p in journey.personas}
    lane_ids = {lane.id for lane in journey.lanes}
    for index, view in enumerate(journey.views):
        where = f"views[{index}]"
        problems += _unknown(f"{where}.persona_ids", "persona", view.persona_ids, persona_ids)
        problems += _unknown(f"{where}.lane_ids", "lane", view.lane_ids, lane_ids)
    return problems


def workshop_problems(journey: JourneyMap) -> list[Problem]:
    workshop = journey.workshop
    if workshop.is_empty():
        return []
    problems = _duplicates("workshop.participants", (p.id for p in workshop.participants))
    problems += _duplicates("workshop.rounds", (r.id for r in workshop.rounds))
    participant_ids = {p.id for p in workshop.participants}
    round_ids = {r.id for r in workshop.rounds}
    cards: dict[str, Card] = {card.id: card for card in journey.cards}
    for index, voting_round in enumerate(workshop.rounds):
        problems += _round_problems(journey, f"workshop.rounds[{index}]", voting_round,
                                    participant_ids, cards)
    for index, event in enumerate(workshop.timer_log):
        if event.round_id is not None and event.round_id not in round_ids:
            problems.append(Problem(f"workshop.timer_log[{index}].round_id",
                                    f'unknown round "{event.round_id}"'))
    return problems


def _round_problems(journey: JourneyMap, where: str, voting_round: VotingRound,
                    participant_ids: set[str], cards: dict[str, Card]) -> list[Problem]:
    scope = voting_round.scope
    problems = _unknown(f"{where}.scope.lane_ids", "lane", scope.lane_ids,
                        {lane.id for lane in journey.lanes})
    problems += _unknown(f"{where}.scope.stage_ids", "stage", scope.stage_ids,
                         {s.id for s in journey.stages})
    problems += _unknown(f"{where}.scope.card_ids", "card", scope.card_ids, set(cards))
    problems += _unknown(f"{where}.participant_ids", "participant",
                         voting_round.participant_ids, participant_ids)
    problems += _duplicates(f"{where}.participant_ids", voting_round.participant_ids,
                            what="participant", field="")
    taking_part = set(voting_round.participant_ids)
    problems += _unknown(f"{where}.done_ids", "participant of this round",
                         voting_round.done_ids, taking_part)
    spent: Counter[str] = Counter()
    pairs: dict[tuple[str, str], int] = {}
    for index, vote in enumerate(voting_round.votes):
        path = f"{where}.votes[{index}]"
        if vote.card_id not in cards:
            problems.append(Problem(f"{path}.card_id", f'unknown card "{vote.card_id}"'))
        if vote.participant_id not in taking_part:
            problems.append(Problem(f"{path}.participant_id",
                                    f'"{vote.participant_id}" does not take part in this '
                                    "round"))
        cap = voting_round.cap_per_card
        if cap is not None and vote.count > cap:
            problems.append(Problem(f"{path}.count", f"{vote.count} dots on one card, over "
                                                     f"the round's cap of {cap}"))
        pair = (vote.card_id, vote.participant_id)
        if pair in pairs:
            problems.append(Problem(path, f"votes[{pairs[pair]}] already holds this "
                                          "participant's dots on this card"))
        else:
            pairs[pair] = index
        spent[vote.participant_id] += vote.count
    for participant_id, total in spent.items():
        if total > voting_round.budget:
            problems.append(Problem(f"{where}.votes", f'participant "{participant_id}" spent '
                                                      f"{total} dots, over the budget of "
                                                      f"{voting_round.budget}"))
    return problems
