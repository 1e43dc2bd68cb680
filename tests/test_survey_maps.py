"""Survey exports onto maps (journeymap_desktop/interchange/survey.py): each touchpoint's value
on the as-is curves with n, mean, median and quartiles as its evidence, free-text answers as
quotes (capped, the rest counted), and a newer export updating the same cards."""

from __future__ import annotations

import csv
import statistics
from pathlib import Path

import pytest

from journeymap_desktop.interchange.survey import (
    SurveyOptions,
    map_scale_for,
    merge_survey,
    propose,
)
from journeymap_desktop.interchange.tables import read_table_map
from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID, find_curve
from journeymap_desktop.model.map import Card, JourneyMap
from journeymap_desktop.model.templates import service_journey
from journeymap_desktop.storage import LoadError
from journeymap_desktop.storage.importers import Scale, aggregate_survey, inspect_survey
from tests.data import survey_exports

DATA = Path(__file__).resolve().parent / "data"
STAGES = survey_exports.STAGES


def _qualtrics(path: Path, responses: int, seed: int = 7) -> Path:
    rows = list(survey_exports.qualtrics_rows(responses, seed))
    path.write_bytes(b"\xef\xbb\xbf" + survey_exports._csv(rows).encode("utf-8"))
    return path


def _import(path: Path, journey: JourneyMap | None = None,
            options: SurveyOptions | None = None) -> tuple[JourneyMap, object]:
    inspection = inspect_survey(path)
    proposal = propose(inspection, journey)
    assert proposal.mapping is not None
    evidence = aggregate_survey(inspection, proposal.mapping)
    outcome = merge_survey(journey, evidence, options=options)
    return outcome.map, outcome


def _card(journey: JourneyMap, stage: str) -> Card:
    stage_id = next(s.id for s in journey.stages if s.name == stage)
    cards = [c for c in journey.cards if c.stage_id == stage_id]
    assert len(cards) == 1
    return cards[0]


def _answers(path: Path, column: str) -> list[int]:
    """The answers of one Qualtrics column, read with the csv module: counted ones only
    (not the survey preview, not -99, not empty)."""
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    ids, body = rows[0], rows[3:]
    index, status = ids.index(column), ids.index("Status")
    return [int(row[index]) for row in body
            if row[status] == "0" and row[index] not in ("", "-99")]


def test_a_qualtrics_export_becomes_a_map_with_evidence(tmp_path: Path) -> None:
    path = _qualtrics(tmp_path / "export.csv", 60)
    journey, outcome = _import(path)
    assert [s.name for s in journey.stages] == STAGES
    assert journey.scale.preset == "1..5"
    assert sorted(p.name for p in journey.personas) == sorted(survey_exports.PERSONAS)
    for number, stage in enumerate(STAGES, start=1):
        answers = _answers(path, f"Q2_{number}")
        card = _card(journey, stage)
        assert card.kind == "touchpoint" and card.source_key
        value = card.emotions[EVERYONE_AS_IS_ID]
        assert value.value == pytest.approx(statistics.mean(answers), abs=0.005)
        spread = value.evidence
        assert spread is not None
        assert spread.n == len(answers)
        assert spread.median == statistics.median(answers)
        q1, _, q3 = statistics.quantiles(answers, n=4, method="inclusive")
        assert (spread.q1, spread.q3) == (pytest.approx(q1), pytest.approx(q3))
        assert (spread.low, spread.high) == (min(answers), max(answers))
    # per persona: one as-is curve each, with the values of that persona's answers
    for persona in journey.personas:
        curve = find_curve(journey, persona.id, "as-is")
        assert curve is not None
        assert all(curve.id in card.emotions for card in journey.cards)
    # quotes: at most three per card, on the Delivery card (the question names the stage)
    quotes = [e for e in _card(journey, "Delivery").evidence if e.type == "quote"]
    assert len(quotes) == 3
    assert all(q.source_key and q.source_key.startswith("quote-") for q in quotes)
    assert outcome.quotes_left_out > 0  # type: ignore[attr-defined]


def test_a_newer_export_updates_the_same_cards(tmp_path: Path) -> None:
    first, _ = _import(_qualtrics(tmp_path / "may.csv", 40))
    newer = _qualtrics(tmp_path / "june.csv", 80)  # the same 40 first answers, and 40 more
    second, outcome = _import(newer, first)
    assert len(second.cards) == len(first.cards)
    assert [c.id for c in second.cards] == [c.id for c in first.cards]
    assert len(second.stages) == len(first.stages)
    assert len(second.personas) == len(first.personas)
    assert outcome.cards_updated == len(first.cards)  # type: ignore[attr-defined]
    delivery = _card(second, "Delivery")
    assert delivery.emotions[EVERYONE_AS_IS_ID].evidence.n > \
        _card(first, "Delivery").emotions[EVERYONE_AS_IS_ID].evidence.n  # type: ignore[union-attr]
    keys = [e.source_key for e in delivery.evidence]
    assert len(keys) == len(set(keys)) == 3  # the same quotes, not three more
    assert keys == [e.source_key for e in _card(first, "Delivery").evidence]
    again, outcome = _import(newer, second)
    assert again == second
    assert outcome.cards_unchanged == len(first.cards)  # type: ignore[attr-defined]


def test_into_a_map_the_survey_finds_its_stages_and_cards_and_keeps_the_scale() -> None:
    journey = service_journey()
    journey.stages[0].name = "Paying"
    lane = next(lane for lane in journey.lanes if lane.kind == "touchpoints")
    journey.cards.append(Card(id="card-pay", stage_id=journey.stages[0].id, lane_id=lane.id,
                              title="Paying"))
    merged, outcome = _import(DATA / "qualtrics_grocery.csv", journey)
    assert merged.scale == journey.scale  # -2..+2: the answers are moved onto it
    paying = next(c for c in merged.cards if c.id == "card-pay")
    assert paying.source_key is not None
    value = paying.emotions[EVERYONE_AS_IS_ID]
    assert -2 <= value.value <= 2
    answers = _answers(DATA / "qualtrics_grocery.csv", "Q2_3")
    assert value.value == pytest.approx(statistics.mean(answers) - 3, abs=0.005)
    assert len(merged.stages) == len(journey.stages) + 4  # the other four added
    assert outcome.stages_added == [s for s in STAGES if s != "Paying"]  # type: ignore[attr-defined]
    # what the map had is still there
    assert {c.id for c in journey.cards} <= {c.id for c in merged.cards}


def test_answers_as_text_keep_their_names_as_the_scale() -> None:
    journey, _ = _import(DATA / "surveymonkey_grocery.csv")
    assert journey.scale.names == ["Very unhappy", "Unhappy", "Neutral", "Happy", "Very happy"]
    assert map_scale_for(Scale(0, 10)).preset == "0..10"
    assert map_scale_for(Scale(1, 6)).preset == "custom"
    assert map_scale_for(Scale(0, 100)).preset == "1..5"  # 101 levels: moved onto 1-5


def test_the_median_and_no_quotes_when_asked(tmp_path: Path) -> None:
    path = DATA / "qualtrics_grocery.csv"
    journey, _ = _import(path, options=SurveyOptions(value="median", quotes_per_card=0))
    card = _card(journey, "Paying")
    assert card.emotions[EVERYONE_AS_IS_ID].value == statistics.median(_answers(path, "Q2_3"))
    assert all(not c.evidence for c in journey.cards)


def test_the_registry_reader_imports_with_the_proposal_and_says_so() -> None:
    result = read_table_map(DATA / "typeform_grocery.csv")
    assert [s.name for s in result.map.stages] == STAGES
    assert result.warnings[0].startswith("read as: Typeform export")
    assert any("left out" in w for w in result.warnings)


def test_a_table_with_nothing_to_rate_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "names.csv"
    path.write_text("Name,City\nAna,Lyon\nBo,Oslo\n", encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        read_table_map(path)
    assert "\n" not in str(refused.value)
    assert "stage" in str(refused.value)


def test_a_cards_text_says_what_was_asked_until_the_team_writes_its_own(tmp_path: Path) -> None:
    from journeymap_desktop.interchange.survey import card_questions

    def imported(path: Path, journey: JourneyMap | None) -> JourneyMap:
        inspection = inspect_survey(path)
        mapping = propose(inspection, journey).mapping
        assert mapping is not None
        evidence = aggregate_survey(inspection, mapping)
        return merge_survey(journey, evidence,
                            questions=card_questions(inspection, mapping)).map

    first = imported(_qualtrics(tmp_path / "may.csv", 40), None)
    paying = _card(first, "Paying")
    question, line = paying.body.split("\n")
    assert question == survey_exports.FEEL_QUESTION
    n = paying.emotions[EVERYONE_AS_IS_ID].evidence.n  # type: ignore[union-attr]
    assert line.startswith(f"{n} answers on 1-5: mean ")
    # the team rewrites one card's text; a newer export updates only the other cards' texts
    index = first.cards.index(paying)
    first.cards[index] = paying.model_copy(update={"body": "Our own words"})
    second = imported(_qualtrics(tmp_path / "june.csv", 80), first)
    assert _card(second, "Paying").body == "Our own words"
    assert _card(second, "Delivery").body != _card(first, "Delivery").body
    assert _card(second, "Delivery").body.startswith(survey_exports.FEEL_QUESTION)
