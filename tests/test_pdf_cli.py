"""`journeymap export` from the command line: summaries, one-line errors, no partial files."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from journeymap_desktop.cli import main
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.storage import save_map


@pytest.fixture
def map_file(small_map: JourneyMap, tmp_path: Path) -> Path:
    path = tmp_path / "journey.journeymap"
    save_map(small_map, path, keep_backup=False)
    return path


def test_poster_summary(map_file: Path, tmp_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.pdf"
    assert main(["export", str(map_file), "-o", str(out), "--paper", "A1",
                 "--orientation", "landscape"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed.startswith(f"wrote {out}: A1 landscape poster, 1 page, ")
    assert re.search(r", \d+ KB, smallest text \d+\.\d pt$", printed)
    assert len(PdfReader(out).pages) == 1


@pytest.mark.parametrize("extra", [
    ["--paper", "A3", "--bleed", "3", "--crop-marks", "--cmyk"],
    ["--paper", "600x400mm"],
    ["--paper", "A0", "--tile", "A4", "--overlap", "12"],
    ["--handout", "--paper", "Letter"],
    ["--handout"],
])
def test_option_combinations_export(map_file: Path, tmp_path: Path, extra: list[str]) -> None:
    out = tmp_path / "out.pdf"
    assert main(["export", str(map_file), "-o", str(out), *extra]) == 0
    assert PdfReader(out).pages


@pytest.mark.parametrize(("extra", "message"), [
    (["--paper", "B5"], 'unknown paper "B5"'),
    (["--bleed", "40"], "bleed must be between 0 and 20 mm"),
    (["--tile", "A2"], 'cannot tile on "A2" sheets'),
    (["--overlap", "5"], "--overlap applies to tiles only"),
    (["--handout", "--paper", "A1"], "handouts print on A4 or Letter"),
    (["--tile", "A4", "--crop-marks"], "bleed and crop marks are for single-page posters"),
])
def test_bad_options_fail_in_one_line_and_write_nothing(
        map_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        extra: list[str], message: str) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(b"%PDF-previous")
    assert main(["export", str(map_file), "-o", str(out), *extra]) == 1
    err = capsys.readouterr().err
    assert err.startswith("journeymap: ") and message in err
    assert err.count("\n") == 1
    assert out.read_bytes() == b"%PDF-previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journey.journeymap", "out.pdf"]


def test_damaged_map_fails_in_one_line(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    damaged = tmp_path / "broken.journeymap"
    damaged.write_text('{"format": "journeymap", "version": 1, "stages": [{"id": 3}]}')
    out = tmp_path / "out.pdf"
    assert main(["export", str(damaged), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("journeymap: broken.journeymap") and err.count("\n") == 1
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["broken.journeymap"]


def test_missing_map_and_missing_folder(map_file: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "nope.journeymap"), "-o",
                 str(tmp_path / "o.pdf")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["export", str(map_file), "-o", str(tmp_path / "no" / "o.pdf")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_refuses_to_overwrite_the_map_itself(map_file: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    before = map_file.read_bytes()
    assert main(["export", str(map_file), "-o", str(map_file)]) == 1
    assert "is the map itself" in capsys.readouterr().err
    assert map_file.read_bytes() == before


def test_usage_errors_exit_2_in_one_line(map_file: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "journeymap_desktop", "export", str(map_file), "-o",
         str(tmp_path / "o.pdf"), "--bleed", "lots"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "--bleed" in result.stderr
    assert not (tmp_path / "o.pdf").exists()


def test_existing_pdf_is_replaced_only_by_a_complete_one(map_file: Path,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(b"old")
    out.chmod(0o640)
    assert main(["export", str(map_file), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert out.stat().st_mode & 0o777 == 0o640  # the user's permissions are kept
