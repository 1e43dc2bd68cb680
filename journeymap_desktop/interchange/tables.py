"""The registry's reader for .csv/.tsv/.xlsx files: a card spreadsheet (our own layout, judged
by its header) becomes its map; anything else is read as a survey export with the proposed
mapping (the import wizard lets the user choose another first)."""

from __future__ import annotations

from pathlib import Path

from journeymap_desktop.formats import ReadResult
from journeymap_desktop.interchange.cards_table import header_is_cards_layout, read_cards_table
from journeymap_desktop.interchange.survey import (
    MergeOutcome,
    SurveyOptions,
    card_questions,
    merge_survey,
    propose,
)
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.safe_text import shown
from journeymap_desktop.storage.errors import LoadError
from journeymap_desktop.storage.importers import (
    ImportRefused,
    SurveyEvidence,
    SurveyInspection,
    SurveyMapping,
    Table,
    aggregate_survey,
    inspect_survey,
    open_table,
)
from journeymap_desktop.storage.importers.survey_layout import inspect_table


def refused(path: Path, error: ImportRefused) -> LoadError:
    reason = error.reason if error.place is None else f"{error.unit} {error.place:,}: " \
                                                      f"{error.reason}"
    return LoadError(str(path), [reason])


def open_checked(path: Path) -> Table:
    try:
        return open_table(path)
    except ImportRefused as error:
        raise refused(path, error) from None


def first_row(table: Table) -> list[str]:
    try:
        return next(iter(table.rows()), (0, []))[1]
    except ImportRefused as error:
        raise refused(Path(table.source), error) from None


def is_cards_layout(table: Table) -> bool:
    return header_is_cards_layout(first_row(table))


def inspect(path: Path, table: Table | None = None) -> SurveyInspection:
    try:
        return inspect_table(table) if table is not None else inspect_survey(path)
    except ImportRefused as error:
        raise refused(path, error) from None


def aggregate(path: Path, inspection: SurveyInspection,
              mapping: SurveyMapping) -> SurveyEvidence:
    """One pass over the answers; LoadError (naming the row) when the file breaks off in a
    way that stops the reading."""
    try:
        return aggregate_survey(inspection, mapping)
    except ImportRefused as error:
        raise refused(path, error) from None


def import_survey(path: Path, inspection: SurveyInspection, mapping: SurveyMapping,
                  journey: JourneyMap | None, options: SurveyOptions
                  ) -> tuple[MergeOutcome, SurveyEvidence]:
    """The survey merged into `journey` (or a new map), and the evidence it rests on:
    LoadError when it does not fit."""
    evidence = aggregate(path, inspection, mapping)
    try:
        return merge_survey(journey, evidence, options=options,
                            questions=card_questions(inspection, mapping)), evidence
    except ValueError as error:
        raise LoadError(str(path), [str(error)]) from None


def survey_notes(outcome: MergeOutcome, evidence_warnings: list[str],
                 options: SurveyOptions) -> list[str]:
    return [*evidence_warnings, *outcome.notes, *outcome.left_out_lines(options.quotes_per_card)]


def read_table_map(path: Path) -> ReadResult:
    """A .csv/.xlsx file as a new map: a card spreadsheet as it is, a survey export with the
    proposed mapping (its explanation leads the notes)."""
    path = Path(path)
    table = open_checked(path)
    if is_cards_layout(table):
        return read_cards_table(path, table=table)
    inspection = inspect(path, table)
    proposal = propose(inspection)
    if proposal.mapping is None:
        raise LoadError(str(path), ["; ".join(proposal.explanation[1:]) or
                                    "no scores found to import"])
    options = SurveyOptions()
    evidence = aggregate(path, inspection, proposal.mapping)
    try:
        outcome = merge_survey(None, evidence, options=options,
                               questions=card_questions(inspection, proposal.mapping))
    except ValueError as error:
        raise LoadError(str(path), [str(error)]) from None
    notes = [f"read as: {line}" for line in proposal.explanation]
    notes += survey_notes(outcome, [str(w) for w in evidence.warnings], options)
    notes.append(f"{evidence.responses:,} responses: {outcome.summary()}")
    return ReadResult(outcome.map, tuple(shown(note, 400) for note in notes))


__all__ = ["aggregate", "import_survey", "inspect", "is_cards_layout",
           "open_checked", "read_table_map", "refused", "survey_notes"]
