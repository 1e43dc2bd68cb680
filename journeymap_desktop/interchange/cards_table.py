"""The card spreadsheet: a whole map as one row per card, in CSV or XLSX, both ways.

The layout (docs/card-spreadsheet.md; a template in resources/templates/cards-template.csv):

    id | stage | lane | lane kind | kind | title | text | persona | channel | owner | tags |
    votes | moment of truth | customer value | business value | effort | colour |
    feeling: Everyone (as-is) [-2..2] | word: Everyone (as-is) | feeling: Maya (as-is) ... |

- One row per card, in journey order (stage by stage, lane by lane, top to bottom). Stages
  and lanes are named; they are made in the order they first appear. A row with no kind, no
  title and no text only names a stage and a lane (what the exporter writes first when a
  stage or lane holds no cards, or their order would not follow from the cards).
- `feeling: WHO (SCENARIO) [LOW..HIGH]` holds a card's value on that curve (WHO is
  "Everyone" or a persona's name; the scale is the map's, the same in every such column),
  `word: WHO (SCENARIO)` the customer's word for it. Tags are separated by ";" (a cell
  starting with "[" is a JSON list, for tags that contain ";"). Kinds, lane kinds and
  channels are written as their labels ("Pain point"); their keys ("pain_point") read too.
- Column names are matched without regard to case or spacing; unknown columns are left out
  (with a note), missing ones are empty. Only `stage` and `title` are required.

What the layout does not hold (evidence, stage descriptions and colours, saved views,
workshop rounds, curve names) is not written; everything it holds reads back unchanged
(tests/test_cards_table.py: map -> file -> map -> file gives the same file, for CSV and XLSX).

Cells that start with `=`, `+`, `-`, `@`, a tab or CR are written with a leading apostrophe
(`cells.neutralise_cell`), so no spreadsheet runs them as formulas; reading the file back
takes it off again. Plain numbers such as -2 stay numbers.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from journeymap_desktop.formats import ReadResult
from journeymap_desktop.interchange.mermaid import cut
from journeymap_desktop.interchange.written import WriteResult, write_atomically
from journeymap_desktop.model.curves import EVERYONE
from journeymap_desktop.model.emotion import AS_IS, SCALE_PRESETS, EmotionScale
from journeymap_desktop.model.fields import (
    CARD_KINDS,
    CHANNELS,
    LANE_KINDS,
    MAX_CARDS,
    MAX_NAME,
    MAX_TAGS,
    MAX_TEXT,
    MAX_VOTES,
)
from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.map import JourneyMap, Lane
from journeymap_desktop.model.queries import (
    CHANNEL_LABELS,
    KIND_LABELS,
    LANE_KIND_LABELS,
    default_card_kind,
    journey_order,
)
from journeymap_desktop.model.scales import preset_scale
from journeymap_desktop.safe_text import quoted, shown
from journeymap_desktop.storage.errors import LoadError
from journeymap_desktop.storage.importers import ImportRefused, Table, open_table
from journeymap_desktop.storage.importers.cells import neutralise_cell, restore_cell
from journeymap_desktop.storage.importers.survey_layout import normalise_label
from journeymap_desktop.storage.importers.xlsx_writer import write_xlsx

BASE_COLUMNS = ("id", "stage", "lane", "lane kind", "kind", "title", "text", "persona",
                "channel", "owner", "tags", "votes", "moment of truth", "customer value",
                "business value", "effort", "colour")
_FEELING = re.compile(r"^(feeling|word)\s*:\s*(.*\S)\s*\(([^()]+)\)\s*"
                      r"(?:\[\s*(-?\d+)\s*\.\.\s*(-?\d+)\s*\])?$", re.IGNORECASE)
_TRUE = frozenset(["yes", "y", "true", "1", "x", "★", "*", "✓"])
_FALSE = frozenset(["", "no", "n", "false", "0", "-"])
_ID = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
MAX_WARNINGS = 30
Cell = str | int | float | None


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("_", " ").split())


_KIND_BY_NAME = {**{_key(k): k for k in CARD_KINDS},
                 **{_key(label): k for k, label in KIND_LABELS.items()}}
_LANE_KIND_BY_NAME = {**{_key(k): k for k in LANE_KINDS},
                      **{_key(label): k for k, label in LANE_KIND_LABELS.items()}}
_CHANNEL_BY_NAME = {**{_key(k): k for k in CHANNELS},
                    **{_key(label): k for k, label in CHANNEL_LABELS.items()}}


# ----- writing ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class _CurveColumn:
    curve_id: str
    who: str
    scenario: str
    words: bool


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _tags_cell(tags: list[str]) -> str:
    if any(";" in tag or tag != tag.strip() for tag in tags) or \
            (tags and tags[0].startswith("[")):
        return json.dumps(tags, ensure_ascii=False)
    return "; ".join(tags)


def card_rows(journey: JourneyMap) -> tuple[list[str], list[list[Cell]]]:
    """The header and the rows of a map's card spreadsheet (values not yet neutralised)."""
    persona_names = {p.id: p.name for p in journey.personas}
    curves = []
    for curve in journey.curves:
        who = EVERYONE if curve.persona_id is None else persona_names[curve.persona_id]
        words = any(card.emotions.get(curve.id) is not None and card.emotions[curve.id].word
                    for card in journey.cards)
        curves.append(_CurveColumn(curve.id, who, curve.scenario, words))
    scale = journey.scale
    header = list(BASE_COLUMNS)
    for column in curves:
        header.append(f"feeling: {column.who} ({column.scenario}) [{scale.min}..{scale.max}]")
        if column.words:
            header.append(f"word: {column.who} ({column.scenario})")
    stages = {stage.id: stage for stage in journey.stages}
    lanes = {lane.id: lane for lane in journey.lanes}
    rows: list[list[Cell]] = []
    ordered = journey_order(journey)
    if _needs_declarations(journey, ordered):
        for index in range(max(len(journey.stages), len(journey.lanes))):
            stage = journey.stages[min(index, len(journey.stages) - 1)]
            lane = journey.lanes[min(index, len(journey.lanes) - 1)]
            row: list[Cell] = [""] * len(header)
            row[1], row[2], row[3] = stage.name, lane.name, LANE_KIND_LABELS[lane.kind]
            rows.append(row)
    for card in ordered:
        lane = lanes[card.lane_id]
        priority = card.priority
        row = [card.id, stages[card.stage_id].name, lane.name, LANE_KIND_LABELS[lane.kind],
               KIND_LABELS[card.kind], card.title, card.body,
               persona_names.get(card.persona_id or "", ""),
               CHANNEL_LABELS[card.channel] if card.channel else "", card.owner,
               _tags_cell(card.tags), card.votes if card.votes else "",
               "yes" if card.moment_of_truth else "",
               _number(priority.customer_value) if priority and
               priority.customer_value is not None else "",
               _number(priority.business_value) if priority and
               priority.business_value is not None else "",
               _number(priority.effort) if priority and priority.effort is not None else "",
               card.colour or ""]
        for column in curves:
            value = card.emotions.get(column.curve_id)
            row.append(_number(value.value) if value is not None else "")
            if column.words:
                row.append(value.word if value is not None else "")
        rows.append(row)
    return header, rows


def _needs_declarations(journey: JourneyMap, ordered: list[Any]) -> bool:
    """Would the cards alone name every stage and lane, in the map's order?"""
    stage_order = list(dict.fromkeys(card.stage_id for card in ordered))
    lane_order = list(dict.fromkeys(card.lane_id for card in ordered))
    return stage_order != [s.id for s in journey.stages] or \
        lane_order != [lane.id for lane in journey.lanes]


def _safe(row: list[Cell]) -> list[Cell]:
    return [neutralise_cell(value) if isinstance(value, str) else value for value in row]


def export_cards_csv(journey: JourneyMap, path: Path, *,
                     progress: Callable[[float], bool] | None = None) -> WriteResult:
    """The card spreadsheet as CSV: UTF-8 with a byte-order mark (so Excel reads the
    accents), commas, CRLF."""
    header, rows = card_rows(journey)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(_safe(list(header)))
    for row in rows:
        writer.writerow(["" if value is None else value for value in _safe(row)])
    data = ("\ufeff" + buffer.getvalue()).encode("utf-8")

    def write(handle: BinaryIO) -> None:
        handle.write(data)

    size = write_atomically(Path(path), write)
    return WriteResult(Path(path), _described(journey, "CSV"), size)


def export_cards_xlsx(journey: JourneyMap, path: Path, *,
                      progress: Callable[[float], bool] | None = None) -> WriteResult:
    header, rows = card_rows(journey)

    def write(handle: BinaryIO) -> None:
        write_xlsx(handle, _safe(list(header)), (_safe(row) for row in rows),  # type: ignore[arg-type]
                   sheet=journey.title)

    size = write_atomically(Path(path), write)
    return WriteResult(Path(path), _described(journey, "Excel workbook"), size)


def _described(journey: JourneyMap, what: str) -> str:
    count = len(journey.cards)
    return f"card spreadsheet ({what}), {count:,} card{'' if count == 1 else 's'}"


# ----- reading ----------------------------------------------------------------------------------
def header_is_cards_layout(cells: list[str]) -> bool:
    """Is this header row the card spreadsheet's (stage and title, and lane or kind)?"""
    names = {_key(restore_cell(cell)) for cell in cells}
    return "stage" in names and "title" in names and ("lane" in names or "kind" in names)


def is_cards_table(path: Path) -> bool:
    """Does the file look like a card spreadsheet (judged by its first row)?"""
    try:
        table = open_table(path)
        first = next(iter(table.rows()), None)
    except ImportRefused:
        return False
    return first is not None and header_is_cards_layout(first[1])


@dataclass
class _Columns:
    base: dict[str, int]
    feelings: list[tuple[int, str, str]]  # (column, who, scenario)
    words: dict[tuple[str, str], int]
    scale: tuple[int, int] | None
    ignored: list[str] = field(default_factory=list)


def _columns(header: list[str]) -> _Columns:
    base: dict[str, int] = {}
    feelings: list[tuple[int, str, str]] = []
    words: dict[tuple[str, str], int] = {}
    scales: set[tuple[int, int]] = set()
    ignored = []
    known = {_key(name) for name in BASE_COLUMNS}
    aliases = {"body": "text", "notes": "text", "description": "text", "card id": "id",
               "mot": "moment of truth", "moment": "moment of truth", "color": "colour",
               "card kind": "kind", "type": "kind"}
    for index, raw in enumerate(header):
        name = restore_cell(raw).strip()
        key = aliases.get(_key(name), _key(name))
        match = _FEELING.match(name)
        if match:
            what, who, scenario = match.group(1).lower(), match.group(2).strip(), \
                match.group(3).strip()
            if what == "feeling":
                feelings.append((index, who, scenario))
                if match.group(4) is not None:
                    scales.add((int(match.group(4)), int(match.group(5))))
            else:
                words[(normalise_label(who), normalise_label(scenario))] = index
        elif key in known and key not in base:
            base[key] = index
        elif name:
            ignored.append(name)
    if len(scales) > 1:
        raise ValueError("the feeling columns name different scales ("
                         + ", ".join(f"{a}..{b}" for a, b in sorted(scales))
                         + "): a map has one scale")
    return _Columns(base, feelings, words, next(iter(scales), None), ignored)


def _scale_for(declared: tuple[int, int] | None, values: list[float]) -> EmotionScale:
    if declared is not None:
        low, high = declared
        preset = next((name for name, bounds in SCALE_PRESETS.items()
                       if bounds == (low, high)), "custom")
        return EmotionScale.model_validate({"preset": preset, "min": low, "max": high})
    if not values:
        return EmotionScale()
    lowest, highest = min(values), max(values)
    for preset in ("-2..2", "1..5", "1..7", "0..10", "1..10"):
        a, b = SCALE_PRESETS[preset]
        if a <= lowest and highest <= b:
            return preset_scale(preset)  # type: ignore[arg-type]
    raise ValueError(f"feelings from {lowest:g} to {highest:g} fit no scale: name it in the "
                     "header, e.g. \"feeling: Everyone (as-is) [0..10]\"")


class _Reader:
    """Rows of a card spreadsheet -> the map's JSON form, with notes naming the rows."""

    def __init__(self, table: Table, title: str) -> None:
        self.table = table
        self.title = title
        self.warnings: list[str] = []  # about the whole file, then `noted` by row
        self.noted: list[tuple[int, str]] = []
        self.warned = 0
        self.stages: dict[str, dict[str, Any]] = {}
        self.lanes: dict[str, dict[str, Any]] = {}
        self.personas: dict[str, dict[str, Any]] = {}
        self.cards: list[dict[str, Any]] = []
        self.card_ids: set[str] = set()
        self.orders: dict[tuple[str, str], int] = {}

    def warn(self, row: int, message: str) -> None:
        self.warned += 1
        if self.warned <= MAX_WARNINGS:
            self.noted.append((row, f"row {row:,}: {message}"))

    def read(self) -> JourneyMap:
        rows = self.table.rows()
        first = next(rows, None)
        if first is None:
            raise ValueError("the spreadsheet is empty")
        header_row, header = first
        columns = _columns(header)
        if "stage" not in columns.base or "title" not in columns.base:
            raise ValueError("this is not a card spreadsheet: it needs a \"stage\" and a "
                             "\"title\" column")
        if columns.ignored:
            self.warnings.append(f"row {header_row:,}: columns left out (not part of the "
                                 f"card layout): "
                                 + ", ".join(shown(name, 40) for name in columns.ignored[:8])
                                 + (f" and {len(columns.ignored) - 8} more"
                                    if len(columns.ignored) > 8 else ""))
        raw_values: list[tuple[int, int, dict[str, Any], str]] = []
        for number, cells in rows:
            self.row(number, [restore_cell(cell) for cell in cells], columns, raw_values)
            if len(self.cards) > MAX_CARDS:
                raise ValueError(f"row {number:,}: more than {MAX_CARDS:,} cards")
        scale = _scale_for(columns.scale, [v for _, _, _, text in raw_values
                                           if (v := _float(text)) is not None])
        curves = self.curves(columns)
        for number, column, card, text in raw_values:
            value = _float(text)
            curve = curves[column]
            if value is None:
                self.warn(number, f"feeling {quoted(text, 30)} is not a number; left out")
            elif not scale.min <= value <= scale.max:
                self.warn(number, f"feeling {value:g} is outside the {scale.min}..{scale.max} "
                                  "scale; left out")
            else:
                word = ""
                word_column = columns.words.get(curve[1])
                if word_column is not None:
                    word = cut(card.pop(f"_word{word_column}", ""))
                card["emotions"][curve[0]] = {"value": value, "word": word}
        for card in self.cards:
            for key in [k for k in card if k.startswith("_word")]:
                del card[key]
        self.warnings += [message for _, message in sorted(self.noted,
                                                           key=lambda item: item[0])]
        if self.warned > MAX_WARNINGS:
            self.warnings.append(f"{self.warned - MAX_WARNINGS:,} more rows with notes like "
                                 "the above")
        data = {"title": cut(self.title.strip() or "Cards"), "scale": scale.model_dump(),
                "personas": list(self.personas.values()),
                "curves": [{"id": curve_id, "persona_id": persona_id, "scenario": scenario}
                           for curve_id, persona_id, scenario in self.curve_list],
                "stages": list(self.stages.values()), "lanes": list(self.lanes.values()),
                "cards": self.cards}
        return JourneyMap.model_validate_json(json.dumps(data))

    def curves(self, columns: _Columns) -> dict[int, tuple[str, tuple[str, str]]]:
        """Each feeling column's curve id (and its word key); the curves, in column order."""
        self.curve_list: list[tuple[str, str | None, str]] = []
        made: dict[tuple[str | None, str], str] = {}
        result = {}
        for index, who, scenario in columns.feelings:
            persona_id = None if normalise_label(who) == normalise_label(EVERYONE) else \
                self.persona(who)
            scenario_name = AS_IS if normalise_label(scenario) in ("as-is", "as is", "asis") \
                else ("to-be" if normalise_label(scenario) in ("to-be", "to be", "tobe")
                      else cut(scenario, 60))
            pair = (persona_id, scenario_name)
            if pair not in made:
                curve_id = "everyone-as-is" if pair == (None, AS_IS) else new_id("curve")
                made[pair] = curve_id
                self.curve_list.append((curve_id, persona_id, scenario_name))
            result[index] = (made[pair], (normalise_label(who), normalise_label(scenario)))
        return result

    def persona(self, name: str) -> str:
        key = normalise_label(name)
        if key not in self.personas:
            self.personas[key] = {"id": new_id("persona"), "name": cut(name.strip())}
        return str(self.personas[key]["id"])

    def stage(self, name: str) -> str:
        key = normalise_label(name)
        if key not in self.stages:
            self.stages[key] = {"id": new_id("stage"), "name": cut(name.strip())}
        return str(self.stages[key]["id"])

    def lane(self, name: str, kind_text: str, number: int) -> dict[str, Any]:
        key = normalise_label(name)
        if key not in self.lanes:
            kind = _LANE_KIND_BY_NAME.get(_key(kind_text)) if kind_text.strip() else None
            if kind is None:
                if kind_text.strip():
                    self.warn(number, f"lane kind {quoted(kind_text, 40)} is unknown; a notes "
                                      "lane")
                kind = _LANE_KIND_BY_NAME.get(_key(name), "notes")
            self.lanes[key] = {"id": new_id("lane"), "name": cut(name.strip()), "kind": kind}
        return self.lanes[key]

    def row(self, number: int, cells: list[str], columns: _Columns,
            raw_values: list[tuple[int, int, dict[str, Any], str]]) -> None:
        def get(name: str) -> str:
            index = columns.base.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        stage_name, lane_name = get("stage").strip(), get("lane").strip()
        kind_text, title, body = get("kind").strip(), get("title"), get("text")
        if not any(cell.strip() for cell in cells):
            return
        if not stage_name:
            self.warn(number, "no stage; row left out")
            return
        stage_id = self.stage(stage_name)
        lane = self.lane(lane_name or "Touchpoints", get("lane kind"), number)
        if not kind_text and not title.strip() and not body.strip():
            return  # a row that only names a stage and a lane
        kind = _KIND_BY_NAME.get(_key(kind_text)) if kind_text else None
        if kind is None:
            if kind_text:
                self.warn(number, f"kind {quoted(kind_text, 40)} is unknown; the lane's "
                                  "usual kind")
            kind = default_card_kind(Lane(id="lane", name="lane", kind=lane["kind"]))
        card_id = get("id").strip()
        if not _ID.match(card_id) or card_id in self.card_ids:
            if card_id:
                self.warn(number, f"id {quoted(card_id, 40)} is "
                                  f"{'taken' if card_id in self.card_ids else 'not usable'}; "
                                  "a new one")
            card_id = new_id("card")
        self.card_ids.add(card_id)
        cell = (stage_id, lane["id"])
        order = self.orders[cell] = self.orders.get(cell, -1) + 1
        card: dict[str, Any] = {
            "id": card_id, "stage_id": stage_id, "lane_id": lane["id"], "order": order,
            "kind": kind, "title": self.text(number, "title", title, MAX_NAME),
            "body": self.text(number, "text", body, MAX_TEXT),
            "owner": self.text(number, "owner", get("owner"), MAX_NAME),
            "tags": self.tags(number, get("tags")), "votes": self.votes(number, get("votes")),
            "moment_of_truth": self.flag(number, get("moment of truth")),
            "emotions": {}}
        persona = get("persona").strip()
        if persona:
            card["persona_id"] = self.persona(persona)
        channel = get("channel").strip()
        if channel:
            found = _CHANNEL_BY_NAME.get(_key(channel))
            if found is None:
                self.warn(number, f"channel {quoted(channel, 40)} is unknown; left out")
            card["channel"] = found
        colour = get("colour").strip()
        if colour:
            if re.fullmatch(r"#[0-9A-Fa-f]{6}", colour):
                card["colour"] = colour
            else:
                self.warn(number, f"colour {quoted(colour, 20)} is not #RRGGBB; left out")
        priority = self.priority(number, get("customer value"), get("business value"),
                                 get("effort"))
        if priority is not None:
            card["priority"] = priority
        for index, _, _ in columns.feelings:
            text = cells[index].strip() if index < len(cells) else ""
            if text:
                raw_values.append((number, index, card, text))
        for word_index in columns.words.values():
            if word_index < len(cells) and cells[word_index].strip():
                card[f"_word{word_index}"] = cells[word_index]
        self.cards.append(card)

    def text(self, number: int, what: str, value: str, limit: int) -> str:
        if len(value) > limit:
            self.warn(number, f"the {what} has {len(value):,} characters; cut to {limit:,}")
            return cut(value, limit)
        return value

    def tags(self, number: int, text: str) -> list[str]:
        text = text.strip()
        if not text:
            return []
        tags: list[str] | None = None
        if text.startswith("["):
            try:
                decoded = json.loads(text)
            except ValueError:
                decoded = None
            if isinstance(decoded, list) and all(isinstance(t, str) for t in decoded):
                tags = decoded
        if tags is None:
            tags = [tag.strip() for tag in text.split(";")]
        kept = list(dict.fromkeys(cut(tag, 60) for tag in tags if tag.strip()))
        if len(kept) > MAX_TAGS:
            self.warn(number, f"{len(kept)} tags; the first {MAX_TAGS} kept")
            kept = kept[:MAX_TAGS]
        return kept

    def votes(self, number: int, text: str) -> int:
        count = _float(text)
        if not text.strip():
            return 0
        if count is None or count < 0 or count != int(count):
            self.warn(number, f"votes {quoted(text, 20)} is not a whole number; 0")
            return 0
        return min(int(count), MAX_VOTES)

    def flag(self, number: int, text: str) -> bool:
        key = text.strip().casefold()
        if key in _TRUE:
            return True
        if key not in _FALSE:
            self.warn(number, f"moment of truth {quoted(text, 20)}: write yes or leave it "
                              "empty; read as no")
        return False

    def priority(self, number: int, customer: str, business: str,
                 effort: str) -> dict[str, Any] | None:
        if not (customer.strip() or business.strip() or effort.strip()):
            return None
        result: dict[str, Any] = {}
        for name, text, high in (("customer_value", customer, 100),
                                 ("business_value", business, 100), ("effort", effort, 5)):
            if not text.strip():
                continue
            value = _float(text.rstrip("% "))
            if value is None or not 0 <= value <= high or value != int(value):
                self.warn(number, f"{name.replace('_', ' ')} {quoted(text, 20)} is not a "
                                  f"whole number from 0 to {high}; left out")
                continue
            result[name] = int(value)
        return result or None


def _float(text: str) -> float | None:
    text = text.strip().replace("\u2212", "-")
    if not text:
        return None
    try:
        value = float(text.replace(",", ".")) if text.count(",") == 1 and "." not in text \
            else float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) < 1e15 else None


def read_cards_table(path: Path, *, table: Table | None = None) -> ReadResult:
    """A card spreadsheet (CSV or XLSX) as a new map; LoadError (one line) when it cannot be
    read as one."""
    path = Path(path)
    try:
        table = table or open_table(path)
        reader = _Reader(table, path.stem)
        journey = reader.read()
    except ImportRefused as error:
        raise LoadError(str(path), [error.reason if error.place is None
                                    else f"row {error.place:,}: {error.reason}"]) from None
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first.get("loc", ()))
        raise LoadError(str(path), [f"{where}: {first.get('msg', 'not valid')}"]) from None
    except ValueError as error:
        raise LoadError(str(path), [str(error).splitlines()[0]]) from None
    return ReadResult(journey, (*(str(w) for w in table.warnings), *reader.warnings))


__all__ = ["BASE_COLUMNS", "card_rows", "export_cards_csv", "export_cards_xlsx",
           "header_is_cards_layout", "is_cards_table", "read_cards_table"]
