"""Import benchmark: survey exports (CSV, optionally XLSX) and Mermaid journeys.

    python benchmarks/bench_import.py [--rows 100000] [--repeat 5] [--xlsx]

Prints one JSON object per line. For each survey export (Qualtrics and SurveyMonkey layouts,
written by tests/data/survey_exports.py): the median over --repeat runs, each in a fresh
process, of inspecting the file (encoding, delimiter, headers, a sample), proposing the
mapping and aggregating every row (n, mean, median, quartiles per card and persona, quotes),
with the process's peak memory; beside it the floor measured in the same run: reading,
decoding and splitting the same file with Python's csv module and nothing else (for XLSX:
inflating the workbook's parts). For Mermaid:
reading and writing a journey of 500 tasks. The load average is printed with each figure.

Targets (issue 14): a 100,000-row survey CSV in well under 5 s.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
EXPORTS = HERE.parent / "tests" / "data" / "survey_exports.py"


def _exports() -> ModuleType:
    spec = importlib.util.spec_from_file_location("survey_exports", EXPORTS)
    if spec is None or spec.loader is None:
        raise SystemExit(f"bench_import: cannot load {EXPORTS}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _child_survey(path: str) -> None:
    from journeymap_desktop.storage.importers.survey_evidence import aggregate_survey
    from journeymap_desktop.storage.importers.survey_layout import inspect_survey
    from journeymap_desktop.storage.importers.survey_mapping import propose_mapping

    start = time.perf_counter()
    if path.endswith(".xlsx"):  # floor: inflating the workbook's parts, nothing parsed
        with zipfile.ZipFile(path) as archive:
            rows = sum(len(archive.read(name)) for name in archive.namelist()) // 10**6
    else:  # floor: Python's csv module splitting the decoded file
        raw = Path(path).read_bytes()
        rows = sum(1 for _ in csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        del raw
    floor = time.perf_counter() - start
    start = time.perf_counter()
    inspection = inspect_survey(path)
    inspected = time.perf_counter()
    proposal = propose_mapping(inspection)
    proposed = time.perf_counter()
    if proposal.mapping is None:
        raise SystemExit("bench_import: no mapping proposed")
    evidence = aggregate_survey(inspection, proposal.mapping)
    done = time.perf_counter()
    print(json.dumps({
        "floor": floor, "inspect": inspected - start, "propose": proposed - inspected,
        "aggregate": done - proposed, "total": done - start, "rows": rows,
        "responses": evidence.responses, "cards": len(evidence.cards),
        "quotes": sum(len(c.quotes) for c in evidence.cards) + len(evidence.quotes),
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def _run_child(*arguments: str) -> dict[str, float]:
    completed = subprocess.run([sys.executable, __file__, "--child", *arguments],
                               capture_output=True, text=True, check=False)
    if completed.returncode:
        raise SystemExit(f"bench_import: child failed: {completed.stderr.strip()[-500:]}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _survey(name: str, path: Path, rows: int, repeat: int, file_format: str) -> None:
    runs = [_run_child("survey", str(path)) for _ in range(repeat)]
    median = {key: statistics.median(run[key] for run in runs)
              for key in ("floor", "inspect", "propose", "aggregate", "total", "rss_mb")}
    print(json.dumps({
        "metric": "survey_import_seconds", "export": name, "format": file_format,
        "rows": rows, "file_mb": round(path.stat().st_size / 1e6, 1),
        "median": round(median["total"], 3),
        "runs": [round(run["total"], 3) for run in runs],
        "inspect": round(median["inspect"], 3), "propose": round(median["propose"], 4),
        "aggregate": round(median["aggregate"], 3),
        "floor": round(median["floor"], 3),
        "ratio_to_floor": round(median["total"] / median["floor"], 2),
        "peak_rss_mb": round(median["rss_mb"]), "cards": runs[0]["cards"],
        "quotes": runs[0]["quotes"], "responses": runs[0]["responses"],
        "load_average": _load()}), flush=True)


def _mermaid(repeat: int) -> None:
    from journeymap_desktop.storage.importers.journey import (
        Journey,
        JourneySection,
        JourneyTask,
    )
    from journeymap_desktop.storage.importers.mermaid_reader import read_mermaid
    from journeymap_desktop.storage.importers.mermaid_writer import write_mermaid

    sections = [JourneySection(f"Stage {s + 1}: {['Discover', 'Order', 'Pay', 'Deliver'][s % 4]}",
                               [JourneyTask(f"Task {s * 50 + t + 1} #{t}; check", 1 + (t % 5),
                                            ["Ana", "Bo"] if t % 2 else ["Ana"])
                                for t in range(50)]) for s in range(10)]
    journey = Journey(title="500 tasks", sections=sections)
    text = write_mermaid(journey)
    reads, writes = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        result = read_mermaid(text)
        reads.append(time.perf_counter() - start)
        start = time.perf_counter()
        write_mermaid(result.journey)
        writes.append(time.perf_counter() - start)
    if result.journey != journey or result.diagnostics:
        raise SystemExit("bench_import: the 500-task journey did not read back unchanged")
    print(json.dumps({"metric": "mermaid_seconds", "tasks": 500, "chars": len(text),
                      "read_median": round(statistics.median(reads), 4),
                      "write_median": round(statistics.median(writes), 4),
                      "read_runs": [round(r, 4) for r in reads], "load_average": _load()}),
          flush=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--xlsx", action="store_true", help="also a SurveyMonkey XLSX export "
                        "(needs openpyxl to write it)")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.child:
        _child_survey(options.child[1])
        return
    exports = _exports()
    with tempfile.TemporaryDirectory() as folder:
        for name, rows_of in (("qualtrics", exports.qualtrics_rows),
                              ("surveymonkey", exports.surveymonkey_rows)):
            path = Path(folder) / f"{name}.csv"
            with path.open("w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle, lineterminator="\r\n").writerows(rows_of(options.rows))
            _survey(name, path, options.rows, options.repeat, "csv")
        if options.xlsx:
            import openpyxl

            workbook = openpyxl.Workbook(write_only=True)
            sheet = workbook.create_sheet("Sheet")
            for row in exports.surveymonkey_rows(options.rows):
                sheet.append([cell or None for cell in row])
            path = Path(folder) / "surveymonkey.xlsx"
            workbook.save(path)
            _survey("surveymonkey", path, options.rows, options.repeat, "xlsx")
    _mermaid(options.repeat)


if __name__ == "__main__":
    main()
