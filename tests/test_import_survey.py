"""Survey exports: recognising Qualtrics, SurveyMonkey, Typeform and plain tables, proposing a
mapping from a matrix whose rows name stages, and the evidence per card (n, mean, median,
quartiles, quotes) with keys that stay the same when a newer export is imported."""

from __future__ import annotations

import csv
import statistics
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap_desktop.storage.importers.errors import ImportRefused
from journeymap_desktop.storage.importers.survey_evidence import (
    Distribution,
    SurveyEvidence,
    aggregate_survey,
    card_key,
)
from journeymap_desktop.storage.importers.survey_layout import inspect_survey
from journeymap_desktop.storage.importers.survey_mapping import (
    LongScores,
    QuoteColumn,
    Scale,
    ScoreColumn,
    SurveyMapping,
    propose_mapping,
    split_item,
)
from tests.data import survey_exports
from tests.data.survey_exports import STAGES

DATA = Path(__file__).parent / "data"


def _evidence(path: Path, known_stages: tuple[str, ...] = ()) -> SurveyEvidence:
    inspection = inspect_survey(path)
    proposal = propose_mapping(inspection, known_stages)
    assert proposal.mapping is not None, proposal.explanation
    return aggregate_survey(inspection, proposal.mapping)


def _write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return path


def test_the_committed_samples_are_what_the_generator_writes(tmp_path: Path) -> None:
    survey_exports.write_samples(tmp_path)
    for sample in tmp_path.glob("*.csv"):
        assert sample.read_bytes() == (DATA / sample.name).read_bytes(), sample.name


# ----- recognising the tool ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "kind", "header_rows", "respondent"),
    [
        ("qualtrics_grocery.csv", "qualtrics", 3, "Response ID"),
        ("surveymonkey_grocery.csv", "surveymonkey", 2, "Respondent ID"),
        ("typeform_grocery.csv", "typeform", 1, "#"),
        ("google_forms_grocery.csv", "plain", 1, None),
        ("touchpoint_scores_long.csv", "plain", 1, None),
    ],
)
def test_exports_are_recognised(name: str, kind: str, header_rows: int,
                                respondent: str | None) -> None:
    inspection = inspect_survey(DATA / name)
    assert (inspection.kind, inspection.header_rows) == (kind, header_rows)
    found = inspection.respondent_column
    assert (inspection.columns[found].label if found is not None else None) == respondent
    assert inspection.first_answer_row == header_rows + 1


def test_qualtrics_columns_carry_question_statement_and_import_id() -> None:
    inspection = inspect_survey(DATA / "qualtrics_grocery.csv")
    by_key = {column.key: column for column in inspection.columns}
    paying = by_key["QID2_3"]
    assert (paying.question, paying.item, paying.group) == (
        "How did you feel at each stage of your last order?", "Paying", "QID2")
    assert by_key["startDate"].metadata and by_key["progress"].metadata
    assert by_key["duration"].metadata  # numeric, but never a score
    assert by_key["QID4_TEXT"].free_text
    assert by_key["QID1"].item is None  # "- Selected Choice" is the question itself


def test_surveymonkey_continuation_cells_and_second_header_row() -> None:
    inspection = inspect_survey(DATA / "surveymonkey_grocery.csv")
    matrix = [c for c in inspection.columns if c.question == "How did you feel at each stage?"]
    assert [c.item for c in matrix] == STAGES
    assert len({c.group for c in matrix}) == 1
    channels = [c.item for c in inspection.columns
                if c.question == "Which channels did you use to order?"]
    assert channels == ["Mobile app", "Website", "Phone"]
    assert inspection.columns[-1].free_text  # "Open-Ended Response"
    assert all(c.metadata for c in inspection.columns[:9])


# ----- proposals -----------------------------------------------------------------------------
def test_qualtrics_export_imports_with_no_options() -> None:
    inspection = inspect_survey(DATA / "qualtrics_grocery.csv")
    proposal = propose_mapping(inspection)
    mapping = proposal.mapping
    assert mapping is not None
    assert [(s.stage, s.touchpoint) for s in mapping.scores] == [(s, "") for s in STAGES]
    assert mapping.scale == Scale(1, 5)
    assert inspection.columns[mapping.persona or 0].question == "Which best describes you?"
    assert [(inspection.columns[q.column].key, q.stage) for q in mapping.quotes] == [
        ("QID4_TEXT", "Delivery")]
    text = "\n".join(proposal.explanation)
    assert "Qualtrics export (3 header rows" in text
    assert 'stages from the rated rows of "How did you feel at each stage of your last ' \
           'order?" (QID2): Browsing the app, Choosing a delivery slot, Paying, Delivery, ' \
           'Unpacking' in text
    assert 'not used: 1 other rating question: "How easy was each step?"' in text
    assert all("\n" not in line for line in proposal.explanation)


def test_qualtrics_evidence_previews_left_out_and_missing_codes_reported_by_row() -> None:
    evidence = _evidence(DATA / "qualtrics_grocery.csv")
    assert (evidence.responses, evidence.left_out) == (39, 1)  # one survey preview
    assert evidence.stages == STAGES
    assert evidence.personas == ["Regular customer", "First order", "Business account"]
    paying = evidence.cards[2]
    assert paying.everyone is not None and paying.everyone.n == 38  # -99 left out
    assert [(w.place, w.code) for w in evidence.warnings] == [(9, "score-off-scale")]
    assert str(evidence.warnings[0]).startswith('row 9: warning: "-99" in "How did you feel')
    delivery = evidence.cards[3]
    assert delivery.quotes and all(q.card == delivery.key for q in delivery.quotes)
    assert all(q.text not in ("", "n/a") for q in delivery.quotes)
    assert delivery.quotes[0].respondent.startswith("R_")
    unpacking = evidence.cards[4]
    assert unpacking.everyone is not None and unpacking.everyone.n < 39  # skipped answers
    assert sum(d.n for d in unpacking.by_persona.values()) == unpacking.everyone.n
    assert paying.sources == ["QID2_3"]


def test_surveymonkey_answers_as_text_are_read_on_their_named_scale() -> None:
    inspection = inspect_survey(DATA / "surveymonkey_grocery.csv")
    proposal = propose_mapping(inspection)
    assert proposal.mapping is not None
    assert proposal.mapping.scale.labels[0] == "Very unhappy"
    # The checkbox question (cells hold the choice's own text) is neither scores nor quotes.
    used = {s.column for s in proposal.mapping.scores} | {q.column for q in
                                                          proposal.mapping.quotes}
    assert not used & {c.index for c in inspection.columns if c.item in ("Website", "Phone")}
    evidence = aggregate_survey(inspection, proposal.mapping)
    rows = list(csv.reader((DATA / "surveymonkey_grocery.csv").open(encoding="utf-8")))[2:]
    labels = ["Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"]
    for number, card in enumerate(evidence.cards):
        values = [labels.index(row[10 + number]) + 1 for row in rows]
        assert card.everyone is not None
        assert card.everyone.n == len(values)
        assert card.everyone.mean == pytest.approx(statistics.mean(values))
        assert card.everyone.median == statistics.median(values)
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
        assert (card.everyone.q1, card.everyone.q3) == (pytest.approx(q1), pytest.approx(q3))
    assert evidence.cards[3].stage == "Delivery" and evidence.cards[3].quotes


def test_typeform_questions_per_stage_become_one_rated_question() -> None:
    inspection = inspect_survey(DATA / "typeform_grocery.csv")
    assert inspection.columns[1].label == "Which best describes you?"  # <strong> gone
    proposal = propose_mapping(inspection)
    assert proposal.mapping is not None
    assert [s.stage for s in proposal.mapping.scores] == STAGES
    assert '"How did you feel while …"' in proposal.explanation[1]
    evidence = aggregate_survey(inspection, proposal.mapping)
    assert evidence.responses == 25
    assert evidence.quotes  # "Anything we could do better?" is about no stage


def test_google_forms_grid_rows_name_the_stages() -> None:
    evidence = _evidence(DATA / "google_forms_grocery.csv")
    assert evidence.stages == STAGES
    assert evidence.kind == "plain"


def test_one_answer_per_row_in_a_semicolon_windows_1252_file() -> None:
    evidence = _evidence(DATA / "touchpoint_scores_long.csv")
    assert [(c.stage, c.touchpoint) for c in evidence.cards] == [
        ("Browsing the app", "Search"), ("Browsing the app", "Offers page"),
        ("Paying", "Checkout"), ("Delivery", "Tracking"), ("Delivery", "Driver at the door")]
    assert sum(c.everyone.n for c in evidence.cards if c.everyone) == 30
    quotes = [q for c in evidence.cards for q in c.quotes]
    assert quotes and all(q.card == card_key(q.stage or "", q.touchpoint) for q in quotes)
    assert any("lait" in q.text for q in quotes)
    assert [w.code for w in evidence.warnings] == ["not-utf8"]


def test_explanations_show_file_text_safely(tmp_path: Path) -> None:
    hostile = "How did you feel\x1b]0;owned\x07 \u202e" + "x" * 300
    rows = [["id", f"{hostile} - Order", f"{hostile} - Pay"], ["1", "4", "5"], ["2", "3", "2"]]
    proposal = propose_mapping(inspect_survey(_write_csv(tmp_path / "h.csv", rows)))
    assert proposal.mapping is not None
    for line in proposal.explanation:
        assert "\x1b" not in line and "\u202e" not in line and len(line) < 400
    assert "\\x1b]0;owned\\x07" in proposal.explanation[1]


def test_nothing_to_propose_is_said_plainly(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "names.csv", [["Name", "City"], ["Ana", "Lyon"],
                                               ["Bo", "Oslo"]])
    proposal = propose_mapping(inspect_survey(path))
    assert proposal.mapping is None
    assert "choose the stage, touchpoint and score columns yourself" in proposal.explanation[-1]


def test_known_stages_choose_the_matrix_and_the_side_of_split_rows() -> None:
    rows = ["Checkout: Paying", "Tracking: Delivery", "Doorstep: Delivery"]
    assert split_item(rows) == [("Paying", "Checkout"), ("Delivery", "Tracking"),
                                ("Delivery", "Doorstep")]  # the side that repeats is stages
    assert split_item(["Order: Checkout", "Deliver: Tracking"]) == [
        ("Order: Checkout", ""), ("Deliver: Tracking", "")]  # nothing repeats: rows are stages
    assert split_item(rows, ["Paying", "Delivery"]) == [("Paying", "Checkout"),
                                                         ("Delivery", "Tracking"),
                                                         ("Delivery", "Doorstep")]
    assert split_item(["Order: Checkout", "Order: Payment", "Deliver: Tracking"]) == [
        ("Order", "Checkout"), ("Order", "Payment"), ("Deliver", "Tracking")]
    assert split_item(["Browse", "Pay"]) == [("Browse", ""), ("Pay", "")]
    inspection = inspect_survey(DATA / "qualtrics_grocery.csv")
    # Known stages from the map being imported into pick the matrix that names them.
    proposal = propose_mapping(inspection, known_stages=["Browsing the app", "Paying"])
    assert proposal.mapping is not None
    assert len(proposal.mapping.scores) == 5


# ----- mappings the user chooses ------------------------------------------------------------
def test_reverse_coding_and_a_declared_scale(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "s.csv", [
        ["Respondent", "Wait - Order", "Wait - Delivery"],
        ["a", "1", "7"], ["b", "2", "6"], ["c", "9", "5"], ["d", "3", ""]])
    inspection = inspect_survey(path)
    mapping = SurveyMapping(Scale(1, 7), scores=(
        ScoreColumn(1, "Order", "Queue", reverse=True), ScoreColumn(2, "Delivery")))
    evidence = aggregate_survey(inspection, mapping)
    order, delivery = evidence.cards
    assert order.everyone is not None and delivery.everyone is not None
    assert sorted(value for value, _ in order.everyone.counts) == [5, 6, 7]  # 8 - 1, 8 - 2...
    assert delivery.everyone.mean == 6
    assert [(w.place, w.code) for w in evidence.warnings] == [(4, "score-off-scale")]
    assert (order.stage, order.touchpoint) == ("Order", "Queue")


def test_many_bad_rows_are_reported_by_row_then_counted(tmp_path: Path) -> None:
    rows = [["id", "Q - A", "Q - B"]] + [[str(i), "x", "3"] for i in range(25)]
    inspection = inspect_survey(_write_csv(tmp_path / "bad.csv", rows))
    mapping = SurveyMapping(Scale(1, 5), (ScoreColumn(1, "A"), ScoreColumn(2, "B")))
    evidence = aggregate_survey(inspection, mapping)
    places = [w.place for w in evidence.warnings]
    assert places[:10] == list(range(2, 12))
    assert str(evidence.warnings[10]) == "warning: 15 more rows like the above (score-off-scale)"
    assert "1 card has no usable score" in str(evidence.warnings[11])


def test_rows_of_the_wrong_width_and_a_file_cut_short(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text('id,Q - A,Q - B,Note\n1,4,5,ok\n2,3\n3,2,1,x,extra\n4,5,4,"cut her',
                    encoding="utf-8")
    inspection = inspect_survey(path)
    mapping = SurveyMapping(Scale(1, 5), (ScoreColumn(1, "A"), ScoreColumn(2, "B")),
                            quotes=(QuoteColumn(3),))
    evidence = aggregate_survey(inspection, mapping)
    assert [(w.place, w.code) for w in evidence.warnings] == [
        (3, "row-width"), (4, "row-width"), (5, "cut-short")]
    assert evidence.responses == 4
    assert evidence.cards[0].everyone is not None and evidence.cards[0].everyone.n == 4
    assert [q.text for q in evidence.quotes] == ["ok", "x", "cut her"]


def test_an_export_with_headers_only(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "empty.csv", [["id", "Q - A", "Q - B"]])
    inspection = inspect_survey(path)
    assert [w.code for w in inspection.warnings] == ["no-answers"]
    assert propose_mapping(inspection).mapping is None


def test_a_mapping_must_say_where_scores_come_from() -> None:
    with pytest.raises(ValueError, match="needs score columns"):
        SurveyMapping(Scale(1, 5))
    with pytest.raises(ValueError, match="low to high"):
        Scale(5, 1)
    with pytest.raises(ValueError, match="names every level"):
        Scale(1, 5, ("bad", "good"))
    assert LongScores(3, 0).touchpoint is None


# ----- re-importing a newer export ----------------------------------------------------------
def test_a_newer_export_gives_the_same_keys(tmp_path: Path) -> None:
    older = _evidence(DATA / "qualtrics_grocery.csv")
    newer_rows = list(survey_exports.qualtrics_rows(60))  # the first 40 answers, and more
    header, labels, imports, *answers = newer_rows
    order = list(range(len(header)))
    order[-1], order[-2] = order[-2], order[-1]  # columns moved in the newer export
    for row in (header, labels, imports, *answers):
        row[:] = [row[i] for i in order]
    path = tmp_path / "newer.csv"
    path.write_bytes(b"\xef\xbb\xbf")
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(
            [header, labels, imports, *answers])
    newer = _evidence(path)
    assert [c.key for c in newer.cards] == [c.key for c in older.cards]
    assert newer.cards[0].everyone is not None and newer.cards[0].everyone.n == 59
    old_quotes = {q.key: q.text for c in older.cards for q in c.quotes}
    new_quotes = {q.key: q.text for c in newer.cards for q in c.quotes}
    assert old_quotes.items() <= new_quotes.items()
    assert len(new_quotes) > len(old_quotes)


def test_card_keys_ignore_case_spacing_and_unicode_composition() -> None:
    assert card_key("Paying", "") == card_key("  paying ", "")
    assert card_key("Café", "Caisse") == card_key("Cafe\u0301", "caisse")
    assert card_key("Paying", "Card") != card_key("Paying", "Cash")
    assert card_key("Pay", "ing") != card_key("Paying", "")


# ----- XLSX exports ---------------------------------------------------------------------------
def test_a_surveymonkey_xlsx_export_gives_the_same_evidence_as_its_csv(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Sheet"
    for row in csv.reader((DATA / "surveymonkey_grocery.csv").open(encoding="utf-8")):
        sheet.append([int(cell) if cell.isdigit() else cell or None for cell in row])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    from_xlsx = _evidence(path)
    from_csv = _evidence(DATA / "surveymonkey_grocery.csv")
    assert [(c.key, c.everyone, c.by_persona) for c in from_xlsx.cards] == [
        (c.key, c.everyone, c.by_persona) for c in from_csv.cards]
    assert [q.key for c in from_xlsx.cards for q in c.quotes] == [
        q.key for c in from_csv.cards for q in c.quotes]


def test_a_survey_file_that_is_no_table_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(b"%PDF-1.7 not a survey")
    with pytest.raises(ImportRefused, match="a PDF document") as caught:
        inspect_survey(path)
    assert "\n" not in str(caught.value)


# ----- statistics ---------------------------------------------------------------------------
@given(st.lists(st.integers(1, 7), min_size=1, max_size=60))
def test_distributions_match_pythons_statistics(values: list[int]) -> None:
    distribution = Distribution.from_counts(Counter(float(v) for v in values))
    assert distribution.n == len(values)
    assert distribution.mean == pytest.approx(statistics.fmean(values))
    assert distribution.median == pytest.approx(statistics.median(values))
    if len(values) > 1:
        q1, _, q3 = statistics.quantiles(values, n=4, method="inclusive")
        assert (distribution.q1, distribution.q3) == (pytest.approx(q1), pytest.approx(q3))
    else:
        assert distribution.q1 == distribution.q3 == values[0]
    assert (distribution.low, distribution.high) == (min(values), max(values))
    assert sum(count for _, count in distribution.counts) == len(values)


def test_a_distribution_moves_to_another_scale() -> None:
    seven = Distribution.from_counts(Counter({1.0: 1, 4.0: 2, 7.0: 1}))
    five = seven.rescaled(Scale(1, 7), Scale(1, 5))
    assert (five.low, five.median, five.high, five.mean) == (1, 3, 5, 3)
    assert five.n == 4
