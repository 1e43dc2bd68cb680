"""Maps in and out, end to end, as a user runs them (issue 14, item 6).

    python benchmarks/bench_maps_in_out.py [--repeat 5] [--rows 100000] [--skip-survey]
    JOURNEYMAP_MMDC=path/to/mmdc [JOURNEYMAP_MMDC_PUPPETEER=puppeteer.json] python ...

Prints one JSON object per line, each with the load average:

- `mermaid_poster`: `journeymap export journey500.mmd -o poster.pdf --paper A0` (a Mermaid
  journey of 500 tasks in 10 sections with two actors, imported and exported as an A0 poster
  in one command, a fresh process each run), the median of --repeat runs; beside it Mermaid's
  own CLI drawing the same file to PDF (`mmdc -i journey500.mmd -o out.pdf`, when
  JOURNEYMAP_MMDC names it), the runs interleaved so both see the same load, and the ratio.
  The floor is the interpreter starting (`python -c pass`). The poster's smallest text (pt)
  comes from the command's own summary line. Target: at least 10x faster than mmdc.
- `survey_import`: `journeymap import export.csv -o map.journeymap` on a 100,000-row
  Qualtrics and SurveyMonkey export (written by tests/data/survey_exports.py), a fresh process
  each run: recognising, proposing, aggregating, merging, saving. The floor is Python's csv
  module reading the same file. Target: under 5 s.

Set PYTHONDONTWRITEBYTECODE off (or run once first) so the package's .pyc files exist, as in
an installed app.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
EXPORTS = HERE.parent / "tests" / "data" / "survey_exports.py"
JOURNEYMAP = [sys.executable, "-m", "journeymap_desktop"]


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _exports() -> ModuleType:
    spec = importlib.util.spec_from_file_location("survey_exports", EXPORTS)
    if spec is None or spec.loader is None:
        raise SystemExit(f"bench: cannot load {EXPORTS}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _timed(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": ""})
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"bench: {' '.join(command)} failed: {done.stderr.strip()[-400:]}")
    return elapsed, done.stdout


def journey500() -> str:
    """The 500-task journey (the one benchmarks/bench_import.py reads)."""
    from journeymap_desktop.storage.importers.journey import (
        Journey,
        JourneySection,
        JourneyTask,
    )
    from journeymap_desktop.storage.importers.mermaid_writer import write_mermaid

    stages = ["Discover", "Order", "Pay", "Deliver"]
    sections = [JourneySection(f"Stage {s + 1}: {stages[s % 4]}",
                               [JourneyTask(f"Task {s * 50 + t + 1} #{t}; check", 1 + (t % 5),
                                            ["Ana", "Bo"] if t % 2 else ["Ana"])
                                for t in range(50)]) for s in range(10)]
    return write_mermaid(Journey(title="500 tasks", sections=sections))


def mermaid_poster(folder: Path, repeat: int) -> None:
    source = folder / "journey500.mmd"
    source.write_text(journey500(), encoding="utf-8")
    ours_out = folder / "poster.pdf"
    ours_command = [*JOURNEYMAP, "export", str(source), "-o", str(ours_out), "--paper", "A0"]
    mmdc = os.environ.get("JOURNEYMAP_MMDC")
    mmdc_command = None
    if mmdc:
        mmdc_command = [shutil.which(mmdc) or mmdc, "-i", str(source), "-o",
                        str(folder / "mmdc.pdf"), "-q"]
        if os.environ.get("JOURNEYMAP_MMDC_PUPPETEER"):
            mmdc_command[1:1] = ["-p", os.environ["JOURNEYMAP_MMDC_PUPPETEER"]]
    _timed(ours_command)  # warm: .pyc files, the OS's file cache
    ours, theirs, floors, loads = [], [], [], []
    summary = ""
    for _ in range(repeat):
        floors.append(_timed([sys.executable, "-c", "pass"])[0])
        elapsed, summary = _timed(ours_command)
        ours.append(elapsed)
        if mmdc_command is not None:
            theirs.append(_timed(mmdc_command)[0])
        loads.append(os.getloadavg()[0])
    smallest = re.search(r"smallest text ([0-9.]+) pt", summary)
    ours_median = statistics.median(ours)
    result = {"metric": "mermaid_poster", "tasks": 500, "paper": "A0",
              "median_s": round(ours_median, 3), "runs": [round(r, 3) for r in ours],
              "floor_python_s": round(statistics.median(floors), 3),
              "ratio_to_floor": round(ours_median / statistics.median(floors), 1),
              "smallest_text_pt": float(smallest.group(1)) if smallest else None,
              "pdf_kb": round(ours_out.stat().st_size / 1024)}
    if theirs:
        mmdc_median = statistics.median(theirs)
        result.update({"mmdc_median_s": round(mmdc_median, 3),
                       "mmdc_runs": [round(r, 3) for r in theirs],
                       "times_faster_than_mmdc": round(mmdc_median / ours_median, 1)})
    else:
        result["mmdc"] = "not measured: set JOURNEYMAP_MMDC to Mermaid's CLI"
    result["load_average"] = _load()
    result["load_during_runs"] = [round(load, 2) for load in loads]
    print(json.dumps(result), flush=True)


def survey_import(folder: Path, rows: int, repeat: int) -> None:
    exports = _exports()
    for name, rows_of in (("qualtrics", exports.qualtrics_rows),
                          ("surveymonkey", exports.surveymonkey_rows)):
        path = folder / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle, lineterminator="\r\n").writerows(rows_of(rows))
        out = folder / f"{name}.journeymap"
        command = [*JOURNEYMAP, "import", str(path), "-o", str(out), "--force"]
        _timed(command)
        runs, floors = [], []
        for _ in range(repeat):
            start = time.perf_counter()
            raw = path.read_bytes()
            sum(1 for _ in csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
            floors.append(time.perf_counter() - start)
            runs.append(_timed(command)[0])
        median = statistics.median(runs)
        print(json.dumps({
            "metric": "survey_import", "export": name, "rows": rows,
            "file_mb": round(path.stat().st_size / 1e6, 1), "median_s": round(median, 3),
            "runs": [round(r, 3) for r in runs],
            "floor_csv_module_s": round(statistics.median(floors), 3),
            "ratio_to_floor": round(median / statistics.median(floors), 2),
            "load_average": _load()}), flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--skip-survey", action="store_true")
    parser.add_argument("--skip-mermaid", action="store_true")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        if not options.skip_mermaid:
            mermaid_poster(folder, options.repeat)
        if not options.skip_survey:
            survey_import(folder, options.rows, options.repeat)


if __name__ == "__main__":
    main()
