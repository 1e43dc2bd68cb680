"""Start-up: the light commands import nothing heavy; the window can quit on its own after its
first paint (for the shipped app's smoke test and start-up timing).

Each check runs in a fresh interpreter, because this test process has long since imported all
of them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("pydantic", "pydantic_core", "PySide6", "shiboken6", "reportlab")

_SCRIPT = """
import json, sys
from journeymap_desktop.cli import main
try:
    status = main({argv!r})
except SystemExit as stop:
    status = stop.code
heavy = sorted(m for m in sys.modules if m.split(".")[0] in {heavy!r})
print(json.dumps({{"status": status, "heavy": heavy}}), file=sys.stderr)
"""


def _run_cli(argv: list[str]) -> tuple[dict[str, object], str]:
    result = subprocess.run(
        [sys.executable, "-c", _SCRIPT.format(argv=argv, heavy=set(HEAVY))],
        capture_output=True, text=True, timeout=60, check=False)
    report = json.loads(result.stderr.strip().splitlines()[-1])
    return report, result.stdout


@pytest.mark.parametrize("argv", [
    ["--version"],
    ["--help"],
    ["-h"],
    ["new", "--help"],
    ["validate", "--help"],
    ["export", "--help"],
    ["import", "--help"],
])
def test_light_command_imports_nothing_heavy(argv: list[str]) -> None:
    report, stdout = _run_cli(argv)
    assert report["status"] in (0, None)
    assert report["heavy"] == [], f"`journeymap {' '.join(argv)}` imported {report['heavy']}"
    assert stdout.strip(), "the command printed nothing"


def test_version_prints_the_package_version() -> None:
    from journeymap_desktop import __version__

    _report, stdout = _run_cli(["--version"])
    assert stdout.strip() == f"journeymap {__version__}"


def test_the_check_notices_a_heavy_import() -> None:
    """The test above can fail: a command that does load the model is reported."""
    report, _stdout = _run_cli(["validate", "/nonexistent.journeymap"])
    assert "pydantic" in report["heavy"]


def test_model_still_loads_before_qt() -> None:
    """PySide6's import hook breaks a half-loaded pydantic, so the package loads the model just
    before the first PySide6 import; the document (pydantic + Qt) imports on its own."""
    script = (
        "import sys\n"
        "import journeymap_desktop\n"
        "assert 'journeymap_desktop.model.map' not in sys.modules\n"
        "import journeymap_desktop.document\n"
        "names = list(sys.modules)\n"
        "assert names.index('journeymap_desktop.model.map') < names.index('PySide6'), names\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr


def test_quit_after_first_paint_opens_a_window_and_exits(tmp_path: Path) -> None:
    """The start-up probe used by the shipped app's smoke test and the start-up measurement:
    the window opens on a map, paints, then the app closes it and exits 0 on its own."""
    import os
    import time

    from journeymap_desktop.resources import example_maps

    env = dict(os.environ, HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "config"),
               XDG_DATA_HOME=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen",
               JOURNEYMAP_QUIT_AFTER_FIRST_PAINT="1")
    started = time.time()
    result = subprocess.run([sys.executable, "-m", "journeymap_desktop", str(example_maps()[0])],
                            env=env, capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    painted = float(result.stdout.strip().removeprefix("first-paint-epoch="))
    assert started < painted < time.time()
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.rglob("recovery/*"))
