"""How sure a reader may be of a card: a badge computed from what the card rests on.

- "none": no evidence at all (no quote, figure, metric or file, no survey distribution
  behind any of its emotion values);
- "strong": a sample big enough to count (a survey figure or an emotion's distribution of
  at least STRONG_SAMPLE answers), or triangulated (at least three pieces of evidence of at
  least two kinds, e.g. interview quotes and a metric);
- "some": anything in between.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from journeymap_desktop.model.evidence import (
    FileLink,
    MetricEvidence,
    QuoteEvidence,
    SurveyFigure,
)

if TYPE_CHECKING:
    from journeymap_desktop.model.map import Card

Confidence = Literal["none", "some", "strong"]
CONFIDENCE_LABELS: dict[str, str] = {"none": "No evidence", "some": "Some evidence",
                                     "strong": "Strong evidence"}
STRONG_SAMPLE: Final = 30
TRIANGULATED_ITEMS: Final = 3
TRIANGULATED_KINDS: Final = 2


@dataclass(frozen=True)
class EvidenceSummary:
    """What a card rests on, counted."""

    quotes: int = 0
    surveys: int = 0  # survey figures and emotion values with a distribution
    metrics: int = 0
    files: int = 0
    largest_sample: int = 0  # respondents behind the biggest survey figure or distribution

    @property
    def total(self) -> int:
        return self.quotes + self.surveys + self.metrics + self.files

    @property
    def kinds(self) -> int:
        return sum(1 for count in (self.quotes, self.surveys, self.metrics, self.files) if count)


def evidence_summary(card: Card) -> EvidenceSummary:
    counts: Counter[str] = Counter()
    largest = 0
    for item in card.evidence:
        if isinstance(item, QuoteEvidence):
            counts["quotes"] += 1
        elif isinstance(item, SurveyFigure):
            counts["surveys"] += 1
            largest = max(largest, item.n)
        elif isinstance(item, MetricEvidence):
            counts["metrics"] += 1
        elif isinstance(item, FileLink):
            counts["files"] += 1
    for value in card.emotions.values():
        if value.evidence is not None:
            counts["surveys"] += 1
            largest = max(largest, value.evidence.n)
    return EvidenceSummary(counts["quotes"], counts["surveys"], counts["metrics"],
                           counts["files"], largest)


def confidence(card: Card) -> Confidence:
    """The card's confidence badge."""
    if not card.evidence and not any(v.evidence for v in card.emotions.values()):
        return "none"
    summary = evidence_summary(card)
    if summary.largest_sample >= STRONG_SAMPLE:
        return "strong"
    if summary.total >= TRIANGULATED_ITEMS and summary.kinds >= TRIANGULATED_KINDS:
        return "strong"
    return "some"


def card_metric(card: Card) -> MetricEvidence | None:
    """The figure a card in a metric lane shows: its first metric."""
    return next((e for e in card.evidence if isinstance(e, MetricEvidence)), None)


def card_quote(card: Card) -> QuoteEvidence | None:
    """The words a card in a quote lane shows: its first quote."""
    return next((e for e in card.evidence if isinstance(e, QuoteEvidence)), None)
