"""PDF export benchmark: an A0 poster and an A4 handout of a generated map.

    python benchmarks/bench_pdf.py --cards 2000 [--cards 500 ...] [--repeat 3]

Prints one JSON object per line, e.g. {"metric": "poster_seconds", "cards": 2000, "value": 0.52}:
the export's wall time (map already loaded), the process's peak resident memory in MB and the
file's size in MB, for the poster and the handout. Every measurement runs in a fresh Python
process, so peak memory is that export's alone and caches never carry over; with --repeat the
fastest time (and the largest memory) is reported.

Floors (on a 2-core machine): the A0 poster of 2,000 cards under 2 s and under 5 MB.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
KINDS = {"poster": {"paper": "A0"}, "handout": {"handout": True}}


def _make_map_module() -> ModuleType:
    """benchmarks/ is not a package: load make_map.py by path."""
    spec = importlib.util.spec_from_file_location("make_map", HERE / "make_map.py")
    if spec is None or spec.loader is None:
        raise SystemExit("bench_pdf: cannot load benchmarks/make_map.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _child(kind: str, map_path: Path, out: Path) -> None:
    """One measurement, in this fresh process; prints a JSON result line."""
    from journeymap_desktop.export import PdfOptions, export_pdf
    from journeymap_desktop.storage import load_map

    journey = load_map(map_path)
    options = PdfOptions(**KINDS[kind])  # type: ignore[arg-type]
    start = time.perf_counter()
    result = export_pdf(journey, out, options)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
    print(json.dumps({"seconds": seconds, "rss_mb": peak_kb / 1024,
                      "file_mb": result.file_size / 1e6, "pages": result.pages,
                      "card_text_pt": result.card_text_pt}))


def _measure(kind: str, map_path: Path, out: Path) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--map", str(map_path), "-o", str(out)],
        capture_output=True, text=True, check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"bench_pdf: {kind} export failed: {completed.stderr.strip()}")
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _emit(metric: str, cards: int, value: float) -> None:
    print(json.dumps({"metric": metric, "cards": cards, "value": round(value, 3)}), flush=True)


def run(cards_list: Sequence[int], repeat: int, stages: int, seed: int) -> None:
    make_map = _make_map_module().make_map
    from journeymap_desktop.storage import save_map

    with tempfile.TemporaryDirectory(prefix="bench_pdf_") as folder:
        for cards in cards_list:
            map_path = Path(folder) / f"map{cards}.journeymap"
            save_map(make_map(cards, stages=stages, seed=seed), map_path, keep_backup=False)
            for kind in KINDS:
                runs = [_measure(kind, map_path, Path(folder) / f"{kind}{cards}.pdf")
                        for _ in range(repeat)]
                _emit(f"{kind}_seconds", cards, min(r["seconds"] for r in runs))
                _emit(f"{kind}_peak_rss_mb", cards, max(r["rss_mb"] for r in runs))
                _emit(f"{kind}_file_mb", cards, runs[-1]["file_mb"])
                _emit(f"{kind}_pages", cards, runs[-1]["pages"])
                if kind == "poster":
                    _emit("poster_card_text_pt", cards, runs[-1]["card_text_pt"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the PDF export of a generated map.")
    parser.add_argument("--cards", type=int, action="append",
                        help="number of cards (repeat for several sizes; default 2000)")
    parser.add_argument("--stages", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement")
    parser.add_argument("--child", choices=sorted(KINDS), help=argparse.SUPPRESS)
    parser.add_argument("--map", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("-o", "--output", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child, args.map, args.output)
        return 0
    run(args.cards or [2000], max(1, args.repeat), args.stages, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
