"""Start-up benchmark: time to a drawn window, and `journeymap --version`, frozen vs venv.

    python benchmarks/bench_startup.py [--frozen dist/journeymap/journeymap] [--runs 5]

Opens an example map in a real X11 window (a private Xvfb) and measures from just before the
process is started to the first painted canvas (JOURNEYMAP_QUIT_AFTER_FIRST_PAINT=1 makes the
app print that moment and quit). Three programs, run in turn so machine noise hits them alike:

    frozen   the PyInstaller build (packaging/build.sh)
    venv     the `journeymap` script of the virtual environment running this benchmark
    floor    Qt itself: a bare QWidget window from the same Python, to its first paint

and the same for `journeymap --version` (floor: `python -c pass`). Each process gets a fresh
HOME. The page cache is warm (the programs were just built or run). Prints one JSON object per
line: the median of the runs, every run, and the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLOOR_WINDOW = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
label = QLabel("floor"); label.resize(1440, 900)
class Watch(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, lambda: (print(f"first-paint-epoch={time.time():.6f}",
                                                flush=True), app.quit()))
        return False
watch = Watch(); label.installEventFilter(watch); label.show()
sys.exit(app.exec())
"""


@contextmanager
def xvfb() -> Iterator[str]:
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0",
                               "1600x1000x24", "-nolisten", "tcp"], pass_fds=(write_end,),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as pipe:
            yield ":" + pipe.readline().strip()
    finally:
        server.terminate()
        server.wait(timeout=10)


def time_to_first_paint(command: list[str], display: str) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = {"PATH": "/usr/bin:/bin", "HOME": home, "DISPLAY": display,
               "LANG": "C.UTF-8", "JOURNEYMAP_QUIT_AFTER_FIRST_PAINT": "1"}
        started = time.time()
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                                check=False)
    match = re.search(r"first-paint-epoch=([\d.]+)", result.stdout)
    if result.returncode != 0 or match is None:
        raise SystemExit(f"{command}: exit {result.returncode}\n{result.stdout}{result.stderr}")
    return float(match.group(1)) - started


def wall_time(command: list[str]) -> float:
    with tempfile.TemporaryDirectory() as home:
        started = time.perf_counter()
        subprocess.run(command, env={"PATH": "/usr/bin:/bin", "HOME": home}, check=True,
                       capture_output=True, timeout=60)
        return time.perf_counter() - started


def report(metric: str, runs: dict[str, list[float]], load_before: str) -> None:
    floor = statistics.median(runs["floor"])
    for name, values in runs.items():
        median = statistics.median(values)
        print(json.dumps({"metric": metric, "program": name, "median_s": round(median, 3),
                          "ratio_to_floor": round(median / floor, 2),
                          "runs_s": [round(v, 3) for v in values],
                          "load_before": load_before, "load_after": _load()}))


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frozen", type=Path, default=REPO / "dist" / "journeymap" / "journeymap")
    parser.add_argument("--venv-script", type=Path,
                        default=Path(sys.executable).parent / "journeymap")
    parser.add_argument("--map", type=Path,
                        default=REPO / "resources" / "examples" / "b2b-onboarding.journeymap")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("Xvfb") is None:
        raise SystemExit("bench_startup: needs Xvfb (apt-get install xvfb)")
    windows = {
        "frozen": [str(args.frozen), str(args.map)],
        "venv": [str(args.venv_script), str(args.map)],
        "floor": [sys.executable, "-c", FLOOR_WINDOW],
    }
    versions = {
        "frozen": [str(args.frozen), "--version"],
        "venv": [str(args.venv_script), "--version"],
        "floor": [sys.executable, "-c", "pass"],
    }
    with xvfb() as display:
        for command in windows.values():  # one untimed run each: the page cache is warm
            time_to_first_paint(command, display)
        load = _load()
        runs: dict[str, list[float]] = {name: [] for name in windows}
        for _ in range(args.runs):
            for name, command in windows.items():
                runs[name].append(time_to_first_paint(command, display))
        report("first_paint_s", runs, load)
    load = _load()
    runs = {name: [] for name in versions}
    for _ in range(args.runs):
        for name, command in versions.items():
            runs[name].append(wall_time(command))
    report("version_s", runs, load)


if __name__ == "__main__":
    main()
