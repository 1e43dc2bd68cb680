"""Which survey tool wrote a table, and what each of its columns asks.

The exports, as the tools write them:

- Qualtrics (CSV/TSV/XLSX "Export data"): three header rows. Row 1 holds the column ids
  (`StartDate`, ..., `ResponseId`, `Q5_1`, `Q5_2`, ...), row 2 the question text, with a matrix
  statement after " - " (`How did you feel at each stage? - Ordering`), row 3 a JSON object per
  column (`{"ImportId":"QID5_1"}`), whose id stays the same when questions are renamed or
  reordered. The first columns are response metadata (dates, status, progress, duration).
- SurveyMonkey ("All individual responses"): two header rows. Row 1 holds `Respondent ID`,
  `Collector ID`, `Start Date`, ... and then each question's text once, with blank
  continuation cells for the other columns of the same question; row 2 says `Response` or
  `Open-Ended Response` for single-column questions and names the rows of a matrix (or the
  choices of a checkbox question) for the others.
- Typeform: one header row: `#` (the response token), the questions (their text may carry
  `<strong>`/`<em>` markup), hidden fields, then `Start Date (UTC)`, `Submit Date (UTC)`,
  `Network ID` (newer exports add `Response Type`, `Stage Date (UTC)`, `Tags`, `Ending`).
- Anything else: one header row (Google Forms grids name their rows `Question [Row]`).

`inspect_survey` reads the headers and a sample of the answers and returns a
`SurveyInspection`: the columns (question, matrix row, stable key, whether it is response
metadata) and a profile of each column's answers, from which survey_mapping proposes what to
import.
"""

from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from journeymap_desktop.storage.importers.errors import Diagnostic, ImportRefused
from journeymap_desktop.storage.importers.tables import Table, open_table

SurveyKind = Literal["qualtrics", "surveymonkey", "typeform", "plain"]
KIND_NAMES: dict[SurveyKind, str] = {"qualtrics": "Qualtrics export",
                                     "surveymonkey": "SurveyMonkey export",
                                     "typeform": "Typeform export", "plain": "table"}
SAMPLE_ROWS = 5_000
SAMPLE_CELLS = 1_000_000
_DISTINCT_CAP = 64

# Qualtrics' response metadata, by column id (row 1) or ImportId (row 3), lower case.
_QUALTRICS_METADATA = frozenset([
    "startdate", "enddate", "status", "ipaddress", "progress", "duration (in seconds)",
    "duration", "finished", "recordeddate", "responseid", "_recordid", "recipientlastname",
    "recipientfirstname", "recipientemail", "externalreference", "externaldatareference",
    "locationlatitude", "locationlongitude", "distributionchannel", "userlanguage",
    "q_recaptchascore", "q_relevantidduplicate", "q_relevantidduplicatescore",
    "q_relevantidfraudscore", "q_relevantidlaststartdate", "q_ballotboxstuffing",
    "q_totalduration", "q_url"])
_SURVEYMONKEY_METADATA = frozenset(
    ["respondent id", "collector id", "start date", "end date", "ip address", "email address",
     "first name", "last name", "custom data 1", "custom data 2", "custom data"])
_TYPEFORM_METADATA = frozenset(
    ["#", "response type", "start date (utc)", "stage date (utc)", "submit date (utc)",
     "network id", "tags", "ending", "score"])
_PLAIN_METADATA = re.compile(
    r"^(?:#|id|respondent ?id|response ?id|timestamp|time ?stamp|date|start ?date|end ?date|"
    r"submitted(?: at)?|submit date|e-?mail(?: address)?|ip(?: address)?|duration.*|progress|"
    r"user ?agent|latitude|longitude)$", re.IGNORECASE)
_RESPONDENT = re.compile(r"^(?:#|respondent ?id|response ?id|responseid|_recordid|id|token)$",
                         re.IGNORECASE)
_MARKUP = re.compile(r"</?(?:strong|em|b|i|u|br|span|p|div)\b[^>]*>", re.IGNORECASE)
_GRID = re.compile(r"^(.*\S)\s*\[([^\[\]]+)\]\s*$")  # Google Forms: "Question [Row]"
_SINGLE_ITEMS = frozenset(["response", "open-ended response", "selected choice"])


def normalise_label(text: str) -> str:
    """For comparing labels: Unicode-folded, case-folded, spaces collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


@dataclass(frozen=True)
class SurveyColumn:
    index: int
    label: str  # as the export shows it, one line
    question: str  # the question's text
    item: str | None  # the matrix row / statement / choice this column holds, if any
    key: str  # stays the same in a newer export of the same survey (Qualtrics ImportId, ...)
    group: str  # the columns of one question share it
    metadata: bool = False  # response metadata (dates, ids, progress), never an answer
    free_text: bool = False  # the export says so (SurveyMonkey "Open-Ended Response", ..._TEXT)


@dataclass
class ColumnProfile:
    """What the sampled answers of one column look like."""

    answered: int = 0
    numbers: int = 0
    low: float | None = None
    high: float | None = None
    whole: bool = True
    number_counts: dict[float, int] = field(default_factory=dict)  # up to a cap
    distinct: dict[str, int] = field(default_factory=dict)  # up to a cap
    many_distinct: bool = False
    text_length: int = 0

    def add(self, value: str) -> None:
        value = value.strip()
        if not value:
            return
        self.answered += 1
        self.text_length += len(value)
        number = leading_number(value)
        if number is not None:
            self.numbers += 1
            self.low = number if self.low is None else min(self.low, number)
            self.high = number if self.high is None else max(self.high, number)
            self.whole = self.whole and number == int(number)
            if number in self.number_counts or len(self.number_counts) < _DISTINCT_CAP:
                self.number_counts[number] = self.number_counts.get(number, 0) + 1
        if value in self.distinct:
            self.distinct[value] += 1
        elif len(self.distinct) < _DISTINCT_CAP:
            self.distinct[value] = 1
        else:
            self.many_distinct = True

    def core_range(self) -> tuple[float, float] | None:
        """The range of the numeric answers without rare "missing" codes (-99, -9, 97-999:
        what survey tools write for seen-but-unanswered), if those are under a tenth."""
        if not self.number_counts:
            return None
        codes = {v: n for v, n in self.number_counts.items() if v <= -9 or v >= 97}
        kept = [v for v in self.number_counts if v not in codes]
        if not kept or sum(codes.values()) > 0.1 * self.numbers:
            kept = list(self.number_counts)
        return min(kept), max(kept)

    @property
    def numeric_share(self) -> float:
        return self.numbers / self.answered if self.answered else 0.0

    @property
    def mean_length(self) -> float:
        return self.text_length / self.answered if self.answered else 0.0


_LEADING_NUMBER = re.compile(r"^\s*([+-]?\d+(?:[.,]\d+)?)(?:\s*(?:[-=:–—)(.]|$)|\s+\S)")


def leading_number(value: str) -> float | None:
    """4 from "4", "4.0", "4,5" (decimal comma), "5 - Very happy", "5 = very happy", "5 (Very
    happy)"; None for text ("Very happy", "2024-05-01" is not a score either)."""
    match = _LEADING_NUMBER.match(value)
    if not match or re.match(r"^\s*\d{4}-\d\d-\d\d", value):
        return None
    try:
        return float(match.group(1).replace(",", "."))
    except ValueError:
        return None


@dataclass
class SurveyInspection:
    table: Table
    kind: SurveyKind
    header_rows: int  # rows (as the table yields them) before the answers
    columns: list[SurveyColumn]
    profiles: list[ColumnProfile]
    respondent_column: int | None
    sampled: int  # answer rows profiled
    first_answer_row: int | None  # spreadsheet row number of the first answer
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def source(self) -> str:
        return self.table.source

    def column(self, index: int) -> SurveyColumn:
        return self.columns[index]

    def groups(self) -> dict[str, list[SurveyColumn]]:
        found: dict[str, list[SurveyColumn]] = {}
        for column in self.columns:
            found.setdefault(column.group, []).append(column)
        return found


def inspect_survey(path: str | Path, *, sheet: str | None = None,
                   sample_rows: int = SAMPLE_ROWS) -> SurveyInspection:
    """Open a survey export (CSV or XLSX) and recognise it."""
    return inspect_table(open_table(path, sheet=sheet), sample_rows=sample_rows)


def inspect_table(table: Table, *, sample_rows: int = SAMPLE_ROWS) -> SurveyInspection:
    rows = table.rows()
    head: list[tuple[int, list[str]]] = []
    for item in rows:
        head.append(item)
        if len(head) == 3:
            break
    if not head:
        raise ImportRefused(table.source, "the table has no rows")
    kind, header_rows = _recognise([cells for _, cells in head])
    headers = [cells for _, cells in head[:header_rows]]
    width = max(len(cells) for cells in headers)
    columns = _columns(kind, headers, width)
    profiles = [ColumnProfile() for _ in columns]
    # A wide export samples fewer rows: profiling looks at every cell of the sample.
    sample_rows = min(sample_rows, max(200, SAMPLE_CELLS // max(1, width)))
    sampled = 0
    first_answer: int | None = None
    for row_number, cells in itertools.chain(head[header_rows:], rows):
        if first_answer is None:
            first_answer = row_number
        for index, value in enumerate(cells[:width]):
            profiles[index].add(value)
        sampled += 1
        if sampled >= sample_rows:
            break
    respondent = next((c.index for c in columns if _RESPONDENT.match(c.question.strip())
                       and c.item is None), None)
    if kind == "qualtrics":
        respondent = next((c.index for c in columns if c.key in ("_recordId", "ResponseId")
                           or c.question.strip().lower() in ("responseid", "response id")),
                          respondent)
    inspection = SurveyInspection(table, kind, header_rows, columns, profiles, respondent,
                                  sampled, first_answer, list(table.warnings))
    if sampled == 0:
        inspection.warnings.append(Diagnostic(None, "warning", "no-answers",
                                              "the export holds no answers, only headers",
                                              unit="row"))
    return inspection


# ----- recognising the tool ------------------------------------------------------------------
def _recognise(rows: list[list[str]]) -> tuple[SurveyKind, int]:
    first = [cell.strip() for cell in rows[0]]
    lowered = [cell.lower() for cell in first]
    if len(rows) >= 3:
        third = [cell.strip() for cell in rows[2] if cell.strip()]
        import_ids = sum(1 for cell in third if cell.startswith("{") and '"ImportId"' in cell)
        if third and import_ids >= max(2, len(third) // 2):
            return "qualtrics", 3
    if len(rows) >= 2:
        second = [cell.strip().lower() for cell in rows[1]]
        surveymonkey_header = "respondent id" in lowered[:3] and "collector id" in lowered
        single_markers = sum(1 for cell in second if cell in ("response", "open-ended response"))
        continuation = any(not first[i] and i < len(second) and second[i]
                           for i in range(1, len(first)))
        if surveymonkey_header or (single_markers and continuation and not second[0]):
            return "surveymonkey", 2
    if first and first[0] == "#" and any(name in lowered for name in
                                         ("submit date (utc)", "network id",
                                          "start date (utc)")):
        return "typeform", 1
    return "plain", 1


def _columns(kind: SurveyKind, headers: list[list[str]], width: int) -> list[SurveyColumn]:
    def cell(row: int, index: int) -> str:
        cells = headers[row] if row < len(headers) else []
        return " ".join(cells[index].split()) if index < len(cells) else ""

    if kind == "qualtrics":
        return _qualtrics_columns(cell, width)
    if kind == "surveymonkey":
        return _surveymonkey_columns(cell, width)
    labels = [_MARKUP.sub("", cell(0, i)).strip() or f"Column {i + 1}" for i in range(width)]
    split = _split_grouped(labels)
    columns = []
    metadata_names = _TYPEFORM_METADATA if kind == "typeform" else frozenset()
    for index, label in enumerate(labels):
        question, item = split[index]
        is_metadata = label.lower() in metadata_names or bool(_PLAIN_METADATA.match(label))
        columns.append(SurveyColumn(index, label, question, item, label,
                                    f"q:{normalise_label(question)}", is_metadata))
    return columns


_Cell = Callable[[int, int], str]  # (header row, column) -> text


def _qualtrics_columns(read: _Cell, width: int) -> list[SurveyColumn]:
    ids = [read(0, i) for i in range(width)]
    labels = [read(1, i) or ids[i] or f"Column {i + 1}" for i in range(width)]
    import_ids = []
    for i in range(width):
        raw = read(2, i)
        try:
            decoded = json.loads(raw) if raw.startswith("{") else {}
        except ValueError:
            decoded = {}
        value = decoded.get("ImportId") if isinstance(decoded, dict) else None
        import_ids.append(str(value) if value else ids[i] or labels[i])
    groups = [_qualtrics_group(import_ids[i], ids[i]) for i in range(width)]
    members: dict[str, list[int]] = {}
    for i, group in enumerate(groups):
        members.setdefault(group, []).append(i)
    columns = []
    for i in range(width):
        question, item = labels[i], None
        siblings = members[groups[i]]
        if len(siblings) > 1:
            prefix = _common_prefix([labels[j] for j in siblings], " - ")
            if prefix:
                question, item = prefix[:-3].strip(), labels[i][len(prefix):].strip() or None
                if item and item.lower() in _SINGLE_ITEMS:
                    item = None  # "Which best describes you? - Selected Choice"
        metadata = ids[i].strip().lower() in _QUALTRICS_METADATA or \
            import_ids[i].lower() in _QUALTRICS_METADATA
        free_text = import_ids[i].upper().endswith("_TEXT")
        columns.append(SurveyColumn(i, labels[i], question, item, import_ids[i], groups[i],
                                    metadata, free_text))
    return columns


def _qualtrics_group(import_id: str, column_id: str) -> str:
    match = re.match(r"(QID\d+)", import_id)
    if match:
        return match.group(1)
    match = re.match(r"(.+?)_\d+(?:_TEXT)?$", column_id)
    return match.group(1) if match else import_id or column_id


def _surveymonkey_columns(read: _Cell, width: int) -> list[SurveyColumn]:
    columns = []
    question, start = "", 0
    for i in range(width):
        top = read(0, i)
        if top:
            question, start = top, i
        below = read(1, i)
        item = below if below and below.lower() not in _SINGLE_ITEMS else None
        free_text = below.lower() == "open-ended response"
        label = f"{question} - {item}" if item else question or f"Column {i + 1}"
        metadata = question.lower() in _SURVEYMONKEY_METADATA and start == i
        key = f"{normalise_label(question)}|{normalise_label(item or '')}"
        columns.append(SurveyColumn(i, label, question or f"Column {i + 1}", item, key,
                                    f"q{start}:{normalise_label(question)}", metadata,
                                    free_text))
    return columns


def _common_prefix(labels: list[str], separator: str) -> str:
    """The longest start the labels share that ends with `separator`, or ""."""
    first = labels[0]
    end = len(first)
    for label in labels[1:]:
        end = min(end, len(label))
        for position in range(end):
            if first[position] != label[position]:
                end = position
                break
    prefix = first[:end]
    cut = prefix.rfind(separator)
    return prefix[: cut + len(separator)] if cut > 0 else ""


def _split_grouped(labels: list[str]) -> list[tuple[str, str | None]]:
    """(question, item) for each one-row header: "Question [Row]" (Google Forms), or
    "Question - Row" when two or more columns share the question."""
    result: list[tuple[str, str | None]] = [(label, None) for label in labels]
    grid: dict[str, list[int]] = {}
    for index, label in enumerate(labels):
        match = _GRID.match(label) if label.rstrip().endswith("]") and len(label) < 2000 \
            else None
        if match:
            grid.setdefault(match.group(1), []).append(index)
    for question, indexes in grid.items():
        for index in indexes:
            match = _GRID.match(labels[index])
            assert match is not None
            result[index] = (question, match.group(2).strip())
    for separator in (" - ", " – ", ": "):
        prefixes: dict[str, list[int]] = {}
        for index, label in enumerate(labels):
            if result[index][1] is not None or separator not in label:
                continue
            prefixes.setdefault(label.split(separator, 1)[0], []).append(index)
        for question, indexes in prefixes.items():
            if len(indexes) < 2:
                continue
            for index in indexes:
                item = labels[index].split(separator, 1)[1].strip()
                result[index] = (question.strip(), item or None)
    _families(labels, result)
    return result


_FAMILY_MIN_PREFIX = 12


def _families(labels: list[str], result: list[tuple[str, str | None]]) -> None:
    """Neighbouring questions that differ only at the end ("How did you feel while browsing?",
    "How did you feel while paying?": Typeform has no matrix of rows in one question, so a
    journey survey asks one question per stage) become one question with those ends as
    rows."""
    index = 0
    while index < len(labels):
        end = index + 1
        while end < len(labels) and result[end][1] is None and result[index][1] is None:
            shared = _word_prefix(labels[index], labels[end])
            if len(shared) < _FAMILY_MIN_PREFIX:
                break
            end += 1
        if end - index >= 2:
            members = list(range(index, end))
            shared = labels[index]
            for member in members[1:]:
                shared = _word_prefix(shared, labels[member])
            items = [_item_text(labels[member][len(shared):]) for member in members]
            if all(items) and len(set(items)) == len(items):
                question = shared.rstrip() + " …"
                for member, item in zip(members, items, strict=True):
                    result[member] = (question, item)
        index = end


def _word_prefix(first: str, second: str) -> str:
    """The start two labels share, cut back to a word boundary."""
    end = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        end += 1
    if end == min(len(first), len(second)):
        return first[:end]
    cut = first.rfind(" ", 0, end + 1)
    return first[: cut + 1] if cut > 0 else ""


def _item_text(rest: str) -> str:
    text = rest.strip().rstrip("?:.!").strip().strip("\"'“”‘’").strip()
    return text[:1].upper() + text[1:] if text[:1].islower() else text


__all__ = ["KIND_NAMES", "ColumnProfile", "SurveyColumn", "SurveyInspection", "SurveyKind",
           "inspect_survey", "inspect_table", "leading_number", "normalise_label"]
