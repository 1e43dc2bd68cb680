"""Which columns of a survey export become what on a journey map, and the proposal made when
the user gives no mapping.

A mapping names the score columns with the stage (and touchpoint) each one rates, or, for a
table with one answer per row, the columns that hold the stage, the touchpoint and the score;
the persona column; the free-text columns whose answers become quotes; and the scale the
scores are on (declared, e.g. 1-5, with level names for exports that write the answer's text),
with reverse coding per score column (a question where 1 is the best answer).

The proposal: the matrix question whose rows name stages (a Qualtrics "Question - Stage"
label, a SurveyMonkey second header row, a Google Forms "Question [Stage]" grid) and whose
answers are on a scale; "Stage: touchpoint" rows split into both; a persona column found by
its question ("Which best describes you?"); free-text questions as quotes, on the stage they
mention. The `explanation` says in plain lines what was chosen and why, for the CLI to print
and the import wizard to show before anything changes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from journeymap_desktop.storage.importers.errors import shown
from journeymap_desktop.storage.importers.survey_layout import (
    KIND_NAMES,
    ColumnProfile,
    SurveyColumn,
    SurveyInspection,
    leading_number,
    normalise_label,
)

# Answer texts of common rating scales, lowest first (as exported with "choice text").
LABEL_SCALES: tuple[tuple[str, ...], ...] = (
    ("Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"),
    ("Very dissatisfied", "Dissatisfied", "Neither satisfied nor dissatisfied", "Satisfied",
     "Very satisfied"),
    ("Extremely dissatisfied", "Somewhat dissatisfied", "Neither satisfied nor dissatisfied",
     "Somewhat satisfied", "Extremely satisfied"),
    ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"),
    ("Strongly disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree",
     "Strongly agree"),
    ("Very negative", "Negative", "Neutral", "Positive", "Very positive"),
    ("Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"),
    ("Very bad", "Bad", "Neutral", "Good", "Very good"),
    ("Very bad", "Bad", "Okay", "Good", "Very good"),
    ("Very poor", "Poor", "Fair", "Good", "Excellent"),
    ("Terrible", "Poor", "Average", "Good", "Excellent"),
    ("Very difficult", "Difficult", "Neither easy nor difficult", "Easy", "Very easy"),
    ("Extremely dissatisfied", "Moderately dissatisfied", "Slightly dissatisfied",
     "Neither satisfied nor dissatisfied", "Slightly satisfied", "Moderately satisfied",
     "Extremely satisfied"),
    ("Strongly disagree", "Disagree", "Somewhat disagree", "Neither agree nor disagree",
     "Somewhat agree", "Agree", "Strongly agree"),
)
_EMOTION_WORDS = re.compile(r"feel|felt|emotion|mood|experience|satisf|happy|frustrat|rate|"
                            r"rating|score|how (?:was|did|easy|good)", re.IGNORECASE)
_PERSONA_WORDS = re.compile(r"persona|segment|describes? you|best describes|type of (?:customer|"
                            r"user|buyer)|customer type|user type|role|which group|who are you|"
                            r"are you a", re.IGNORECASE)
_STAGE_HEADER = re.compile(r"^(?:stage|phase|step|journey stage|moment)s?$", re.IGNORECASE)
_TOUCHPOINT_HEADER = re.compile(r"^(?:touch ?points?|channel|interaction|activity|task)$",
                                re.IGNORECASE)
_SCORE_HEADER = re.compile(r"^(?:score|rating|emotion|feeling|satisfaction|sentiment|value|"
                           r"how did (?:it|you) feel)$", re.IGNORECASE)
_ITEM_SEPARATORS = (": ", " - ", " – ", " > ", " / ", " | ")
_MAX_PERSONAS = 12


@dataclass(frozen=True)
class Scale:
    """The scale answers are on: whole levels `low`..`high`; `labels` name the levels in order
    when the export writes answers as text ("Very unhappy" ... "Very happy")."""

    low: float
    high: float
    labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.low < self.high:
            raise ValueError(f"a scale runs from low to high, not {self.low:g} to {self.high:g}")
        if self.labels and len(self.labels) != int(self.high - self.low) + 1:
            raise ValueError("a scale with level names names every level")

    def describe(self) -> str:
        text = f"{self.low:g}-{self.high:g}"
        if self.labels:
            text += f" (answers as text: {shown(self.labels[0])} = {self.low:g} ... " \
                    f"{shown(self.labels[-1])} = {self.high:g})"
        return text

    def value(self, answer: str) -> float | None:
        """The answer's value on the scale, or None if it is not one (empty answers are
        the caller's business)."""
        if self.labels:
            normalised = normalise_label(answer)
            for level, label in enumerate(self.labels):
                if normalised == normalise_label(label):
                    return float(self.low + level)
        number = leading_number(answer)
        if number is None or not self.low <= number <= self.high:
            return None
        return number

    def reverse(self, value: float) -> float:
        return self.low + self.high - value


@dataclass(frozen=True)
class ScoreColumn:
    """A column of answers that rates one stage (and touchpoint) of the journey."""

    column: int
    stage: str
    touchpoint: str = ""
    reverse: bool = False


@dataclass(frozen=True)
class LongScores:
    """A table with one answer per row: the stage, touchpoint and score are in columns."""

    score: int
    stage: int
    touchpoint: int | None = None
    reverse: bool = False


@dataclass(frozen=True)
class QuoteColumn:
    """A free-text column whose answers become quotes, on a stage if it is about one."""

    column: int
    stage: str | None = None
    touchpoint: str = ""


@dataclass(frozen=True)
class SurveyMapping:
    scale: Scale
    scores: tuple[ScoreColumn, ...] = ()
    long: LongScores | None = None
    persona: int | None = None
    quotes: tuple[QuoteColumn, ...] = ()

    def __post_init__(self) -> None:
        if not self.scores and self.long is None:
            raise ValueError("a survey mapping needs score columns or a one-answer-per-row "
                             "layout")


@dataclass
class MappingProposal:
    """What `propose_mapping` suggests; `mapping` is None when nothing could be proposed, and
    `explanation` then says why."""

    mapping: SurveyMapping | None
    explanation: list[str]
    other_score_questions: list[str] = field(default_factory=list)
    persona_candidates: list[int] = field(default_factory=list)


# ----- scales -------------------------------------------------------------------------------
def label_scale(profile: ColumnProfile) -> tuple[str, ...] | None:
    """The named scale every (sampled) text answer of a column belongs to, if any."""
    answers = {normalise_label(value) for value in profile.distinct}
    if not answers or profile.many_distinct:
        return None
    for scale in sorted(LABEL_SCALES, key=len):
        if answers <= {normalise_label(level) for level in scale}:
            return scale
    return None


def numeric_scale(low: float, high: float) -> tuple[float, float]:
    """The usual scale that holds answers from `low` to `high` (1-5, 1-7, 0-10, ...)."""
    for scale_low, scale_high in ((1, 5), (1, 7), (1, 10), (0, 10), (-2, 2), (-3, 3), (0, 5),
                                  (0, 100)):
        if scale_low <= low and high <= scale_high:
            return scale_low, scale_high
    return low, high


def _is_score_column(column: SurveyColumn, profile: ColumnProfile) -> bool:
    if column.metadata or profile.answered == 0:
        return False
    if label_scale(profile) is not None:
        return True
    core = profile.core_range()
    return (profile.numeric_share >= 0.9 and profile.whole and core is not None
            and core[1] - core[0] <= 10 and core[1] <= 10 and core[0] >= -5)


def scale_for(inspection: SurveyInspection, columns: Sequence[int]) -> Scale | None:
    """The scale that fits the sampled answers of these columns together."""
    labels = {label_scale(inspection.profiles[i]) for i in columns}
    labels.discard(None)
    if len(labels) == 1:
        named = next(iter(labels))
        assert named is not None
        return Scale(1, len(named), named)
    ranges = [r for r in (inspection.profiles[i].core_range() for i in columns) if r]
    if not ranges:
        return None
    low, high = numeric_scale(min(r[0] for r in ranges), max(r[1] for r in ranges))
    return Scale(low, high) if low < high else None


# ----- the proposal -------------------------------------------------------------------------
def split_item(items: Sequence[str], known_stages: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(stage, touchpoint) for matrix rows: "Order: Checkout" rows split when every row has
    the same separator and one side repeats (that side is the stage; the map's known stages
    decide when given); otherwise each row is a stage."""
    known = {normalise_label(stage) for stage in known_stages}
    for separator in _ITEM_SEPARATORS:
        if not all(separator in item for item in items):
            continue
        pairs = [tuple(part.strip() for part in item.split(separator, 1)) for item in items]
        if not all(a and b for a, b in pairs):
            continue
        firsts = {normalise_label(a) for a, _ in pairs}
        seconds = {normalise_label(b) for _, b in pairs}
        if known and (firsts & known or seconds & known):
            if len(seconds & known) > len(firsts & known):
                return [(b, a) for a, b in pairs]
            return [(a, b) for a, b in pairs]
        if len(firsts) < len(pairs):  # "Order: Checkout", "Order: Payment": stage first
            return [(a, b) for a, b in pairs]
        if len(seconds) < len(pairs):  # "Checkout: Paying", "Tracking: Delivery", ...
            return [(b, a) for a, b in pairs]
    return [(item.strip(), "") for item in items]


def propose_mapping(inspection: SurveyInspection,
                    known_stages: Sequence[str] = ()) -> MappingProposal:
    """The mapping to use when the user gives none (see the module's docstring)."""
    kind = KIND_NAMES[inspection.kind]
    lines = [f"{kind} ({inspection.header_rows} header row"
             f"{'s' if inspection.header_rows > 1 else ''}, {len(inspection.columns):,} "
             f"columns, {inspection.sampled:,} answers sampled)"]
    long = _long_format(inspection)
    if long is not None:
        return _propose_long(inspection, long, lines)
    groups = _score_groups(inspection)
    if not groups:
        lines.append("no matrix question whose rows name stages and whose answers are on a "
                     "scale: choose the stage, touchpoint and score columns yourself")
        return MappingProposal(None, lines, [], _persona_candidates(inspection, set()))
    known = {normalise_label(stage) for stage in known_stages}

    def rank(group: list[SurveyColumn]) -> tuple[int, int, int, int]:
        items = {normalise_label(c.item or "") for c in group}
        return (len(items & known), 1 if _EMOTION_WORDS.search(group[0].question) else 0,
                len(group), -group[0].index)

    groups.sort(key=rank, reverse=True)
    chosen = groups[0]
    scale = scale_for(inspection, [c.index for c in chosen])
    if scale is None:  # _score_groups only keeps groups with a scale
        raise AssertionError("a score group without a scale")
    pairs = split_item([c.item or "" for c in chosen], known_stages)
    scores = tuple(ScoreColumn(c.index, stage, touchpoint)
                   for c, (stage, touchpoint) in zip(chosen, pairs, strict=True))
    stages = list(dict.fromkeys(stage for stage, _ in pairs))
    where = f" ({chosen[0].key.split('_')[0]})" if inspection.kind == "qualtrics" else ""
    lines.append(f"stages from the rated rows of {shown(chosen[0].question, 100)}{where}: "
                 + ", ".join(shown(stage, 40)[1:-1] for stage in stages[:30])
                 + (f" and {len(stages) - 30:,} more" if len(stages) > 30 else ""))
    if any(touchpoint for _, touchpoint in pairs):
        lines.append(f"touchpoints from its rows: {len(pairs)} in {len(stages)} stages")
    lines.append(f"scores on a {scale.describe()} scale, not reverse-coded")
    used = {c.index for c in chosen}
    persona, candidates = _persona(inspection, used)
    if persona is not None:
        column = inspection.columns[persona]
        values = sorted(inspection.profiles[persona].distinct)
        lines.append(f"persona from {shown(column.label)}: "
                     + ", ".join(shown(value, 40)[1:-1] for value in values))
        used.add(persona)
    else:
        lines.append("no persona column recognised: every answer counts for everyone")
    quotes = _quotes(inspection, used, stages)
    if quotes:
        described = [f"{shown(inspection.columns[q.column].label, 100)}"
                     + (f" (stage {q.stage})" if q.stage else "") for q in quotes]
        more = f" and {len(described) - 5:,} more" if len(described) > 5 else ""
        lines.append(f"quotes from {len(quotes)} free-text column"
                     f"{'s' if len(quotes) > 1 else ''}: {'; '.join(described[:5])}{more}")
    others = [group[0].question for group in groups[1:]]
    if others:
        named = "; ".join(shown(q, 100) for q in others[:5])
        more = f" and {len(others) - 5:,} more" if len(others) > 5 else ""
        lines.append(f"not used: {len(others):,} other rating question"
                     f"{'s' if len(others) > 1 else ''}: {named}{more}")
    mapping = SurveyMapping(scale, scores, None, persona, tuple(quotes))
    return MappingProposal(mapping, lines, others, candidates)


def _score_groups(inspection: SurveyInspection) -> list[list[SurveyColumn]]:
    """Questions with two or more rated rows (a matrix), each row named."""
    found = []
    for group in inspection.groups().values():
        rated = [c for c in group if c.item and _is_score_column(c, inspection.profiles[c.index])]
        if len(rated) >= 2 and scale_for(inspection, [c.index for c in rated]) is not None:
            found.append(rated)
    return found


def _persona(inspection: SurveyInspection, used: set[int]) -> tuple[int | None, list[int]]:
    candidates = _persona_candidates(inspection, used)
    for index in candidates:
        if _PERSONA_WORDS.search(inspection.columns[index].question):
            return index, candidates
    return None, candidates


def _persona_candidates(inspection: SurveyInspection, used: set[int]) -> list[int]:
    """Single-answer questions with a few text answers, each given more than once."""
    found = []
    for column, profile in zip(inspection.columns, inspection.profiles, strict=True):
        if column.index in used or column.metadata or column.item is not None:
            continue
        if profile.many_distinct or not 2 <= len(profile.distinct) <= _MAX_PERSONAS:
            continue
        if profile.numeric_share > 0.5 or label_scale(profile) is not None:
            continue
        if profile.answered >= 2 * len(profile.distinct):
            found.append(column.index)
    return found


def _quotes(inspection: SurveyInspection, used: set[int], stages: list[str]) -> list[QuoteColumn]:
    found = []
    by_length = sorted(stages, key=len, reverse=True)
    for column, profile in zip(inspection.columns, inspection.profiles, strict=True):
        if column.index in used or column.metadata or profile.answered == 0:
            continue
        free_text = column.free_text or (
            profile.numeric_share < 0.2 and profile.mean_length >= 12
            and (profile.many_distinct or len(profile.distinct) > _MAX_PERSONAS
                 or len(profile.distinct) > 0.6 * profile.answered))
        if not free_text or label_scale(profile) is not None:
            continue
        if column.free_text and column.item and ("other" in column.item.lower()
                                                 or "else" in column.item.lower()):
            continue  # "Other (please specify)" beside a choice: not about the journey
        text = f"{column.question} {column.item or ''}"
        stage = next((s for s in by_length
                      if re.search(rf"\b{re.escape(s)}\b", text, re.IGNORECASE)), None)
        found.append(QuoteColumn(column.index, stage))
    return found


def _long_format(inspection: SurveyInspection) -> LongScores | None:
    columns = inspection.columns

    def find(pattern: re.Pattern[str]) -> int | None:
        return next((c.index for c in columns if pattern.match(c.label.strip())), None)

    stage, score = find(_STAGE_HEADER), find(_SCORE_HEADER)
    if stage is None or score is None:
        return None
    if scale_for(inspection, [score]) is None:
        return None
    return LongScores(score, stage, find(_TOUCHPOINT_HEADER))


def _propose_long(inspection: SurveyInspection, long: LongScores,
                  lines: list[str]) -> MappingProposal:
    scale = scale_for(inspection, [long.score])
    assert scale is not None
    label = inspection.columns
    lines.append(f"one answer per row: stage from {shown(label[long.stage].label)}, "
                 + (f"touchpoint from {shown(label[long.touchpoint].label)}, "
                    if long.touchpoint is not None else "")
                 + f"score from {shown(label[long.score].label)}")
    lines.append(f"scores on a {scale.describe()} scale, not reverse-coded")
    used = {long.score, long.stage} | ({long.touchpoint} if long.touchpoint is not None
                                       else set())
    persona, candidates = _persona(inspection, used)
    if persona is None:
        persona = next((c.index for c in inspection.columns
                        if re.match(r"^(?:persona|segment)$", c.label.strip(), re.I)), None)
    if persona is not None:
        lines.append(f"persona from {shown(label[persona].label)}")
        used.add(persona)
    quotes = _quotes(inspection, used, [])
    if quotes:
        lines.append(f"quotes from {', '.join(repr(label[q.column].label) for q in quotes)}")
    mapping = SurveyMapping(scale, (), long, persona, tuple(quotes))
    return MappingProposal(mapping, lines, [], candidates)


__all__ = ["LABEL_SCALES", "LongScores", "MappingProposal", "QuoteColumn", "Scale",
           "ScoreColumn", "SurveyMapping", "label_scale", "numeric_scale", "propose_mapping",
           "scale_for", "split_item"]
