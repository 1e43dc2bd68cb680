"""Evidence as people read it: figures with their units, dates, who said a quote, one line per
item. Plain strings for the cards (layout), the handout and the inspector alike, so a figure
reads the same on screen and on paper."""

from __future__ import annotations

import datetime as dt
from typing import Final

from journeymap_desktop.model.confidence import Confidence
from journeymap_desktop.model.emotion import Distribution
from journeymap_desktop.model.evidence import (
    Evidence,
    FileLink,
    MetricEvidence,
    QuoteEvidence,
    SurveyFigure,
)
from journeymap_desktop.model.scales import format_value

MONTHS_SHORT: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                       "Nov", "Dec")
# The confidence badge's word on a card (the legend says what the word grades).
BADGE_WORDS: Final[dict[str, str]] = {"none": "none", "some": "some", "strong": "strong"}
EVIDENCE_KIND_LABELS: Final[dict[str, str]] = {"quote": "Quote", "survey": "Survey",
                                               "metric": "Metric", "file": "File"}
_UNIT_WITHOUT_SPACE = ("%", "‰", "°")


def number_text(value: float) -> str:
    """A figure as people write it: 41, 7.5, 12,400, −3 (at most four decimals)."""
    if value == int(value) and abs(value) < 1e15:
        text = f"{int(value):,}"
    else:
        text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text.replace("-", "−")


def figure_text(value: float, unit: str = "") -> str:
    """A value with its unit: "41%", "14 min (median)", "2.4 of 5"."""
    unit = unit.strip()
    if not unit:
        return number_text(value)
    joiner = "" if unit.startswith(_UNIT_WITHOUT_SPACE) else " "
    return f"{number_text(value)}{joiner}{unit}"


def date_text(day: dt.date) -> str:
    """30 Apr 2024."""
    return f"{day.day} {MONTHS_SHORT[day.month - 1]} {day.year}"


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def metric_caption(metric: MetricEvidence, title: str = "") -> str:
    """What a metric card says under its figure: what it measures (unless the card's title
    says it already), where it comes from, and the day: "App install funnel · 30 Apr 2024"."""
    parts = []
    if metric.label.strip() and not _same(metric.label, title):
        parts.append(metric.label.strip())
    if metric.source.strip():
        parts.append(metric.source.strip())
    if metric.date is not None:
        parts.append(date_text(metric.date))
    return " · ".join(parts)


def attribution(quote: QuoteEvidence) -> str:
    """Who said it and where: "— Maya, Interview 1" (empty when neither is known)."""
    parts = [part.strip() for part in (quote.who, quote.source) if part.strip()]
    return "— " + ", ".join(parts) if parts else ""


def quoted(text: str) -> str:
    """The words inside typographic quotation marks (not doubled when already there)."""
    text = text.strip()
    if text[:1] in "“\"" and text[-1:] in "”\"" and len(text) > 1:
        text = text[1:-1].strip()
    return f"“{text}”"


def evidence_text(item: Evidence) -> str:
    """One item in one (wrappable) line, without its kind."""
    if isinstance(item, QuoteEvidence):
        who = attribution(item)
        return f"{quoted(item.text)} {who}" if who else quoted(item.text)
    if isinstance(item, SurveyFigure):
        text = f"{item.question.strip() or 'Survey'}: {figure_text(item.value, item.unit)} " \
               f"(n = {number_text(item.n)})"
        return f"{text} · {item.source.strip()}" if item.source.strip() else text
    if isinstance(item, MetricEvidence):
        head = f"{item.label.strip()}: " if item.label.strip() else ""
        text = head + figure_text(item.value, item.unit)
        tail = [part for part in (item.source.strip(),
                                  date_text(item.date) if item.date else "") if part]
        return " · ".join([text, *tail])
    assert isinstance(item, FileLink)
    return f"{item.label.strip()} ({item.path})" if item.label.strip() else item.path


def evidence_line(item: Evidence) -> str:
    """"Quote: “…” — P4, Interview 4", "Metric: Abandonment: 32% · Product analytics"."""
    return f"{EVIDENCE_KIND_LABELS[item.type]}: {evidence_text(item)}"


def distribution_text(spread: Distribution) -> str:
    """A value's survey distribution in one line: "298 answers, median 1, half 0 to 2 ·
    Spring survey" (half the answers lie between the quartiles)."""
    text = (f"{number_text(spread.n)} answer{'s' if spread.n != 1 else ''}, median "
            f"{format_value(spread.median)}, half {format_value(spread.q1)} to "
            f"{format_value(spread.q3)}")
    return f"{text} · {spread.source.strip()}" if spread.source.strip() else text


def badge_word(level: Confidence) -> str:
    return BADGE_WORDS[level]
