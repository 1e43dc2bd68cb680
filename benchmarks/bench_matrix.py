"""Prioritisation matrix benchmark: laying out the matrix window and the handout's
prioritisation pages of a generated map, beside a floor measured in the same run.

    python benchmarks/bench_matrix.py --cards 500 [--cards 2000 ...] [--repeat 5]

Prints one JSON object per line, e.g. {"metric": "window_ms", "cards": 2000, "scored": 396,
"value": 120.0}: the median wall time of `layout.matrix.matrix_layout` at a window's size
(1100 x 720, titles), of `export.handout_matrix.prioritisation_pages` (numbered labels and the
ranked table), and of the floor: `LayoutEngine.layout` of the same map (what every edit of the
canvas costs already), with each as a ratio to the floor. The window relayouts on each edit
while it is open, so it should stay well under the canvas's own relayout.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def _median_ms(work: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, action="append", default=None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    spec = importlib.util.spec_from_file_location("make_map", HERE / "make_map.py")
    assert spec is not None
    assert spec.loader is not None
    make_map = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_map)

    from journeymap_desktop.export.handout_flow import PageArea
    from journeymap_desktop.export.handout_matrix import prioritisation_pages
    from journeymap_desktop.layout.engine import LayoutEngine
    from journeymap_desktop.layout.matrix import matrix_layout
    from journeymap_desktop.layout.typeface import FontMeasurer
    from journeymap_desktop.model.priority import matrix_position
    from journeymap_desktop.storage import load_map

    measurer = FontMeasurer()
    area = PageArea(595.3, 841.9, 42.5, 42.5, 552.8, 771.0)  # A4, the handout's margins
    for cards in args.cards or [500, 2000]:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.journeymap"
            make_map.main(["--cards", str(cards), "-o", str(path)])
            journey = load_map(path)
        scored = sum(1 for card in journey.cards
                     if matrix_position(card.priority, "effort", "value") is not None)
        floor = _median_ms(partial(LayoutEngine(measurer).layout, journey), args.repeat)
        window = _median_ms(partial(matrix_layout, journey.cards, measurer, 1100, 720),
                            args.repeat)
        paper = _median_ms(partial(prioritisation_pages, journey, area, measurer), args.repeat)
        for metric, value in (("canvas_layout_floor_ms", floor), ("window_ms", window),
                              ("handout_pages_ms", paper),
                              ("window_floor_ratio", window / floor),
                              ("handout_floor_ratio", paper / floor)):
            print(json.dumps({"metric": metric, "cards": cards, "scored": scored,
                              "value": round(value, 2)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
