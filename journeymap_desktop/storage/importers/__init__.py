"""Reading (and writing) other tools' files: Mermaid journeys, CSV/XLSX tables, survey exports.

Design note
===========
Pure Python, standard library only, and independent of the map's model (tests/
test_architecture.py keeps it so): every engine here reads into, or writes from, small neutral
dataclasses. Wiring them to the model, the CLI and an import wizard is a thin mapping layer
on top, written once the model's format version 2 (curves per persona and scenario on any
scale, evidence distributions, quotes) has landed.

Failure has two shapes, both safe to show: `ImportRefused` (raised; `str()` is one line,
"file: row N: reason", never a traceback) when a file cannot be imported at all, and
`Diagnostic`s (kept in results; `str()` is "line N: warning: ..." or "row N: ...") for what
was read with a caveat. File text in messages goes through `errors.shown()`: quoted, control
and bidi characters escaped, cut at 60 characters.

Mermaid (`mermaid_reader`, `mermaid_writer`, `journey`)
-------------------------------------------------------
`read_mermaid_file(path)` / `read_mermaid_bytes(raw)` / `read_mermaid(text)` ->
`MermaidReadResult(journey, diagnostics, encoding)`; other diagram types (flowchart, gantt,
...) raise ImportRefused naming the type. `Journey(title, acc_title, acc_descr, sections,
extra, comments, directives, front_matter)`; `JourneySection(name, tasks, extra, line)`;
`JourneyTask(name, score, actors, extra, line)`; `score` is None when the file gives none.
`result.errors` are lines Mermaid itself refuses to draw (each read leniently here),
`result.warnings` lines Mermaid draws differently from what they say (a score that is not a
number, out of 1-5 or fractional; an empty actor; text after a third colon; a task name with
a colon). `write_mermaid(journey)` -> text Mermaid 11 draws, reading back equal (`extra`
objects included) through `%% journeymap ...` comment lines; `fits_mermaid(text)` says
whether Mermaid's 50,000-character limit (comment lines excluded) holds.

Mapping onto the map (the later engineer):
- import: title -> the map's title, acc_descr -> its description; each section -> a stage, in
  order (the unnamed section of tasks written before any `section` -> a stage "Unsorted");
  each task -> a touchpoint card in that stage, titled with the task's name, in order;
  actors -> personas (one per distinct name, `journey.actors()`); the score -> the as-is
  curve on the 1-5 preset scale: the value of each actor's as-is curve at that card (a task
  with no actors -> the everyone curve); None -> no value; a fractional or out-of-range score
  (reported) rounded and clamped to the scale. Print every diagnostic as "FILE:" + str(d);
  `task.line` lets the wizard point at the line.
- export: stages -> sections, touchpoint cards -> tasks (name = title), personas with a value
  -> actors, the as-is value moved onto 1-5 -> score (`mermaid_syntax.mermaid_score` rounds);
  everything Mermaid cannot hold goes into `extra` (the card's id, lane, kind, text, tags,
  other curves' values, evidence on the task; cards that are no touchpoints on the section;
  lanes, personas, curves and scale on the journey). Reading the text back, the same `extra`
  comes back, so map -> .mmd -> map is lossless if the mapping stores all of it.

Tables (`tables`, `csv_reader`, `xlsx_reader`, `cells`)
-------------------------------------------------------
`open_table(path)` -> a `Table` whose `rows()` yield `(row_number, cells)`, cells as text,
rows numbered as a spreadsheet shows them. CSV: encoding sniffed (UTF-8 with or without BOM,
UTF-16 LE/BE with BOM, a Windows-1252 / Latin-1 fallback with a warning), delimiter sniffed
among `,` `;` tab `|` (Excel's `sep=` honoured), a file cut short inside a quoted cell warned
on its row. XLSX: a streaming reader of its own (openpyxl is only a test dependency) that
refuses DTDs, stops inflation at a byte limit (zip bombs) and reads canonical rows fast.
Limits (one-line refusals naming the row): 100 MB per file (`MAX_TABLE_BYTES`), 5,000 columns
(`MAX_COLUMNS`), 131,072 characters per cell. For writing CSV/XLSX cells, `neutralise_cell`
stops spreadsheets running `=`, `+`, `-`, `@`, tab, CR cells as formulas; `restore_cell`
undoes it on reading, so the card-layout round trip stays exact.

Surveys (`survey_layout`, `survey_mapping`, `survey_evidence`)
--------------------------------------------------------------
`inspect_survey(path)` -> `SurveyInspection`: which tool (Qualtrics: 3 header rows with
ImportIds; SurveyMonkey: 2 header rows with blank continuation cells; Typeform: 1 header
row; plain), its `SurveyColumn`s (label, question, matrix row `item`, stable `key`, group,
metadata, free text) and a `ColumnProfile` of each column's sampled answers (for a wizard's
preview). `propose_mapping(inspection, known_stages)` -> `MappingProposal(mapping,
explanation)`: the rated matrix whose rows name stages ("Stage: touchpoint" rows split), the
scale (numbers, or named levels such as "Very unhappy" ... "Very happy"), a persona column,
free-text columns as quotes; `explanation` is what the CLI prints. A wizard builds its own
`SurveyMapping(scale, scores=(ScoreColumn(column, stage, touchpoint, reverse), ...) | long=
LongScores(score, stage, touchpoint, reverse), persona, quotes)` from the user's choices.
`aggregate_survey(inspection, mapping)` -> `SurveyEvidence`: `cards` (`CardEvidence` with a
deterministic `key` from stage + touchpoint, `everyone` and `by_persona` `Distribution`s of
n, mean, median, q1, q3, low, high, counts, and `quotes`), `stages`, `personas`, unplaced
`quotes`, rows counted and left out, row-numbered warnings.

Mapping onto the map: find each card by its survey key (store `key` on the card when it is
made), else make a touchpoint card titled with the touchpoint (or the stage) in that stage
(found by name, else added); set the as-is value (everyone's median or mean, the map's
choice) and its evidence distribution, moved onto the map's scale with
`Distribution.rescaled(evidence.scale, map_scale)`; per persona the same on that persona's
curve; each quote as quote evidence keyed by `quote.key` (so a newer export updates, never
duplicates). Aggregate first, then change the map in one undoable batch: a refusal or a crash
can then never leave a half-imported map.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from journeymap_desktop.storage.importers.cells import neutralise_cell, restore_cell
    from journeymap_desktop.storage.importers.errors import Diagnostic, ImportRefused, shown
    from journeymap_desktop.storage.importers.journey import (
        Journey,
        JourneyComment,
        JourneySection,
        JourneyTask,
        MermaidReadResult,
    )
    from journeymap_desktop.storage.importers.mermaid_reader import (
        read_mermaid,
        read_mermaid_bytes,
        read_mermaid_file,
    )
    from journeymap_desktop.storage.importers.mermaid_writer import fits_mermaid, write_mermaid
    from journeymap_desktop.storage.importers.survey_evidence import (
        CardEvidence,
        Distribution,
        Quote,
        SurveyEvidence,
        aggregate_survey,
        card_key,
    )
    from journeymap_desktop.storage.importers.survey_layout import (
        SurveyColumn,
        SurveyInspection,
        inspect_survey,
    )
    from journeymap_desktop.storage.importers.survey_mapping import (
        LongScores,
        MappingProposal,
        QuoteColumn,
        Scale,
        ScoreColumn,
        SurveyMapping,
        propose_mapping,
    )
    from journeymap_desktop.storage.importers.tables import (
        MAX_COLUMNS,
        MAX_TABLE_BYTES,
        Table,
        open_table,
    )

# The names above, each loaded from its module when first asked for: a Mermaid import need not
# load the XLSX reader and the survey engines (the command line's start-up counts).
_WHERE: dict[str, str] = {
    "CardEvidence": "survey_evidence",
    "Diagnostic": "errors",
    "Distribution": "survey_evidence",
    "ImportRefused": "errors",
    "Journey": "journey",
    "JourneyComment": "journey",
    "JourneySection": "journey",
    "JourneyTask": "journey",
    "LongScores": "survey_mapping",
    "MAX_COLUMNS": "tables",
    "MAX_TABLE_BYTES": "tables",
    "MappingProposal": "survey_mapping",
    "MermaidReadResult": "journey",
    "Quote": "survey_evidence",
    "QuoteColumn": "survey_mapping",
    "Scale": "survey_mapping",
    "ScoreColumn": "survey_mapping",
    "SurveyColumn": "survey_layout",
    "SurveyEvidence": "survey_evidence",
    "SurveyInspection": "survey_layout",
    "SurveyMapping": "survey_mapping",
    "Table": "tables",
    "aggregate_survey": "survey_evidence",
    "card_key": "survey_evidence",
    "fits_mermaid": "mermaid_writer",
    "inspect_survey": "survey_layout",
    "neutralise_cell": "cells",
    "open_table": "tables",
    "propose_mapping": "survey_mapping",
    "read_mermaid": "mermaid_reader",
    "read_mermaid_bytes": "mermaid_reader",
    "read_mermaid_file": "mermaid_reader",
    "restore_cell": "cells",
    "shown": "errors",
    "write_mermaid": "mermaid_writer",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "MAX_COLUMNS",
    "MAX_TABLE_BYTES",
    "CardEvidence",
    "Diagnostic",
    "Distribution",
    "ImportRefused",
    "Journey",
    "JourneyComment",
    "JourneySection",
    "JourneyTask",
    "LongScores",
    "MappingProposal",
    "MermaidReadResult",
    "Quote",
    "QuoteColumn",
    "Scale",
    "ScoreColumn",
    "SurveyColumn",
    "SurveyEvidence",
    "SurveyInspection",
    "SurveyMapping",
    "Table",
    "aggregate_survey",
    "card_key",
    "fits_mermaid",
    "inspect_survey",
    "neutralise_cell",
    "open_table",
    "propose_mapping",
    "read_mermaid",
    "read_mermaid_bytes",
    "read_mermaid_file",
    "restore_cell",
    "shown",
    "write_mermaid",
]
