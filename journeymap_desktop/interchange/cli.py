"""`journeymap import FILE -o MAP.journeymap [--into MAP.journeymap] [survey options]`.

FILE is a Mermaid journey (.mmd, .mermaid), a card spreadsheet or a survey export (.csv,
.tsv, .xlsx). A survey export with no options imports with the proposed mapping, and the
mapping is printed first, so `journeymap import export.csv -o map.journeymap` just works;
the options change what was proposed (columns are named by number, from 1, or by their
header text or id). `--into` adds a survey's evidence to an existing map, updating the cards
an earlier import of the same survey made. `--preview` prints what would change and writes
nothing.

Every line that comes from the file is printed through `safe_text` (one line, escaped). The
output is written atomically: a refused import writes nothing and leaves the output as it was.
This module imports nothing heavy until the command runs (`journeymap --help` stays light).
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from journeymap_desktop.formats import FORMATS
from journeymap_desktop.safe_text import file_path, one_line, shown

if TYPE_CHECKING:
    from journeymap_desktop.model.map import JourneyMap
    from journeymap_desktop.storage.importers import SurveyInspection, SurveyMapping

EXIT_OK = 0
EXIT_FAILED = 1
MAX_NOTES = 40  # notes printed; the rest are counted


class UsageError(ValueError):
    """An option that does not fit the file (one line)."""


def _import_suffixes() -> str:
    return ", ".join(s for f in FORMATS.readable() if f.role == "import" for s in f.suffixes)


def add_import_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "import", help="make a map from a Mermaid journey, a card spreadsheet or a survey "
                       "export (or add a survey to a map)",
        description="Import another tool's file as a journey map. A Mermaid journey's "
                    "sections become stages, its tasks touchpoint cards, its actors personas "
                    "and its scores the as-is curves on a 1-5 scale. A card spreadsheet "
                    "(docs/card-spreadsheet.md) becomes its map. A survey export (Qualtrics, "
                    "SurveyMonkey, Typeform, Google Forms or a plain table) sets each "
                    "touchpoint's value from the answers, with their distribution as "
                    "evidence and free-text answers as quotes; with no options it uses the "
                    "mapping it proposes, and prints it.")
    parser.add_argument("file", metavar="FILE",
                        help=f"the file to import ({_import_suffixes()})")
    parser.add_argument("-o", "--output", required=True, metavar="MAP",
                        help=f"the map to write ({FORMATS.native.suffix} is added if missing)")
    parser.add_argument("--into", metavar="MAP",
                        help="add a survey's evidence to this map (the same cards are "
                             "updated by a newer export)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing output")
    parser.add_argument("--preview", action="store_true",
                        help="print the mapping and what would change; write nothing")
    survey = parser.add_argument_group(
        "survey exports", "columns are named by number (from 1) or by header text or id")
    survey.add_argument("--scale", metavar="LOW-HIGH",
                        help="the answers' scale, e.g. 1-5, 1-7, 0-10 (default: as proposed)")
    survey.add_argument("--reverse", action="append", default=[], metavar="COLUMN",
                        help="a score column where 1 is the best answer (repeatable; 'all')")
    survey.add_argument("--rate", action="append", default=[], metavar="COLUMN=STAGE",
                        help="a score column and the stage (STAGE: TOUCHPOINT) it rates; "
                             "repeatable, replaces the proposed ones")
    survey.add_argument("--stage", metavar="COLUMN",
                        help="one answer per row: the column naming the stage (with --score)")
    survey.add_argument("--touchpoint", metavar="COLUMN",
                        help="one answer per row: the column naming the touchpoint")
    survey.add_argument("--score", metavar="COLUMN",
                        help="one answer per row: the column holding the score")
    survey.add_argument("--persona", metavar="COLUMN", help="the column naming the persona")
    survey.add_argument("--no-persona", action="store_true",
                        help="count every answer for everyone")
    survey.add_argument("--quote", action="append", default=[], metavar="COLUMN[=STAGE]",
                        help="a free-text column whose answers become quotes (on the cards of "
                             "STAGE); repeatable, replaces the proposed ones")
    survey.add_argument("--no-quotes", action="store_true", help="import no quotes")
    survey.add_argument("--quotes-per-card", type=int, default=None, metavar="N",
                        help="at most N quotes per card (default 3)")
    survey.add_argument("--value", choices=("mean", "median"), default="mean",
                        help="what sets a touchpoint's value: the answers' mean (default) or "
                             "median")
    return parser


def _fail(message: str) -> int:
    print(f"journeymap: {one_line(message)}", file=sys.stderr)
    return EXIT_FAILED


def _say(source: Path, lines: list[str] | tuple[str, ...], stream: TextIO | None = None) -> None:
    """Lines about the file, one each, escaped; the first MAX_NOTES, then a count."""
    out = stream if stream is not None else sys.stdout
    for line in lines[:MAX_NOTES]:
        print(f"{file_path(source)}: {one_line(line)}", file=out)
    if len(lines) > MAX_NOTES:
        print(f"{file_path(source)}: {len(lines) - MAX_NOTES:,} more notes", file=out)


_SURVEY_OPTIONS = ("scale", "rate", "stage", "touchpoint", "score", "persona", "quote",
                   "reverse")
_SURVEY_FLAGS = ("no_persona", "no_quotes")


def _survey_options_given(args: argparse.Namespace) -> list[str]:
    given = [f"--{name}" for name in _SURVEY_OPTIONS if getattr(args, name)]
    given += [f"--{name.replace('_', '-')}" for name in _SURVEY_FLAGS if getattr(args, name)]
    if args.quotes_per_card is not None:
        given.append("--quotes-per-card")
    if args.value != "mean":
        given.append("--value")
    return given


def cmd_import(args: argparse.Namespace) -> int:
    from journeymap_desktop.storage import LoadError

    source = Path(args.file)
    out = FORMATS.native.with_suffix(Path(args.output))
    into = Path(args.into) if args.into else None
    fmt = FORMATS.for_opening(source)
    if fmt is None or fmt.role != "import":
        return _fail(f"{file_path(source)}: journeymap import reads {_import_suffixes()} "
                     "files" + (" (a .journeymap is a map already: open or export it)"
                                if fmt is not None else ""))
    overwriting = into is not None and _same(out, into)
    if out.exists() and not args.force and not overwriting and not args.preview:
        return _fail(f"{file_path(out)} exists already (use --force to overwrite it)")
    try:
        if fmt.key == "mermaid":
            journey = _import_mermaid(source, args)
        else:
            journey = _import_table(source, args, into)
    except (LoadError, UsageError) as error:
        return _fail(str(error))
    if journey is None:  # --preview
        return EXIT_OK
    return _save(journey, out, keep_backup=out.exists())


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _refuse_options(args: argparse.Namespace, what: str) -> None:
    given = _survey_options_given(args)
    if args.into:
        given.insert(0, "--into")
    if given:
        raise UsageError(f"{', '.join(given)} appl{'ies' if len(given) == 1 else 'y'} to "
                         f"survey exports; {what}")


def _import_mermaid(source: Path, args: argparse.Namespace) -> JourneyMap | None:
    from journeymap_desktop.interchange.mermaid import read_mermaid_map

    _refuse_options(args, "a Mermaid journey imports as a new map")
    result = read_mermaid_map(source)
    _say(source, result.warnings, sys.stderr)
    journey = result.map
    print(f"{file_path(source)}: Mermaid journey: {len(journey.stages)} sections -> stages, "
          f"{len(journey.cards)} tasks -> touchpoint cards, {len(journey.personas)} actors "
          "-> personas, scores -> the as-is curves on 1-5")
    return None if args.preview else journey


def _import_table(source: Path, args: argparse.Namespace,
                  into: Path | None) -> JourneyMap | None:
    from journeymap_desktop.interchange.cards_table import read_cards_table
    from journeymap_desktop.interchange.tables import is_cards_layout, open_checked

    table = open_checked(source)
    if is_cards_layout(table):
        _refuse_options(args, "a card spreadsheet imports as a new map")
        result = read_cards_table(source, table=table)
        _say(source, result.warnings, sys.stderr)
        print(f"{file_path(source)}: card spreadsheet: {len(result.map.stages)} stages, "
              f"{len(result.map.lanes)} lanes, {len(result.map.cards)} cards")
        return None if args.preview else result.map
    return _import_survey(source, args, into, table)


def _import_survey(source: Path, args: argparse.Namespace, into: Path | None,
                   table: object) -> JourneyMap | None:
    from journeymap_desktop.interchange.survey import (
        DEFAULT_QUOTES_PER_CARD,
        SurveyOptions,
        describe_mapping,
        propose,
    )
    from journeymap_desktop.interchange.tables import import_survey, inspect, survey_notes
    from journeymap_desktop.storage import load_map

    base = load_map(into) if into is not None else None
    inspection = inspect(source, table)  # type: ignore[arg-type]
    proposal = propose(inspection, base)
    given = _survey_options_given(args)
    mapping = _mapping_from_args(inspection, proposal.mapping, args)
    if mapping is None:
        for line in proposal.explanation:
            print(f"{file_path(source)}: {one_line(line)}")
        raise UsageError(f"{file_path(source)}: name the columns to import: --rate "
                         "COLUMN=STAGE (one column per stage), or --stage, --score (one "
                         "answer per row)")
    lines = proposal.explanation if not given or mapping == proposal.mapping else \
        describe_mapping(inspection, mapping)
    print(f"{file_path(source)}: mapping {'proposed' if not given else 'used'}:")
    for line in lines:
        print(f"  {one_line(line)}")
    per_card = DEFAULT_QUOTES_PER_CARD if args.quotes_per_card is None else \
        max(0, args.quotes_per_card)
    options = SurveyOptions(value=args.value, quotes_per_card=per_card)
    outcome, evidence = import_survey(source, inspection, mapping, base, options)
    evidence_warnings = [str(w) for w in evidence.warnings]
    _say(source, survey_notes(outcome, evidence_warnings, options), sys.stderr)
    print(f"{file_path(source)}: {outcome.summary()}")
    if args.preview:
        _preview(outcome.map, base)
        return None
    return outcome.map


def _preview(journey: JourneyMap, base: JourneyMap | None) -> None:
    from journeymap_desktop.model.curves import curve_name

    old = {card.id: card for card in base.cards} if base is not None else {}
    stages = {stage.id: stage.name for stage in journey.stages}
    curves = {curve.id: curve_name(journey, curve) for curve in journey.curves}
    for card in journey.cards:
        if old.get(card.id) == card:
            continue
        values = ", ".join(
            f"{curves[curve_id]} {value.value:g}"
            + (f" (n {value.evidence.n:,}, median {value.evidence.median:g})"
               if value.evidence else "")
            for curve_id, value in card.emotions.items())
        state = "new" if card.id not in old else "updated"
        print(f"  {state}: {shown(stages[card.stage_id], 40)} / {shown(card.title, 60)}: "
              f"{values or 'no value'}; {len(card.evidence)} evidence")


def _save(journey: JourneyMap, out: Path, *, keep_backup: bool) -> int:
    from journeymap_desktop.storage import SaveError, save_map

    try:
        save_map(journey, out, keep_backup=keep_backup)
    except SaveError as error:
        return _fail(str(error))
    print(f"wrote {file_path(out)} ({len(journey.stages)} stages, {len(journey.cards)} cards)")
    return EXIT_OK


# ----- survey options -> a mapping -------------------------------------------------------------
def resolve_column(inspection: SurveyInspection, text: str) -> int:
    """A column named by number (from 1), by its header text, id or matrix row; UsageError
    naming the choices when it is none or several."""
    from journeymap_desktop.storage.importers.survey_layout import normalise_label

    columns = inspection.columns
    wanted = text.strip()
    if wanted.isdigit():
        index = int(wanted) - 1
        if 0 <= index < len(columns):
            return index
        raise UsageError(f"column {wanted}: the export has columns 1 to {len(columns)}")
    key = normalise_label(wanted)
    if inspection.kind == "qualtrics":  # the ids of its first header row: Q5, Q2_1, ...
        ids = next(iter(inspection.table.rows()), (0, []))[1]
        found = [i for i, cell in enumerate(ids) if normalise_label(cell) == key]
        if len(found) == 1 and found[0] < len(columns):
            return found[0]
    for attribute in ("label", "key", "item", "question"):
        found = [c.index for c in columns
                 if normalise_label(str(getattr(c, attribute) or "")) == key]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise UsageError(f"{shown(wanted, 60)} names {len(found)} columns ("
                             + ", ".join(str(i + 1) for i in found[:8])
                             + "): name one by its number")
    raise UsageError(f"no column {shown(wanted, 60)} in the export (columns are named by "
                     "number, from 1, or by their header text)")


def _scale(text: str) -> tuple[float, float]:
    match = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*(?:-|\.\.|to)\s*(-?\d+(?:\.\d+)?)\s*", text)
    if not match or float(match.group(1)) >= float(match.group(2)):
        raise UsageError(f"--scale {shown(text, 30)}: write the lowest and highest answer, "
                         "e.g. 1-5 or 0-10")
    return float(match.group(1)), float(match.group(2))


def _mapping_from_args(inspection: SurveyInspection, proposed: SurveyMapping | None,
                       args: argparse.Namespace) -> SurveyMapping | None:
    from journeymap_desktop.storage.importers import (
        LongScores,
        QuoteColumn,
        Scale,
        ScoreColumn,
        SurveyMapping,
    )
    from journeymap_desktop.storage.importers.survey_mapping import scale_for

    scores = list(proposed.scores) if proposed is not None else []
    long = proposed.long if proposed is not None else None
    if args.rate:
        scores, long = [], None
        for item in args.rate:
            column, _, where = item.partition("=")
            stage, _, touchpoint = where.partition(":")
            if not stage.strip():
                raise UsageError(f"--rate {shown(item, 60)}: write COLUMN=STAGE")
            scores.append(ScoreColumn(resolve_column(inspection, column), stage.strip(),
                                      touchpoint.strip()))
    if args.stage or args.score or args.touchpoint:
        if not (args.stage and args.score):
            raise UsageError("one answer per row needs both --stage and --score")
        if args.rate:
            raise UsageError("--rate (a column per stage) and --stage/--score (one answer "
                             "per row) are two layouts: use one")
        scores = []
        long = LongScores(resolve_column(inspection, args.score),
                          resolve_column(inspection, args.stage),
                          resolve_column(inspection, args.touchpoint)
                          if args.touchpoint else None)
    if not scores and long is None:
        return None
    used = [s.column for s in scores] + ([long.score] if long is not None else [])
    if args.scale:
        low, high = _scale(args.scale)
        labels: tuple[str, ...] = ()
        if proposed is not None and (proposed.scale.low, proposed.scale.high) == (low, high):
            labels = proposed.scale.labels
        scale = Scale(low, high, labels)
    elif proposed is not None and not args.rate and not args.stage:
        scale = proposed.scale
    else:
        found = scale_for(inspection, used)
        if found is None:
            raise UsageError("cannot tell the answers' scale from these columns: give --scale "
                             "LOW-HIGH")
        scale = found
    reversed_columns = set()
    for item in args.reverse:
        if item.strip().lower() == "all":
            reversed_columns |= set(used)
        else:
            column = resolve_column(inspection, item)
            if column not in used:
                raise UsageError(f"--reverse {shown(item, 60)}: not a score column of this "
                                 "import")
            reversed_columns.add(column)
    scores = [ScoreColumn(s.column, s.stage, s.touchpoint, s.column in reversed_columns
                          or (s.reverse and not args.reverse)) for s in scores]
    if long is not None:
        long = LongScores(long.score, long.stage, long.touchpoint,
                          long.score in reversed_columns or (long.reverse and not args.reverse))
    persona = proposed.persona if proposed is not None else None
    if args.no_persona:
        persona = None
    elif args.persona:
        persona = resolve_column(inspection, args.persona)
    quotes = list(proposed.quotes) if proposed is not None else []
    if args.no_quotes:
        quotes = []
    elif args.quote:
        quotes = []
        for item in args.quote:
            column, _, stage = item.partition("=")
            quotes.append(QuoteColumn(resolve_column(inspection, column),
                                      stage.strip() or None))
    return SurveyMapping(scale, tuple(scores), long, persona, tuple(quotes))


__all__ = ["add_import_parser", "cmd_import", "resolve_column"]
