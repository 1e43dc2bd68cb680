"""What a card shows of what it rests on: its confidence badge, and in a metric lane its figure,
in a quote lane its quote. Plain, comparable data the layout engine keys a card's content on
(so a card is re-laid out when its evidence changes) and builds the card's lines from."""

from __future__ import annotations

from dataclasses import dataclass

from journeymap_desktop.model.confidence import Confidence, card_metric, card_quote, confidence
from journeymap_desktop.model.evidence_text import (
    attribution,
    figure_text,
    metric_caption,
    quoted,
)
from journeymap_desktop.model.map import Card

BADGE_RADIUS = 4.0  # the confidence badge on a full card
BRIEF_BADGE_RADIUS = 6.0  # on a compact card it stands alone, without its word


@dataclass(frozen=True, slots=True)
class CardDepth:
    confidence: Confidence
    figure: str | None = None  # a metric lane's card: its first metric, "41%"
    figure_caption: str = ""  # what it measures, where from, when
    quote: str | None = None  # a quote lane's card: its first quote, in quotation marks
    attribution: str = ""  # "— Maya, Interview 1"


_PLAIN: dict[Confidence, CardDepth] = {level: CardDepth(level)
                                       for level in ("none", "some", "strong")}


def card_depth(card: Card, lane_kind: str | None) -> CardDepth:
    """What `card`, lying in a lane of `lane_kind`, shows of its evidence (most cards: only
    their badge, as one shared value per level: a relayout asks this of every card)."""
    level = confidence(card)
    if lane_kind == "metric":
        metric = card_metric(card)
        if metric is not None:
            return CardDepth(level, figure_text(metric.value, metric.unit),
                             metric_caption(metric, card.title))
    elif lane_kind == "quote":
        quote = card_quote(card)
        if quote is not None:
            return CardDepth(level, quote=quoted(quote.text), attribution=attribution(quote))
    return _PLAIN[level]
