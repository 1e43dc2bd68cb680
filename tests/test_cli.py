"""The `journeymap` command line: what a user typing in a terminal sees."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap_desktop import __version__
from journeymap_desktop.cli import main
from journeymap_desktop.storage import encode_map, load_map
from tests.helpers.maps import rich_map


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "journeymap_desktop", *args],
        cwd=cwd, capture_output=True, text=True, timeout=60, check=False,
    )


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.fixture
def maps(tmp_path: Path) -> dict[str, Path]:
    """A folder of good and bad files, as a user would have."""
    good = tmp_path / "good.journeymap"
    good.write_bytes(encode_map(rich_map()))
    data = json.loads(encode_map(rich_map()))
    data["cards"][0]["emotions"]["everyone-as-is"]["value"] = "seven"
    data["cards"][1]["votes"] = -1
    data["stages"][0]["colour"] = "blue"
    three_problems = tmp_path / "three problems.journeymap"
    three_problems.write_text(json.dumps(data, indent=2), encoding="utf-8")
    not_json = tmp_path / "notes.txt"
    not_json.write_text("Remember: call the courier\n", encoding="utf-8")
    data = json.loads(encode_map(rich_map()))
    data["cards"][1]["id"] = "c-ad"
    data["cards"][3]["stage_id"] = "s-gone"
    dangling = tmp_path / "dangling.journeymap"
    dangling.write_text(json.dumps(data, indent=2), encoding="utf-8")
    folder = tmp_path / "a folder"
    folder.mkdir()
    return {"good": good, "three": three_problems, "dangling": dangling, "not_json": not_json,
            "folder": folder, "missing": tmp_path / "missing.journeymap"}


# ----- --version and new -------------------------------------------------------------------
def test_version_prints_the_version(tmp_path: Path) -> None:
    result = run("--version", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"journeymap {__version__}"
    assert result.stderr == ""


def test_new_writes_a_valid_map_and_refuses_to_overwrite(tmp_path: Path) -> None:
    result = run("new", "--template", "service", "-o", "mine.journeymap", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "mine.journeymap"
    journey = load_map(path)
    assert [s.name for s in journey.stages][:2] == ["Awareness", "Consideration"]
    assert "mine.journeymap" in result.stdout
    written = path.read_bytes()

    again = run("new", "--template", "lifecycle", "-o", "mine.journeymap", cwd=tmp_path)
    assert again.returncode != 0
    assert _lines(again.stderr) == [again.stderr.strip()]
    assert "exists already" in again.stderr
    assert "--force" in again.stderr
    assert path.read_bytes() == written

    forced = run("new", "--template", "lifecycle", "-o", "mine.journeymap", "--force",
                 cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert "Onboarding" in [s.name for s in load_map(path).stages]
    assert not (tmp_path / "mine.journeymap.bak").exists()


def test_new_unknown_template_is_one_line_without_traceback(tmp_path: Path) -> None:
    result = run("new", "--template", "kanban", "-o", "x.journeymap", cwd=tmp_path)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(_lines(result.stderr)) == 1
    assert 'unknown template "kanban"' in result.stderr
    assert "service, lifecycle, blueprint, blank" in result.stderr
    assert result.stdout == ""
    assert not (tmp_path / "x.journeymap").exists()


def test_new_in_process_with_title(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "titled.journeymap"
    assert main(["new", "--template", "blank", "--title", "Café – onboarding", "-o",
                 str(out)]) == 0
    assert load_map(out).title == "Café – onboarding"
    assert "Blank" in capsys.readouterr().out


def test_new_into_a_missing_folder_fails_in_one_line(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "-o", str(tmp_path / "no such folder" / "m.journeymap")]) != 0
    err = capsys.readouterr().err
    assert len(_lines(err)) == 1
    assert "Traceback" not in err


def test_usage_errors_are_one_line_with_status_2(tmp_path: Path) -> None:
    result = run("new", "--template", "service", cwd=tmp_path)  # no -o
    assert result.returncode == 2
    assert len(_lines(result.stderr)) == 1
    assert "-o" in result.stderr
    assert "Traceback" not in result.stderr


# ----- validate ----------------------------------------------------------------------------
def test_validate_reports_each_file_and_fails_if_any_is_invalid(tmp_path: Path,
                                                                maps: dict[str, Path]) -> None:
    result = run("validate", maps["good"].name, maps["three"].name, maps["good"].name,
                 cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "good.journeymap: OK (3 stages, 2 lanes, 4 cards)"
    assert lines[1] == "three problems.journeymap: 3 problems"
    problems = lines[2:5]
    assert all(line.startswith("  ") for line in problems)
    joined = "\n".join(problems)
    assert "cards[0].emotions.everyone-as-is.value" in joined
    assert "cards[1].votes" in joined
    assert "stages[0].colour" in joined
    assert lines[5] == "good.journeymap: OK (3 stages, 2 lanes, 4 cards)"
    assert len(lines) == 6


def test_validate_lists_every_whole_map_problem(maps: dict[str, Path],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(maps["dangling"])]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{maps['dangling']}: 2 problems"
    assert lines[1] == '  cards[1].id: duplicate id "c-ad" (also cards[0])'
    assert lines[2] == '  cards[3].stage_id: card "c-late" is in unknown stage "s-gone"'


def test_validate_all_valid_exits_zero(tmp_path: Path, maps: dict[str, Path],
                                       capsys: pytest.CaptureFixture[str]) -> None:
    other = tmp_path / "other.journeymap"
    assert main(["new", "--template", "lifecycle", "-o", str(other)]) == 0
    capsys.readouterr()
    assert main(["validate", str(maps["good"]), str(other)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert all(": OK (" in line for line in out)


@pytest.mark.parametrize(
    ("which", "words"),
    [("missing", "no such file"), ("folder", "folder"), ("not_json", "not valid JSON")],
)
def test_validate_unreadable_files_one_line_each(tmp_path: Path, maps: dict[str, Path],
                                                 which: str, words: str) -> None:
    result = run("validate", str(maps[which]), cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert _lines(result.stdout + result.stderr) == [result.stdout.strip()]
    assert result.stdout.startswith(f"{maps[which]}: ")
    assert words in result.stdout


def test_validate_in_process_mixed(maps: dict[str, Path],
                                   capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["validate", str(maps["missing"]), str(maps["folder"]),
                   str(maps["not_json"]), str(maps["good"])])
    assert status == 1
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 4
    assert "no such file" in lines[0]
    assert "folder" in lines[1]
    assert "line 1, column 1" in lines[2]
    assert lines[3].endswith("OK (3 stages, 2 lanes, 4 cards)")
    assert captured.err == ""


def test_validate_does_not_import_qt(tmp_path: Path, maps: dict[str, Path]) -> None:
    script = (
        "import sys\n"
        "from journeymap_desktop.cli import main\n"
        f"status = main(['validate', {str(maps['good'])!r}])\n"
        "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NO-QT')\n"
        "sys.exit(status)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "NO-QT"


def test_validate_keeps_going_after_a_file_with_a_huge_number(
        tmp_path: Path, maps: dict[str, Path]) -> None:
    huge = tmp_path / "huge-number.journeymap"
    huge.write_text(maps["good"].read_text(encoding="utf-8").replace(
        '"votes": 7', '"votes": ' + "9" * 5_000), encoding="utf-8")
    result = run("validate", huge.name, maps["good"].name, cwd=tmp_path)
    assert result.returncode == 1
    assert "unexpected error" not in result.stderr
    assert result.stdout.splitlines()[-1].startswith("good.journeymap: OK")


def test_new_refuses_a_title_the_loader_would_refuse(tmp_path: Path) -> None:
    out = tmp_path / "long.journeymap"
    result = run("new", "--title", "x" * 300, "-o", str(out), cwd=tmp_path)
    assert result.returncode != 0
    assert "200 characters" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_validate_refuses_a_device_without_reading_it_forever(tmp_path: Path) -> None:
    result = run("validate", "/dev/zero", cwd=tmp_path)
    assert result.returncode == 1
    assert "not a regular file" in result.stdout
