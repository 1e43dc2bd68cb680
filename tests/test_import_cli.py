"""`journeymap import` and the batch export: what a user types, what is printed (one escaped
line each), what is written (atomically, or nothing at all), and bad input of every kind."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from journeymap_desktop.cli import main
from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID
from journeymap_desktop.resources import examples_dir
from journeymap_desktop.storage import load_map
from tests.data import survey_exports

DATA = Path(__file__).resolve().parent / "data"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# ----- surveys ------------------------------------------------------------------------------------
def test_a_survey_export_just_works_and_the_mapping_is_printed(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.journeymap"
    status, stdout, stderr = _run(["import", str(DATA / "qualtrics_grocery.csv"), "-o",
                                   str(out)], capsys)
    assert status == 0, stderr
    assert "mapping proposed:" in stdout
    assert "Qualtrics export (3 header rows" in stdout
    assert "stages from the rated rows" in stdout and "Browsing the app" in stdout
    assert "scores on a 1-5 scale" in stdout
    assert "persona from" in stdout
    assert f"wrote {out}" in stdout
    assert "row 9: warning:" in stderr and "left out" in stderr
    journey = load_map(out)
    assert len(journey.cards) == 5 and len(journey.personas) == 3


def test_into_a_map_twice_adds_nothing_twice(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "grocery.journeymap"
    shutil.copy(examples_dir() / "grocery-delivery.journeymap", target)
    before = load_map(target)
    for _ in range(2):
        status, stdout, stderr = _run(["import", str(DATA / "surveymonkey_grocery.csv"),
                                       "--into", str(target), "-o", str(target)], capsys)
        assert status == 0, stderr
    after = load_map(target)
    known = {s.name for s in before.stages}
    assert len(after.cards) == len(before.cards) + 5
    assert "Delivery" in known  # the survey's Delivery stage is the map's
    assert len(after.stages) == len(before.stages) + len(set(survey_exports.STAGES) - known)
    assert "0 cards added, 0 updated, 5 unchanged" in stdout
    assert (tmp_path / "grocery.journeymap.bak").exists()


def test_options_change_the_mapping_and_it_is_printed(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "tf.journeymap"
    status, stdout, stderr = _run([
        "import", str(DATA / "typeform_grocery.csv"), "-o", str(out), "--reverse", "3",
        "--quote", "Anything we could do better?=Delivery", "--quotes-per-card", "2",
        "--no-persona"], capsys)
    assert status == 0, stderr
    assert "mapping used:" in stdout
    assert "(reverse-coded)" in stdout and "quotes from column 8" in stdout
    journey = load_map(out)
    assert journey.personas == []
    delivery = next(s.id for s in journey.stages if s.name == "Delivery")
    card = next(c for c in journey.cards if c.stage_id == delivery)
    assert len(card.evidence) == 2
    plain, _ = (tmp_path / "plain.journeymap"), None
    assert _run(["import", str(DATA / "typeform_grocery.csv"), "-o", str(plain)], capsys)[0] == 0
    browse = [next(c for c in load_map(path).cards if c.title == "Browsing the app")
              for path in (out, plain)]
    reversed_value = browse[0].emotions[EVERYONE_AS_IS_ID].value
    assert reversed_value == pytest.approx(6 - browse[1].emotions[EVERYONE_AS_IS_ID].value,
                                           abs=0.011)


def test_a_long_table_with_named_columns(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "long.journeymap"
    status, _stdout, stderr = _run([
        "import", str(DATA / "touchpoint_scores_long.csv"), "-o", str(out), "--stage", "Stage",
        "--score", "4", "--touchpoint", "Touchpoint", "--scale", "1-5"], capsys)
    assert status == 0, stderr
    journey = load_map(out)
    assert sorted(c.title for c in journey.cards) == sorted(
        ["Search", "Offers page", "Checkout", "Tracking", "Driver at the door"])
    assert "Windows-1252" in stderr  # the encoding it had to guess, named on its line


def test_preview_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "map.journeymap"
    status, stdout, _ = _run(["import", str(DATA / "qualtrics_grocery.csv"), "-o", str(out),
                              "--preview"], capsys)
    assert status == 0
    assert "new: Paying / Paying: Everyone · As-is" in stdout
    assert not out.exists()


@pytest.mark.parametrize(("argv", "message"), [
    (["--rate", "nope=Stage"], "no column “nope”"),
    (["--rate", "999=Stage"], "column 999: the export has columns 1 to 29"),
    (["--stage", "1"], "needs both --stage and --score"),
    (["--scale", "5-1"], "--scale 5-1"),
    (["--reverse", "Q5"], "not a score column"),
])
def test_options_that_do_not_fit_say_so_in_one_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
        message: str) -> None:
    out = tmp_path / "map.journeymap"
    status, _, stderr = _run(["import", str(DATA / "qualtrics_grocery.csv"), "-o", str(out),
                              *argv], capsys)
    assert status == 1
    assert message.replace("“", "").replace("”", "") in stderr.replace("“", "").replace("”", "")
    assert stderr.count("\n") == 1
    assert not out.exists()


# ----- Mermaid ------------------------------------------------------------------------------------
def test_a_mermaid_journey_imports_with_its_diagnostics_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "day\x1b[31m.mmd"  # even the file's name is escaped when printed
    source.write_text("journey\n  title My day\n  section Work\n    Make tea: 5: Me\n"
                      "    Evil \x1b[2J name: seven: Me\n    Time 10: 30 call: 3: Me, Cat\n",
                      encoding="utf-8")
    out = tmp_path / "day.journeymap"
    status, stdout, stderr = _run(["import", str(source), "-o", str(out)], capsys)
    assert status == 0, stderr
    assert "\x1b" not in stderr + stdout and "\\x1b" in stderr
    assert "day\\x1b[31m.mmd: line 5: warning: the score \"seven\" is not a number" in stderr
    assert "day\\x1b[31m.mmd: line 6: warning:" in stderr
    assert "1 sections -> stages, 3 tasks -> touchpoint cards, 2 actors -> personas" in stdout
    journey = load_map(out)
    assert journey.scale.preset == "1..5"
    assert next(c.title for c in journey.cards) == "Make tea"


def test_survey_options_with_a_mermaid_file_are_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "day.mmd"
    source.write_text("journey\n  section Work\n    Make tea: 5: Me\n", encoding="utf-8")
    status, _, stderr = _run(["import", str(source), "-o", str(tmp_path / "x"), "--into",
                              str(tmp_path / "y.journeymap")], capsys)
    assert status == 1 and "--into applies to survey exports" in stderr


def test_export_straight_from_a_mermaid_file(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "day.mmd"
    source.write_text("journey\n  title My day\n  section Work\n    Make tea: 5: Me\n"
                      "    Do work: 1.5: Me, Cat\n", encoding="utf-8")
    out = tmp_path / "day.pdf"
    status, _stdout, stderr = _run(["export", str(source), "-o", str(out), "--paper", "A3"],
                                  capsys)
    assert status == 0, stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "day.mmd: line 5: warning:" in stderr


# ----- bad input ----------------------------------------------------------------------------------
def _hostile(tmp_path: Path, kind: str) -> Path:
    if kind == "garbage":
        path = tmp_path / "garbage.csv"
        path.write_bytes(os.urandom(64 * 1024))
    elif kind == "cut xlsx":
        path = tmp_path / "cut.xlsx"
        shutil.copy(DATA / "qualtrics_grocery.csv", tmp_path / "q.csv")
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in survey_exports.qualtrics_rows(30):
            sheet.append(row)
        book.save(tmp_path / "whole.xlsx")
        data = (tmp_path / "whole.xlsx").read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif kind == "wide":
        path = tmp_path / "wide.csv"
        path.write_text(",".join(f"Q{i}" for i in range(10_000)) + "\n"
                        + ",".join("3" for _ in range(10_000)) + "\n", encoding="utf-8")
    elif kind == "huge":
        path = tmp_path / "huge.csv"
        with path.open("wb") as handle:  # 200 MB, sparse: refused by its size, never read
            handle.truncate(200 * 1024 * 1024)
    elif kind == "utf-16 no bom":
        path = tmp_path / "utf16.csv"
        path.write_bytes("Stage,Score\nA,3\n".encode("utf-16-le"))
    elif kind == "pdf":
        path = tmp_path / "report.csv"
        path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    else:
        raise AssertionError(kind)
    return path


@pytest.mark.parametrize("kind", ["garbage", "cut xlsx", "wide", "huge", "pdf"])
def test_bad_files_get_one_line_and_no_map(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           kind: str) -> None:
    source = _hostile(tmp_path, kind)
    out = tmp_path / "out.journeymap"
    status, _, stderr = _run(["import", str(source), "-o", str(out)], capsys)
    assert status == 1
    lines = [line for line in stderr.splitlines() if line.startswith("journeymap:")]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr and "unexpected error" not in stderr
    assert not out.exists()
    assert not list(tmp_path.glob("*.tmp"))


def test_a_guessed_encoding_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.journeymap"
    status, _, stderr = _run(["import", str(_hostile(tmp_path, "utf-16 no bom")), "-o",
                              str(out)], capsys)
    assert status == 0
    assert "UTF-16 without a byte-order mark" in stderr


def test_a_refused_import_into_a_map_leaves_it_as_it_was(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "grocery.journeymap"
    shutil.copy(examples_dir() / "grocery-delivery.journeymap", target)
    before = target.read_bytes()
    status, _, _ = _run(["import", str(_hostile(tmp_path, "garbage")), "--into", str(target),
                         "-o", str(target)], capsys)
    assert status == 1
    assert target.read_bytes() == before


# ----- batch export -------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["pdf", "svg", "mmd", "csv", "xlsx"])
def test_a_batch_writes_one_file_per_map_and_fails_only_the_broken_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    maps = [examples_dir() / "grocery-delivery.journeymap",
            examples_dir() / "bike-service-blueprint.journeymap"]
    broken = tmp_path / "broken.journeymap"
    broken.write_text('{"format": "journeymap", "version": 2, "cards": [', encoding="utf-8")
    outdir = tmp_path / "out"
    status, stdout, stderr = _run(["export", str(maps[0]), str(broken), str(maps[1]),
                                   "--outdir", str(outdir), "--format", fmt], capsys)
    assert status == 1
    assert sorted(p.name for p in outdir.iterdir()) == sorted(
        [f"grocery-delivery.{fmt}", f"bike-service-blueprint.{fmt}"])
    assert len(stdout.strip().splitlines()) == 2
    assert all(" -> " in line for line in stdout.strip().splitlines())
    assert "broken.journeymap:" in stderr and "1 of 3 maps failed; 2 written" in stderr


def test_a_batch_of_good_maps_exits_zero_and_names_collide_safely(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    for folder in (first, second):
        shutil.copy(examples_dir() / "grocery-delivery.journeymap", folder / "map.journeymap")
    outdir = tmp_path / "out"
    status, _, stderr = _run(["export", str(first / "map.journeymap"),
                              str(second / "map.journeymap"), "--outdir", str(outdir),
                              "--format", "mmd"], capsys)
    assert status == 1 and "was written from" in stderr
    status, _stdout, _ = _run(["export", str(first / "map.journeymap"), "--outdir",
                              str(outdir), "--format", "csv"], capsys)
    assert status == 0 and (outdir / "map.csv").exists()


@pytest.mark.parametrize(("argv", "message"), [
    (["A.journeymap", "B.journeymap", "-o", "x.pdf"], "--outdir"),
    (["A.journeymap", "--outdir", "d"], "--format"),
    (["A.journeymap", "--format", "pdf", "-o", "x.pdf"], "add --outdir"),
    (["A.journeymap", "--outdir", "d", "--format", "svg", "--paper", "A3"], "PDF only"),
])
def test_batch_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            argv: list[str], message: str) -> None:
    status, _, stderr = _run(["export", *argv], capsys)
    assert status == 1 and message in stderr


def test_csv_export_neutralises_formulas(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "evil.mmd"
    source.write_text('journey\n  section =cmd|" /C calc"!A0\n    @SUM(A1): 3\n',
                      encoding="utf-8")
    out = tmp_path / "evil.csv"
    status, _, stderr = _run(["export", str(source), "-o", str(out)], capsys)
    assert status == 0, stderr
    text = out.read_text(encoding="utf-8-sig")
    assert "'=cmd" in text and "'@SUM(A1)" in text
    assert json.dumps("=cmd")[1:-1] not in [cell for line in text.splitlines()
                                            for cell in line.split(",")]
