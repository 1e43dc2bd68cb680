"""The bundled example maps, `journeymap validate` on them, and benchmarks/make_map.py."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.storage import dumps_map, load_map, loads_map
from tests.helpers_model import emotion_of

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((REPO / "resources" / "examples").glob("*.journeymap"))
MAKE_MAP_PATH = REPO / "benchmarks" / "make_map.py"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_map", MAKE_MAP_PATH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def make_map() -> Callable[..., JourneyMap]:
    return _load_generator().make_map


def _validate(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journeymap_desktop", "validate", *map(str, paths)],
        capture_output=True, text=True, encoding="utf-8", timeout=60, check=False,
    )


def test_the_examples_are_there() -> None:
    names = {path.name for path in EXAMPLES}
    assert {"grocery-delivery.journeymap", "b2b-onboarding.journeymap"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_is_a_complete_map(path: Path) -> None:
    journey = load_map(path)
    assert journey.title.strip()
    assert journey.description.strip()
    assert len(journey.stages) >= 5
    assert len(journey.cards) >= 25
    assert journey.personas
    for persona in journey.personas:
        assert persona.name
        assert persona.role
        assert persona.quote
        assert 2 <= len(persona.goals) <= 4
        assert 2 <= len(persona.frustrations) <= 4
    kinds = [card.kind for card in journey.cards]
    assert "pain_point" in kinds
    assert "opportunity" in kinds
    unfelt = [c.id for c in journey.cards if c.kind == "touchpoint" and emotion_of(c) is None]
    assert unfelt == [], "touchpoints without an emotion"


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_keeps_cards_out_of_the_emotions_lane_and_every_stage_busy(path: Path) -> None:
    journey = load_map(path)
    emotion_lanes = {lane.id for lane in journey.lanes if lane.kind == "emotions"}
    assert len(emotion_lanes) == 1
    assert not [card.id for card in journey.cards if card.lane_id in emotion_lanes]
    assert {card.stage_id for card in journey.cards} == {stage.id for stage in journey.stages}


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_validate_accepts_example(path: Path) -> None:
    result = _validate(path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK" in result.stdout


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_validate_rejects_a_truncated_copy(path: Path, tmp_path: Path) -> None:
    original = path.read_bytes()
    cut = len(original) // 2
    # Step back off a UTF-8 continuation byte: the complaint should be about the JSON, not
    # about a character cut in two (which is reported as "not UTF-8 text").
    while cut > 0 and original[cut] & 0xC0 == 0x80:
        cut -= 1
    damaged = tmp_path / f"damaged-{path.name}"
    damaged.write_bytes(original[:cut])
    result = _validate(damaged)
    assert result.returncode != 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1, result.stdout
    message = lines[0]
    assert damaged.name in message
    assert "not valid JSON" in message
    assert re.search(r"line \d+, column \d+", message), message
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("count", [0, 1, 50, 3000])
def test_generated_map_round_trips(make_map: Callable[..., JourneyMap], count: int) -> None:
    journey = make_map(count, seed=count)
    assert len(journey.cards) == count
    again = loads_map(dumps_map(journey))
    assert again == journey
    assert dumps_map(again) == dumps_map(journey)


@pytest.mark.parametrize("count", [0, 1, 50, 3000])
def test_generated_map_respects_lanes_and_order(make_map: Callable[..., JourneyMap],
                                                count: int) -> None:
    journey = make_map(count)
    emotion_lanes = [lane.id for lane in journey.lanes if lane.kind == "emotions"]
    assert len(emotion_lanes) == 1
    assert all(card.lane_id != emotion_lanes[0] for card in journey.cards)
    orders: dict[tuple[str, str], list[int]] = {}
    for card in journey.cards:
        orders.setdefault((card.stage_id, card.lane_id), []).append(card.order)
    for cell, found in orders.items():
        assert sorted(found) == list(range(len(found))), cell


def test_generated_map_is_deterministic(make_map: Callable[..., JourneyMap]) -> None:
    assert dumps_map(make_map(500, seed=7)) == dumps_map(make_map(500, seed=7))
    assert dumps_map(make_map(500, seed=7)) != dumps_map(make_map(500, seed=8))


def test_large_generated_map_looks_like_a_real_one(make_map: Callable[..., JourneyMap]) -> None:
    journey = make_map(3000)
    assert {card.stage_id for card in journey.cards} == {stage.id for stage in journey.stages}
    kinds = {card.kind for card in journey.cards}
    assert kinds == {"touchpoint", "pain_point", "opportunity", "note"}
    touchpoints = [card for card in journey.cards if card.kind == "touchpoint"]
    felt = sum(emotion_of(card) is not None for card in touchpoints)
    assert felt > 0.75 * len(touchpoints)
    assert any(not card.body for card in journey.cards)
    assert any(len(card.body) > 300 for card in journey.cards)
    assert any(card.moment_of_truth for card in journey.cards)
    assert any(card.colour for card in journey.cards)
    assert any(not card.title.isascii() or not card.body.isascii() for card in journey.cards)


@pytest.mark.parametrize(("stages", "lanes", "want_stages", "want_lanes"), [
    (0, 1, 1, 2),
    (3, None, 3, 7),
    (500, 99, 200, 50),
])
def test_generator_clamps_stages_and_lanes(make_map: Callable[..., JourneyMap], stages: int,
                                           lanes: int | None, want_stages: int,
                                           want_lanes: int) -> None:
    journey = make_map(400, stages=stages, lanes=lanes)
    assert len(journey.stages) == want_stages
    assert len(journey.lanes) == want_lanes
    assert sum(lane.kind == "emotions" for lane in journey.lanes) == 1
    assert len(journey.cards) == 400


def test_generator_refuses_impossible_card_counts(make_map: Callable[..., JourneyMap]) -> None:
    with pytest.raises(ValueError, match="cards"):
        make_map(-1)
    with pytest.raises(ValueError, match="cards"):
        make_map(100_001)


def test_generator_command_line_writes_a_valid_file(tmp_path: Path) -> None:
    out = tmp_path / "bench.journeymap"
    result = subprocess.run(
        [sys.executable, str(MAKE_MAP_PATH), "--cards", "120", "--stages", "5", "--seed", "3",
         "-o", str(out)],
        capture_output=True, text=True, encoding="utf-8", timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {out}: 120 cards, 5 stages, 7 lanes"
    assert not out.with_name(out.name + ".bak").exists()
    journey = load_map(out)
    assert len(journey.cards) == 120
    validated = _validate(out)
    assert validated.returncode == 0
    assert "OK" in validated.stdout


# ----- journey depth in the examples (issue 13) ------------------------------------------------
DEPTH_EXAMPLES = ["grocery-delivery.journeymap", "b2b-onboarding.journeymap"]


@pytest.mark.parametrize("name", DEPTH_EXAMPLES)
def test_the_journey_examples_use_the_new_depth(name: str) -> None:
    from journeymap_desktop.model.confidence import card_metric, confidence
    from journeymap_desktop.model.priority import quadrant
    from journeymap_desktop.storage.links import linked_file

    path = REPO / "resources" / "examples" / name
    journey = load_map(path)
    assert len(journey.personas) >= 2
    scenarios = {curve.scenario for curve in journey.curves}
    assert {"as-is", "to-be"} <= scenarios
    assert {c.persona_id for c in journey.curves} >= {None, *(p.id for p in journey.personas)}
    bands = [v.evidence for card in journey.cards for v in card.emotions.values()
             if v.evidence is not None]
    assert len(bands) >= 8 and all(b.n >= 30 for b in bands), "survey-backed emotions"
    kinds = {item.type for card in journey.cards for item in card.evidence}
    assert kinds == {"quote", "survey", "metric", "file"}
    assert {confidence(card) for card in journey.cards} == {"none", "some", "strong"}
    metric_lane = next(lane for lane in journey.lanes if lane.kind == "metric")
    in_lane = [card for card in journey.cards if card.lane_id == metric_lane.id]
    assert {card.stage_id for card in in_lane} == {stage.id for stage in journey.stages}
    assert all(card_metric(card) is not None for card in in_lane)
    opportunities = [card for card in journey.cards if card.kind == "opportunity"]
    assert all(quadrant(card.priority) is not None for card in opportunities)
    assert {quadrant(card.priority) for card in journey.cards} >= {"quick_win",
                                                                   "major_project"}
    assert journey.views
    for card in journey.cards:
        for item in card.evidence:
            if item.type == "file":
                assert linked_file(path, item.path).is_file()


def test_the_service_blueprint_example_has_every_layer_and_line() -> None:
    from journeymap_desktop.model.queries import blueprint_lines

    journey = load_map(REPO / "resources" / "examples" / "bike-service-blueprint.journeymap")
    assert [line.name for line in blueprint_lines(journey)] == [
        "Line of interaction", "Line of visibility", "Line of internal interaction"]
    for lane in journey.lanes:
        if lane.kind in ("customer_actions", "frontstage", "backstage", "support_processes"):
            cards = {card.stage_id for card in journey.cards if card.lane_id == lane.id}
            assert cards == {stage.id for stage in journey.stages}, lane.name
    assert [c.scenario for c in journey.curves] == ["as-is", "to-be"]
