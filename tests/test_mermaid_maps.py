"""Mermaid journeys as maps and maps as Mermaid journeys (journeymap_desktop/interchange/
mermaid.py): sections -> stages, tasks -> touchpoint cards, actors -> personas, scores -> the
as-is curves on 1-5; a map survives the trip through a .mmd file unchanged; edits made in
Mermaid win, and are noted with their line."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from journeymap_desktop.interchange.mermaid import (
    export_mermaid,
    journey_to_map,
    map_to_journey,
    mermaid_text,
    read_mermaid_map,
)
from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID, find_curve
from journeymap_desktop.model.map import Card, JourneyMap, Stage
from journeymap_desktop.model.queries import journey_order
from journeymap_desktop.storage import LoadError, load_map
from journeymap_desktop.storage.importers import read_mermaid
from tests.helpers.maps import journey_maps

EXAMPLES = ("grocery-delivery", "b2b-onboarding", "bike-service-blueprint")

# A journey as people keep them in their docs: front matter, an init directive, comments of
# both kinds, accessibility lines, CRLF line ends, actors shared between tasks.
DOCS_JOURNEY = (
    "---\r\ntitle: Ordering groceries\r\n---\r\n"
    "%%{init: {'theme': 'forest'}}%%\r\n"
    "journey\r\n"
    "    accTitle: Weekly shop\r\n"
    "    accDescr: How a parent orders the weekly shop on the app\r\n"
    "    %% the research team's notes\r\n"
    "    section Discover\r\n"
    "      Sees an ad: 3: Maya\r\n"
    "      Reads reviews: 4: Maya, Tom\r\n"
    "    section Checkout\r\n"
    "      Picks a slot: 1: Maya, Tom\r\n"
    "      # pays with a card\r\n"
    "      Pays: 4: Tom\r\n"
    "    section Delivery\r\n"
    "      Driver arrives: 5\r\n")


def _example(name: str) -> JourneyMap:
    examples = Path(__file__).resolve().parent.parent / "resources" / "examples"
    return load_map(examples / f"{name}.journeymap")


# ----- plain Mermaid -> map -----------------------------------------------------------------------
def test_a_plain_journey_becomes_stages_cards_personas_and_curves(tmp_path: Path) -> None:
    path = tmp_path / "shop.mmd"
    path.write_bytes(DOCS_JOURNEY.encode("utf-8"))
    result = read_mermaid_map(path)
    journey = result.map
    assert journey.title == "Ordering groceries"
    assert journey.description == "How a parent orders the weekly shop on the app"
    assert journey.scale.preset == "1..5"
    assert [s.name for s in journey.stages] == ["Discover", "Checkout", "Delivery"]
    assert [(lane.name, lane.kind) for lane in journey.lanes][:2] == [
        ("Touchpoints", "touchpoints"), ("Emotions", "emotions")]
    cards = journey_order(journey)
    assert [c.title for c in cards] == ["Sees an ad", "Reads reviews", "Picks a slot", "Pays",
                                        "Driver arrives"]
    assert {c.kind for c in cards} == {"touchpoint"}
    assert {c.lane_id for c in cards} == {journey.lanes[0].id}
    assert [p.name for p in journey.personas] == ["Maya", "Tom"]
    everyone = find_curve(journey, None, "as-is")
    assert everyone is not None and everyone.id == EVERYONE_AS_IS_ID
    assert [c.emotions[everyone.id].value for c in cards] == [3, 4, 1, 4, 5]
    maya, tom = (find_curve(journey, p.id, "as-is") for p in journey.personas)
    assert maya is not None and tom is not None
    assert [c.title for c in cards if maya.id in c.emotions] == [
        "Sees an ad", "Reads reviews", "Picks a slot"]
    assert [c.title for c in cards if tom.id in c.emotions] == [
        "Reads reviews", "Picks a slot", "Pays"]
    assert result.warnings == ()


def test_what_mermaid_corrupts_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "odd.mmd"
    path.write_text("journey\n"
                    "  title Odd scores\n"
                    "  section A\n"
                    "    Not a number: high: Me\n"
                    "    Too high: 7: Me\n"
                    "    Half: 3.5: Me\n"
                    "    Empty actor: 3: Me, , You\n"
                    "    Third colon: 4: Me: extra\n"
                    "    Time 10: 30 meeting: 4: Me\n", encoding="utf-8")
    result = read_mermaid_map(path)
    lines = {int(w.split(":")[0].split()[1]) for w in result.warnings if w.startswith("line ")}
    assert {4, 5, 6, 7, 8, 9} <= lines, result.warnings
    assert all(": warning: " in w or ": error: " in w for w in result.warnings)
    values = [c.emotions.get(EVERYONE_AS_IS_ID) for c in journey_order(result.map)]
    # 7 clamped to 5, 3.5 rounded away from the middle, "high" has no value
    assert values[1] is not None and values[1].value == 5
    assert values[2] is not None and values[2].value == 4


def test_other_diagram_types_are_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "flow.mmd"
    path.write_text("flowchart LR\n  A --> B\n", encoding="utf-8")
    with pytest.raises(LoadError) as refused:
        read_mermaid_map(path)
    message = str(refused.value)
    assert "\n" not in message
    assert "flowchart" in message


def test_binary_garbage_and_a_file_cut_short_give_one_line(tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.mmd"
    garbage.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(LoadError) as refused:
        read_mermaid_map(garbage)
    assert "\n" not in str(refused.value)
    cut = tmp_path / "cut.mmd"
    cut.write_text(mermaid_text(_example("grocery-delivery"))[:5_000], encoding="utf-8")
    result = read_mermaid_map(cut)  # a journey cut mid-payload still reads, with notes
    assert result.map.stages
    assert result.warnings


# ----- map -> Mermaid -> the same map -------------------------------------------------------------
@pytest.mark.parametrize("name", EXAMPLES)
def test_an_example_survives_the_round_trip_unchanged(name: str, tmp_path: Path) -> None:
    original = _example(name)
    out = tmp_path / f"{name}.mmd"
    written = export_mermaid(original, out)
    assert written.path == out and "Mermaid journey" in written.summary()
    result = read_mermaid_map(out)
    assert result.warnings == ()
    assert result.map == original


@pytest.mark.parametrize("name", EXAMPLES)
def test_the_written_journey_is_one_mermaid_draws(name: str) -> None:
    original = _example(name)
    text = mermaid_text(original)
    read = read_mermaid(text)
    assert read.mermaid_renders and read.diagnostics == []
    drawn = [line for line in text.splitlines() if not line.lstrip().startswith("%%")]
    assert drawn[0] == "journey"
    sections = [line.strip()[len("section "):] for line in drawn if line.strip().startswith(
        "section ")]
    assert len(sections) == len(original.stages)
    tasks = [line for line in drawn[1:] if line.startswith(" " * 8)]
    touchpoints = [c for c in journey_order(original) if c.kind == "touchpoint"]
    assert len(tasks) == len(touchpoints)
    for line in tasks:  # "name: score[: actors]", the name cleaned of Mermaid's syntax
        name, score, *_ = line.strip().split(":")
        assert "#" not in name.replace("#58;", "").replace("#35;", "").replace("#59;", "")
        assert score.strip() in {"1", "2", "3", "4", "5"}


def test_names_with_mermaid_syntax_are_cleaned_and_restored() -> None:
    journey = JourneyMap.model_validate_json(_example("grocery-delivery").model_dump_json())
    journey.stages[0] = Stage(id=journey.stages[0].id, name="Pay: now; #1 <b>")
    card = journey_order(journey)[0]
    index = journey.cards.index(card)
    journey.cards[index] = card.model_copy(update={"title": "Time: 10:30; #tag"})
    text = mermaid_text(journey)
    drawn = "\n".join(line for line in text.splitlines() if "%%" not in line)
    assert "Pay: now" not in drawn and "Time: 10" not in drawn
    assert "Pay#58; now#59; #35;1" in drawn
    back, notes = journey_to_map(read_mermaid(text).journey)
    assert back == journey and notes == []


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(journey_maps())
def test_any_map_survives_the_round_trip(journey: JourneyMap) -> None:
    text = mermaid_text(journey)
    back, notes = journey_to_map(read_mermaid(text).journey)
    assert back == journey, notes


# ----- edits made in Mermaid win ------------------------------------------------------------------
def test_edits_in_mermaid_win_and_are_noted() -> None:
    original = _example("grocery-delivery")
    lines = mermaid_text(original).split("\n")
    first_task = next(i for i, line in enumerate(lines) if line.startswith(" " * 8)
                      and not line.strip().startswith("%%"))
    _name, _score, actors = lines[first_task].strip().split(":")
    lines[first_task] = f"        Renamed in Mermaid: 1:{actors}"
    lines.insert(first_task + 1, "        A brand new task: 5: Newcomer")
    last_section = max(i for i, line in enumerate(lines) if line.strip().startswith("section"))
    del lines[last_section - 1:]  # the last section (and its payload line) deleted
    back, notes = journey_to_map(read_mermaid("\n".join(lines)).journey)
    assert len(back.stages) == len(original.stages) - 1
    first = journey_order(back)[0]
    assert first.title == "Renamed in Mermaid"
    assert first.emotions[EVERYONE_AS_IS_ID].value == -2  # 1 of 1-5 on the map's -2..+2
    new = next(c for c in back.cards if c.title == "A brand new task")
    assert new.kind == "touchpoint" and new.stage_id == first.stage_id
    newcomer = next(p for p in back.personas if p.name == "Newcomer")
    curve = find_curve(back, newcomer.id, "as-is")
    assert curve is not None and new.emotions[curve.id].value == 2
    assert any("A brand new task" in note and note.startswith("line ") for note in notes)
    assert any("score" in note for note in notes)
    # the other cards came back as they were
    kept = {c.id: c for c in original.cards}
    same = [c for c in back.cards if c.id in kept and c.id != first.id]
    assert same and all(kept[c.id] == c for c in same)


def test_a_copied_task_becomes_a_new_card() -> None:
    original = _example("bike-service-blueprint")
    lines = mermaid_text(original).split("\n")
    task = next(i for i, line in enumerate(lines) if line.startswith(" " * 8)
                and "%% journeymap task" in line)
    copied = lines[task:task + 2]
    lines[task + 2:task + 2] = copied
    back, _notes = journey_to_map(read_mermaid("\n".join(lines)).journey)
    assert len(back.cards) == len(original.cards) + 1
    assert len({c.id for c in back.cards}) == len(back.cards)


def test_damaged_comments_fall_back_to_a_plain_import() -> None:
    text = mermaid_text(_example("grocery-delivery"))
    assert '"kind":"pain_point"' in text
    damaged = text.replace('"kind":"pain_point"', '"kind":"bogus"', 1)
    back, notes = journey_to_map(read_mermaid(damaged).journey)
    assert notes and "plain Mermaid journey" in notes[0]
    assert [s.name for s in back.stages] == [s.name for s in _example("grocery-delivery").stages]


def test_a_card_title_longer_than_a_title_keeps_its_words_in_the_text() -> None:
    long_name = "Reads " + "the very long terms and conditions " * 10
    back, notes = journey_to_map(read_mermaid(f"journey\n section A\n  {long_name}: 2\n").journey)
    card = back.cards[0]
    assert len(card.title) == 200 and card.title.endswith("…")
    assert card.body == long_name.strip()
    assert notes and notes[0].startswith("line 3:")


def test_map_to_journey_keeps_touchpoints_as_tasks_and_the_rest_as_payload() -> None:
    original = _example("grocery-delivery")
    journey = map_to_journey(original)
    touchpoints = sum(1 for c in original.cards if c.kind == "touchpoint")
    assert len(journey.tasks()) == touchpoints
    others = sum(len(s.extra.get("cards", [])) for s in journey.sections)
    assert touchpoints + others == len(original.cards)
    assert isinstance(Card, type)


@pytest.mark.skipif(not os.environ.get("JOURNEYMAP_MMDC"),
                    reason="set JOURNEYMAP_MMDC to Mermaid's CLI (mmdc) to check it draws")
def test_mermaid_itself_draws_the_exported_example(tmp_path: Path) -> None:
    mmdc = os.environ["JOURNEYMAP_MMDC"]
    source = tmp_path / "grocery.mmd"
    export_mermaid(_example("grocery-delivery"), source)
    out = tmp_path / "grocery.svg"
    extra = ["-p", os.environ["JOURNEYMAP_MMDC_PUPPETEER"]] \
        if os.environ.get("JOURNEYMAP_MMDC_PUPPETEER") else []
    done = subprocess.run([shutil.which(mmdc) or mmdc, *extra, "-i", str(source), "-o",
                           str(out), "-q"], capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    svg = out.read_text(encoding="utf-8")
    assert "Picks an evening delivery slot" in svg and "Syntax error" not in svg


def test_more_than_a_map_holds_is_a_note_or_one_line(tmp_path: Path) -> None:
    actors = tmp_path / "actors.mmd"
    actors.write_text("journey\n  section A\n" + "".join(
        f"    Task {i}: 3: Actor {i}\n" for i in range(80)), encoding="utf-8")
    result = read_mermaid_map(actors)
    assert len(result.map.personas) == 49  # one curve each, beside everyone's: 50 curves
    assert any("31 more actors" in note for note in result.warnings)
    stages = tmp_path / "stages.mmd"
    stages.write_text("journey\n" + "".join(f"  section S{i}\n    T: 3\n" for i in range(250)),
                      encoding="utf-8")
    with pytest.raises(LoadError, match="at most 200 stages"):
        read_mermaid_map(stages)
