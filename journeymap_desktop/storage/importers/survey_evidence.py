"""Survey answers -> evidence per proposed card: the distribution of the scores (n, mean,
median, quartiles) for everyone and per persona, and the free-text answers as quotes.

One pass over the rows, keeping only counts per (card, persona, value) and the quotes, so a
100,000-row export costs little memory; a row that does not fit (a score off the scale, a row
shorter than the header) is counted, and the first few are reported naming their row.

Keys are deterministic, so a newer export of the same survey updates what an older one made
instead of adding to it: a card's key comes from its stage and touchpoint (case, accents'
composition and spacing ignored), a quote's from its column's stable key (Qualtrics' ImportId,
or the question's text) and the respondent's id.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field

from journeymap_desktop.storage.importers.errors import Diagnostic, shown
from journeymap_desktop.storage.importers.survey_layout import (
    SurveyInspection,
    normalise_label,
)
from journeymap_desktop.storage.importers.survey_mapping import Scale, SurveyMapping

MAX_REPORTED = 10  # rows reported per kind of problem; the rest are counted
_NO_ANSWER = frozenset(["", "-", "--", "n/a", "na", "none", "no", "nothing", ".", "/", "nil",
                        "no comment", "no comments", "nope"])
# Qualtrics' Status column: previews, tests and spam are not answers (numeric codes and texts).
_QUALTRICS_NOT_ANSWERS = frozenset(["1", "2", "8", "9", "12", "17", "survey preview",
                                    "survey test", "spam", "preview spam", "imported spam",
                                    "offline survey preview"])


def card_key(stage: str, touchpoint: str) -> str:
    """The same text for the same stage and touchpoint in any export."""
    text = f"{normalise_label(stage)}\x1f{normalise_label(touchpoint)}"
    return "survey-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def quote_key(column_key: str, respondent: str) -> str:
    text = f"{column_key}\x1f{respondent}"
    return "quote-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Distribution:
    """Scores on the mapping's scale: count, mean, median and quartiles (linear interpolation
    between order statistics: Excel's QUARTILE.INC, numpy's default), extremes, and how many
    answers gave each value."""

    n: int
    mean: float
    median: float
    q1: float
    q3: float
    low: float
    high: float
    counts: tuple[tuple[float, int], ...]

    @classmethod
    def from_counts(cls, counts: Counter[float]) -> Distribution:
        values = sorted(counts)
        n = sum(counts.values())
        if n == 0:
            raise ValueError("a distribution of no answers")
        mean = math.fsum(value * count for value, count in counts.items()) / n
        cumulative = []
        total = 0
        for value in values:
            total += counts[value]
            cumulative.append(total)

        def order_statistic(rank: int) -> float:  # 0-based
            for value, upto in zip(values, cumulative, strict=True):
                if rank < upto:
                    return value
            return values[-1]

        def quantile(p: float) -> float:
            position = (n - 1) * p
            below = math.floor(position)
            fraction = position - below
            lower = order_statistic(below)
            if fraction == 0:
                return lower
            return lower + fraction * (order_statistic(below + 1) - lower)

        return cls(n, mean, quantile(0.5), quantile(0.25), quantile(0.75), values[0],
                   values[-1], tuple((value, counts[value]) for value in values))

    def rescaled(self, source: Scale, target: Scale) -> Distribution:
        """The same distribution on another scale (e.g. a 1-7 survey onto a 1-5 curve)."""
        def move(value: float) -> float:
            return target.low + (value - source.low) * (target.high - target.low) / \
                (source.high - source.low)
        return Distribution(self.n, move(self.mean), move(self.median), move(self.q1),
                            move(self.q3), move(self.low), move(self.high),
                            tuple((move(value), count) for value, count in self.counts))


@dataclass(frozen=True)
class Quote:
    key: str
    text: str
    respondent: str
    persona: str | None
    column_key: str
    question: str
    row: int
    stage: str | None
    touchpoint: str
    card: str | None  # the key of the card it belongs to, if its stage has that card


@dataclass
class CardEvidence:
    """What the survey says about one proposed touchpoint card."""

    key: str
    stage: str
    touchpoint: str
    everyone: Distribution | None
    by_persona: dict[str, Distribution]
    quotes: list[Quote] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # stable keys of the columns used


@dataclass
class SurveyEvidence:
    source: str
    kind: str
    scale: Scale
    cards: list[CardEvidence]  # in stage order, then touchpoint order, as the export has them
    stages: list[str]
    personas: list[str]
    quotes: list[Quote]  # quotes about no card (general comments)
    responses: int  # rows read as answers
    left_out: int  # rows not counted (previews, tests, spam, empty rows)
    warnings: list[Diagnostic]


class _Problems:
    def __init__(self) -> None:
        self.reported: list[Diagnostic] = []
        self.counts: Counter[str] = Counter()
        self.first: dict[str, str] = {}

    def add(self, row: int, code: str, message: str) -> None:
        self.counts[code] += 1
        if self.counts[code] <= MAX_REPORTED:
            self.reported.append(Diagnostic(row, "warning", code, message, unit="row"))
        self.first.setdefault(code, message)

    def summary(self) -> list[Diagnostic]:
        more = [Diagnostic(None, "warning", code, f"{count - MAX_REPORTED:,} more rows like "
                           f"the above ({code})", unit="row")
                for code, count in self.counts.items() if count > MAX_REPORTED]
        return self.reported + more


def aggregate_survey(inspection: SurveyInspection, mapping: SurveyMapping) -> SurveyEvidence:
    """Read every answer row of the export once and gather the evidence."""
    return _Aggregation(inspection, mapping).run()


_UNSEEN, _EMPTY, _OFF = object(), object(), object()


class _Aggregation:
    """One pass over the rows. The loop is the hot path of a 100,000-row import: it keeps a
    flat tally per (card, persona, value) and caches what each distinct answer text means."""

    def __init__(self, inspection: SurveyInspection, mapping: SurveyMapping) -> None:
        self.inspection = inspection
        self.mapping = mapping
        self.columns = inspection.columns
        self.problems = _Problems()
        self.cards: dict[tuple[str, str], int] = {}
        self.card_list: list[tuple[str, str]] = []
        self.card_sources: list[list[str]] = []
        self.card_quotes: list[list[Quote]] = []
        self.tally: dict[tuple[int, int, float], int] = {}
        self.personas: dict[str, int] = {}
        self.unplaced: list[Quote] = []
        self.caches: dict[int, dict[str, object]] = {}

    def card_for(self, stage: str, touchpoint: str) -> int:
        pair = (stage, touchpoint)
        index = self.cards.get(pair)
        if index is None:
            index = self.cards[pair] = len(self.card_list)
            self.card_list.append(pair)
            self.card_sources.append([])
            self.card_quotes.append([])
        return index

    def value(self, column: int, text: str, row: int) -> float | None:
        """The score an answer gives (None if it gives none), cached per distinct text."""
        cache = self.caches.setdefault(column, {})
        found = cache.get(text, _UNSEEN)
        if found is _UNSEEN:
            if not text.strip():
                found = _EMPTY
            else:
                parsed = self.mapping.scale.value(text)
                found = _OFF if parsed is None else parsed
            cache[text] = found
        if found is _EMPTY:
            return None
        if found is _OFF:
            scale = self.mapping.scale
            self.problems.add(row, "score-off-scale", f"{shown(text.strip())} in "
                              f"{shown(self.columns[column].label)} is not on the "
                              f"{scale.low:g}-{scale.high:g} scale; left out")
            return None
        return found  # type: ignore[return-value]  # a float: the other values are sentinels

    def quote_targets(self) -> list[int | None]:
        """The card each free-text column's quotes go to (one answer per row: None, decided
        per row)."""
        by_pair = {(normalise_label(s), normalise_label(t)): i
                   for (s, t), i in self.cards.items()}
        by_stage: dict[str, list[int]] = {}
        for (stage, _), index in self.cards.items():
            by_stage.setdefault(normalise_label(stage), []).append(index)
        targets: list[int | None] = []
        for quote in self.mapping.quotes:
            target = None
            if quote.stage is not None:
                stage = normalise_label(quote.stage)
                target = by_pair.get((stage, normalise_label(quote.touchpoint)))
                if target is None and len(by_stage.get(stage, [])) == 1:
                    target = by_stage[stage][0]
            targets.append(target)
        return targets

    def run(self) -> SurveyEvidence:
        mapping, columns = self.mapping, self.columns
        width = len(columns)
        scale = mapping.scale
        fixed = [(score.column, self.card_for(score.stage, score.touchpoint), score.reverse)
                 for score in mapping.scores]
        for column, card, _ in fixed:
            self.card_sources[card].append(columns[column].key)
        targets = self.quote_targets()
        quote_columns = [(q, columns[q.column].key, columns[q.column].label, target)
                         for q, target in zip(mapping.quotes, targets, strict=True)]
        card_keys: dict[int, str] = {}
        status = next((c.index for c in columns if self.inspection.kind == "qualtrics"
                       and c.key.lower() == "status"), None)
        respondent_column = self.inspection.respondent_column
        long = mapping.long
        tally = self.tally
        personas = self.personas
        responses = left_out = seen = 0
        value_of = self.value
        for row, cells in self.inspection.table.rows():
            seen += 1
            if seen <= self.inspection.header_rows:
                continue
            if len(cells) != width:
                cells = self.fit(cells, width, row)
            if status is not None and cells[status].strip().lower() in _QUALTRICS_NOT_ANSWERS:
                left_out += 1
                continue
            responses += 1
            persona_name = None
            who = -1
            if mapping.persona is not None:
                persona_name = cells[mapping.persona].strip() or None
                if persona_name is not None:
                    who = personas.setdefault(persona_name, len(personas))
            for column, card, reverse in fixed:
                text = cells[column]
                if text:
                    value = value_of(column, text, row)
                    if value is not None:
                        if reverse:
                            value = scale.reverse(value)
                        key = (card, who, value)
                        tally[key] = tally.get(key, 0) + 1
            row_card = None
            if long is not None:
                stage = cells[long.stage].strip()
                text = cells[long.score]
                if stage:
                    touchpoint = cells[long.touchpoint].strip() \
                        if long.touchpoint is not None else ""
                    row_card = self.card_for(stage, touchpoint)
                    if not self.card_sources[row_card]:
                        self.card_sources[row_card].append(columns[long.score].key)
                    value = value_of(long.score, text, row) if text else None
                    if value is not None:
                        if long.reverse:
                            value = scale.reverse(value)
                        key = (row_card, who, value)
                        tally[key] = tally.get(key, 0) + 1
                elif text.strip():
                    self.problems.add(row, "no-stage", "a score with no stage; left out")
            for quote, column_key, question, target in quote_columns:
                text = cells[quote.column].strip()
                if len(text) <= 12 and normalise_label(text) in _NO_ANSWER:
                    continue
                quote_card = target if target is not None else row_card
                respondent = cells[respondent_column].strip() \
                    if respondent_column is not None else ""
                stage_name, touchpoint_name = (self.card_list[quote_card]
                                               if quote_card is not None
                                               else (quote.stage, quote.touchpoint))
                key_of_card = None
                if quote_card is not None:
                    key_of_card = card_keys.get(quote_card)
                    if key_of_card is None:
                        key_of_card = card_keys[quote_card] = card_key(stage_name or "",
                                                                       touchpoint_name)
                made = Quote(quote_key(column_key, respondent or f"row {row}"), text,
                             respondent, persona_name, column_key, question, row, stage_name,
                             touchpoint_name, key_of_card)
                if quote_card is None:
                    self.unplaced.append(made)
                else:
                    self.card_quotes[quote_card].append(made)
        return self.evidence(responses, left_out)

    def fit(self, cells: list[str], width: int, row: int) -> list[str]:
        if len(cells) > width:
            if any(cell.strip() for cell in cells[width:]):
                self.problems.add(row, "row-width", f"this row has {len(cells):,} cells where "
                                  f"the header has {width:,}; the extra cells are left out")
            return cells[:width]
        self.problems.add(row, "row-width", f"this row has {len(cells):,} cells where the "
                          f"header has {width:,} (cut short?); the missing ones count as "
                          "unanswered")
        return cells + [""] * (width - len(cells))

    def evidence(self, responses: int, left_out: int) -> SurveyEvidence:
        names = list(self.personas)
        per_card: dict[int, dict[int, Counter[float]]] = {}
        for (card, who, value), count in self.tally.items():
            per_who = per_card.setdefault(card, {})
            per_who.setdefault(who, Counter())[value] += count
        card_list = self.card_list
        stage_order = {stage: n for n, stage in enumerate(dict.fromkeys(s for s, _ in card_list))}
        order = sorted(range(len(card_list)), key=lambda i: (stage_order[card_list[i][0]], i))
        cards = []
        for index in order:
            stage, touchpoint = card_list[index]
            per_who = per_card.get(index, {})
            everyone: Counter[float] = Counter()
            for counts in per_who.values():
                everyone.update(counts)
            by_persona = {names[who]: Distribution.from_counts(per_who[who])
                          for who in sorted(per_who) if who >= 0}
            cards.append(CardEvidence(card_key(stage, touchpoint), stage, touchpoint,
                                      Distribution.from_counts(everyone) if everyone else None,
                                      by_persona, self.card_quotes[index],
                                      self.card_sources[index]))
        found = dict.fromkeys([*self.inspection.warnings, *self.inspection.table.warnings,
                               *self.problems.reported])
        warnings = sorted(found, key=lambda d: (d.place is None, d.place or 0))
        warnings += [d for d in self.problems.summary() if d not in found]
        empty = [card for card in cards if card.everyone is None]
        if empty:
            warnings.append(Diagnostic(None, "warning", "no-scores", f"{len(empty)} card"
                                       f"{'s have' if len(empty) > 1 else ' has'} no usable "
                                       f"score ({', '.join(shown(c.stage) for c in empty[:5])})",
                                       unit="row"))
        stages = list(dict.fromkeys(card.stage for card in cards))
        return SurveyEvidence(self.inspection.source, self.inspection.kind, self.mapping.scale,
                              cards, stages, names, self.unplaced, responses, left_out,
                              warnings)


__all__ = ["CardEvidence", "Distribution", "Quote", "SurveyEvidence", "aggregate_survey",
           "card_key", "quote_key"]
