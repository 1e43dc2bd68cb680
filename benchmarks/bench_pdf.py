"""PDF export benchmark: an A0 poster and an A4 handout of a generated map, beside a floor.

    python benchmarks/bench_pdf.py --cards 2000 [--cards 500 ...] [--repeat 5]

Prints one JSON object per line, e.g. {"metric": "poster_seconds", "cards": 2000, "value": 0.52}:
the export's wall time (map already loaded), the process's peak resident memory in MB and the
file's size in MB, for the poster and the handout, and the poster's smallest text as printed
(points) with the card density it chose. Every measurement runs in a fresh Python process, so
peak memory is that export's alone and caches never carry over; with --repeat the median time
(and the largest memory) is reported.

The floor: raw reportlab drawing the same number of card-like boxes (a rounded box, a kind
label, two title lines, three body lines, a caption) with the same TrueType fonts on an A0
page, compressed; `poster_floor_ratio` is the poster's median time over the floor's, measured
in the same run. Target: the poster within 1.5 times the floor; the A0 poster of 2,000 cards
under 2 s and under 5 MB.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import statistics
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


def _floor(cards: int, out: Path) -> None:
    """Raw reportlab: `cards` card-like boxes with the app's fonts, the usual canvas API."""
    from reportlab.pdfgen.canvas import Canvas

    from journeymap_desktop.export import fonts

    fonts.register_fonts()
    start = time.perf_counter()
    canvas = Canvas(str(out), pagesize=(3370.4, 2383.9), pageCompression=1,
                    initialFontName=fonts.PRIMARY_REGULAR)
    columns = max(1, int(cards ** 0.5 * 1.4))
    for i in range(cards):
        x = 40 + (i % columns) * 60.0
        y = 2300 - (i // columns) * 45.0
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setStrokeColorRGB(0.79, 0.8, 0.81)
        canvas.roundRect(x, y, 56, 40, 2, stroke=1, fill=1)
        canvas.setFillColorRGB(0.15, 0.16, 0.17)
        canvas.setFont(fonts.PRIMARY_BOLD, 2.7)
        canvas.drawString(x + 3, y + 36, "TOUCHPOINT")
        canvas.drawString(x + 3, y + 32, f"Card number {i} with a title")
        canvas.drawString(x + 3, y + 29, "that wraps onto a second line")
        canvas.setFont(fonts.PRIMARY_REGULAR, 2.5)
        for line in range(3):
            canvas.drawString(x + 3, y + 25 - 3 * line, "Body text of a card, as long as a "
                                                        "line of a card is")
        canvas.drawString(x + 3, y + 12, "Owner #tag")
    canvas.showPage()
    canvas.save()
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"seconds": seconds, "rss_mb": peak_kb / 1024,
                      "file_mb": out.stat().st_size / 1e6, "pages": 1}))


def _child(kind: str, map_path: Path, out: Path) -> None:
    """One measurement, in this fresh process; prints a JSON result line."""
    if kind == "floor":
        _floor(len(__import__("journeymap_desktop.storage", fromlist=["load_map"])
                   .load_map(map_path).cards), out)
        return
    from journeymap_desktop.export import PdfOptions, export_pdf
    from journeymap_desktop.storage import load_map

    journey = load_map(map_path)
    options = PdfOptions(**KINDS[kind])  # type: ignore[arg-type]
    # Reading and registering the fonts happens once per process, as in the floor.
    from journeymap_desktop.export import fonts
    from journeymap_desktop.layout import typeface

    typeface.faces()
    fonts.register_fonts()
    start = time.perf_counter()
    result = export_pdf(journey, out, options)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux
    print(json.dumps({"seconds": seconds, "rss_mb": peak_kb / 1024,
                      "file_mb": result.file_size / 1e6, "pages": result.pages,
                      "card_text_pt": result.card_text_pt,
                      "smallest_text_pt": result.smallest_text_pt,
                      "density": result.density}))


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
            medians = {}
            for kind in (*KINDS, "floor"):
                # Poster and floor alternate run by run, so load on the machine hits both.
                runs = [_measure(kind, map_path, Path(folder) / f"{kind}{cards}.pdf")
                        for _ in range(repeat)]
                medians[kind] = statistics.median(r["seconds"] for r in runs)
                _emit(f"{kind}_seconds", cards, medians[kind])
                _emit(f"{kind}_peak_rss_mb", cards, max(r["rss_mb"] for r in runs))
                _emit(f"{kind}_file_mb", cards, runs[-1]["file_mb"])
                if kind == "handout":
                    _emit("handout_pages", cards, runs[-1]["pages"])
                if kind == "poster":
                    _emit("poster_card_text_pt", cards, runs[-1]["card_text_pt"])
                    _emit("poster_smallest_text_pt", cards, runs[-1]["smallest_text_pt"])
                    print(json.dumps({"metric": "poster_density", "cards": cards,
                                      "value": runs[-1]["density"]}), flush=True)
            _emit("poster_floor_ratio", cards, medians["poster"] / medians["floor"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time the PDF export of a generated map.")
    parser.add_argument("--cards", type=int, action="append",
                        help="number of cards (repeat for several sizes; default 2000)")
    parser.add_argument("--stages", type=int, default=8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs per measurement (the median is reported)")
    parser.add_argument("--child", choices=[*sorted(KINDS), "floor"], help=argparse.SUPPRESS)
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
