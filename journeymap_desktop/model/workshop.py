"""Workshop results kept in the map: participants, dot-voting rounds and the timer's log.

The stored shape of issue 12 (workshop mode). The map keeps every round side by side: its
name, what can be voted on, the budget each participant has, the cap per card, who takes part
(by name, or just counted: a participant with an empty name), whether votes are anonymous,
visible to the facilitator only, or named, whether they have been revealed, who said
"I'm done", and every participant's votes. `card.votes` stays the plain tally of votes given
outside rounds (dot stickers counted by hand, the +/- keys).

Whole-map checks (integrity.py) make sure every reference resolves, every vote's participant
takes part in its round, no participant spends more than the budget, and no vote exceeds the
cap.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Final, Literal

from pydantic import Field, field_validator

from journeymap_desktop.model.fields import (
    MAX_CARDS,
    MAX_LANES,
    MAX_STAGES,
    CardKind,
    Id,
    Name,
    ShortText,
    StrictModel,
)

MAX_BUDGET: Final = 99
MAX_PARTICIPANTS: Final = 500
MAX_ROUNDS: Final = 100
MAX_TIMER_EVENTS: Final = 10_000
MAX_TIMER_SECONDS: Final = 24 * 3600

Anonymity = Literal["anonymous", "facilitator", "named"]
ANONYMITY_LABELS: dict[str, str] = {
    "anonymous": "Anonymous",
    "facilitator": "Visible to the facilitator only",
    "named": "Named",
}
RoundState = Literal["draft", "open", "closed"]
TimerAction = Literal["set", "start", "pause", "resume", "add", "subtract", "end", "reset"]


def _utc(value: datetime | None) -> datetime | None:
    from datetime import UTC

    return value if value is None or value.tzinfo is not None else value.replace(tzinfo=UTC)


class Participant(StrictModel):
    """Someone who votes. An empty name: counted only (shown as "Participant 3")."""

    id: Id
    name: ShortText = ""


class VoteScope(StrictModel):
    """What a round lets people vote on: cards of these kinds, in these lanes and stages, or
    exactly these cards. Empty lists don't narrow; all empty: every card."""

    kinds: list[CardKind] = Field(default_factory=list, max_length=4)
    lane_ids: list[Id] = Field(default_factory=list, max_length=MAX_LANES)
    stage_ids: list[Id] = Field(default_factory=list, max_length=MAX_STAGES)
    card_ids: list[Id] = Field(default_factory=list, max_length=MAX_CARDS)


class Vote(StrictModel):
    """A participant's dots on one card in one round."""

    card_id: Id
    participant_id: Id
    count: int = Field(default=1, ge=1, le=MAX_BUDGET)


class VotingRound(StrictModel):
    """A dot-voting round: what can be voted on, the budget per participant, the cap per
    card (per participant), who takes part, anonymity, state, reveal, who is done, votes."""

    id: Id
    name: Name
    scope: VoteScope = Field(default_factory=VoteScope)
    budget: int = Field(default=5, ge=1, le=MAX_BUDGET)
    cap_per_card: int | None = Field(default=None, ge=1, le=MAX_BUDGET)
    participant_ids: list[Id] = Field(default_factory=list, max_length=MAX_PARTICIPANTS)
    anonymity: Anonymity = "anonymous"
    state: RoundState = "draft"
    revealed: bool = False
    done_ids: list[Id] = Field(default_factory=list, max_length=MAX_PARTICIPANTS)
    opened: datetime | None = Field(default=None, strict=False)
    closed: datetime | None = Field(default=None, strict=False)
    votes: list[Vote] = Field(default_factory=list, max_length=MAX_CARDS)

    @field_validator("opened", "closed")
    @classmethod
    def _assume_utc(cls, value: datetime | None) -> datetime | None:
        return _utc(value)


class TimerEvent(StrictModel):
    """One entry of the facilitator's timer log: what was done, when, and the seconds left
    on the timer after it."""

    at: datetime = Field(strict=False)
    action: TimerAction
    seconds: int = Field(ge=0, le=MAX_TIMER_SECONDS)
    round_id: Id | None = None

    @field_validator("at")
    @classmethod
    def _assume_utc(cls, value: datetime) -> datetime:
        result = _utc(value)
        assert result is not None
        return result


class Workshop(StrictModel):
    """Workshop results: participants, voting rounds side by side, the timer's log."""

    participants: list[Participant] = Field(default_factory=list, max_length=MAX_PARTICIPANTS)
    rounds: list[VotingRound] = Field(default_factory=list, max_length=MAX_ROUNDS)
    timer_log: list[TimerEvent] = Field(default_factory=list, max_length=MAX_TIMER_EVENTS)

    def is_empty(self) -> bool:
        return not (self.participants or self.rounds or self.timer_log)


# ----- queries -----------------------------------------------------------------------------
def round_totals(voting_round: VotingRound) -> Counter[str]:
    """Dots per card in a round."""
    totals: Counter[str] = Counter()
    for vote in voting_round.votes:
        totals[vote.card_id] += vote.count
    return totals


def spent(voting_round: VotingRound, participant_id: str) -> int:
    """How many of their dots a participant has used in a round."""
    return sum(v.count for v in voting_round.votes if v.participant_id == participant_id)


def ranked_results(voting_round: VotingRound) -> list[tuple[int, str, int, bool]]:
    """(rank, card id, dots, tied) for every card with dots, most first; cards with equal
    dots share a rank and are marked tied. Within a tie, cards keep the order they were
    first voted for."""
    totals = round_totals(voting_round)
    ordered = sorted(totals.items(), key=lambda item: -item[1])
    counts = Counter(totals.values())
    results: list[tuple[int, str, int, bool]] = []
    rank = 0
    previous: int | None = None
    for position, (card_id, dots) in enumerate(ordered, start=1):
        if dots != previous:
            rank = position
            previous = dots
        results.append((rank, card_id, dots, counts[dots] > 1))
    return results


def participant_label(workshop: Workshop, participant_id: str) -> str:
    for number, participant in enumerate(workshop.participants, start=1):
        if participant.id == participant_id:
            return participant.name or f"Participant {number}"
    return participant_id
