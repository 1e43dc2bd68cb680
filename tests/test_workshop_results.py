"""Results out of a map: `journeymap votes` (ranked, ties marked, names escaped) and the CSV
of every vote (anonymity kept, formula-looking cells neutralised)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap_desktop.cli import main
from journeymap_desktop.export.votes import CSV_COLUMNS, votes_csv, write_votes_csv
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.storage import save_map
from tests.helpers.workshop import voting_map


@pytest.fixture
def voted(tmp_path: Path) -> Path:
    path = tmp_path / "voted.journeymap"
    save_map(voting_map(), path, keep_backup=False)
    return path


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_votes_prints_every_round_ranked_with_ties(voted: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["votes", str(voted)]) == 0
    out = capsys.readouterr().out
    assert "Round A: Worst pain (closed)" in out
    assert "Round B: Ideas first (open)" in out
    lines = [line.split() for line in out.splitlines() if line.startswith(("  1 ", "  2="))]
    assert lines[0][:4] == ["1", "4", "Hidden", "fees"]
    assert [line[0] for line in lines[1:3]] == ["2=", "2="]
    assert out.count("(tied)") == 2
    assert "3 of 3 said they were done" in out
    assert "Ana" not in out and "Ben" not in out, "the ranked text names nobody"


def test_votes_one_round_by_name_or_its_start(voted: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["votes", str(voted), "--round", "ideas"]) == 0
    out = capsys.readouterr().out
    assert "Ideas first" in out and "Worst pain" not in out
    assert main(["votes", str(voted), "--round", "Nope"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no round is called “Nope”" in err
    assert "“Worst pain”" in err


def test_votes_csv_has_every_vote_and_keeps_anonymity(voted: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["votes", str(voted), "--csv"]) == 0
    rows = _rows(capsys.readouterr().out)
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert len(rows) == 7  # six votes in "Worst pain", one in "Ideas first"
    worst = [r for r in rows if r["round"] == "Worst pain"]
    assert {r["participant"] for r in worst} == {"anonymous"}
    assert [r["card"] for r in worst][:3] == ["Hidden fees"] * 3, "in rank order"
    assert sum(int(r["dots"]) for r in worst) == 8
    assert {r["tied"] for r in worst if r["card"] != "Hidden fees"} == {"yes"}
    ideas = [r for r in rows if r["round"] == "Ideas first"]
    assert ideas[0]["participant"] == "Ben" and ideas[0]["dots"] == "2"


def test_map_text_is_escaped_in_the_terminal_and_neutralised_in_csv(tmp_path: Path) -> None:
    journey = voting_map()
    journey.cards[0].title = "\x1b]0;pwned\x07=HYPERLINK(\"http://x\")"
    journey.workshop.rounds[0].name = "=cmd|' /C calc'!A0"
    journey.workshop.participants[1].name = "@SUM(1+1)"
    path = tmp_path / "hostile.journeymap"
    save_map(JourneyMap.model_validate(journey.model_dump()), path, keep_backup=False)
    result = subprocess.run([sys.executable, "-m", "journeymap_desktop", "votes", str(path)],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\\x1b]0;pwned\\x07" in result.stdout
    assert "PySide6" not in result.stderr
    out = tmp_path / "votes.csv"
    write_votes_csv(JourneyMap.model_validate(journey.model_dump()), out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), "a BOM, so spreadsheets read UTF-8"
    rows = _rows(data.decode("utf-8-sig"))
    assert rows[0]["round"] == "'=cmd|' /C calc'!A0"
    assert all(not r["round"].startswith("=") for r in rows)
    ideas = [r for r in rows if r["round_letter"] == "B"]
    assert ideas[0]["participant"] == "'@SUM(1+1)"


def test_a_map_without_rounds_says_so(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    from journeymap_desktop.model.templates import service_journey

    path = tmp_path / "plain.journeymap"
    save_map(service_journey(), path, keep_backup=False)
    assert main(["votes", str(path)]) == 0
    assert capsys.readouterr().out == "This map has no voting rounds.\n"
    assert main(["votes", str(path), "--csv"]) == 0
    assert capsys.readouterr().out.strip() == ",".join(CSV_COLUMNS)
    assert votes_csv(service_journey()).startswith("round,")


def test_votes_reports_an_unreadable_map_in_one_line(tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cut.journeymap"
    path.write_text('{"format": "journeymap", ')
    assert main(["votes", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("journeymap: ") and err.count("\n") == 1
