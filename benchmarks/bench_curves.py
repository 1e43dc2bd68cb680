"""Emotion curve overlays benchmark: what drawing every curve of a map costs beside drawing
the active curve only (the floor, measured in the same run).

    python benchmarks/bench_curves.py --cards 5000 [--cards 1000 ...] [--repeat 5]

Prints one JSON object per line, e.g. {"metric": "relayout_ms", "cards": 5000, "curves": 4,
"value": 84.0, "floor": 80.7, "ratio": 1.05}: the median wall time of a relayout (the
engine's `layout` plus the band's display list, `picture.band_picture`) with every curve
shown, and of one repaint of a 1600 x 1000 screen of the emotions lane at 100 % (the canvas
item's display list for the exposed part, drawn by the Qt renderer into an image), each
beside the same with only the active curve shown. The map is benchmarks/make_map.py's:
everyone's as-is and to-be curves, a curve per persona, survey bands.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import time
from collections.abc import Callable, Sequence
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
    parser.add_argument("--cards", type=int, action="append")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter

    from journeymap_desktop.canvas.items.emotion_curve import EmotionCurveItem
    from journeymap_desktop.layout import picture
    from journeymap_desktop.layout.engine import LayoutEngine
    from journeymap_desktop.layout.typeface import FontMeasurer
    from journeymap_desktop.painter.render import renderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (kept alive)
    spec = importlib.util.spec_from_file_location("make_map", HERE / "make_map.py")
    assert spec is not None
    assert spec.loader is not None
    make_map = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_map)
    measurer = FontMeasurer()
    image = QImage(1600, 1000, QImage.Format.Format_ARGB32_Premultiplied)
    for cards in args.cards or [5000]:
        journey = make_map.make_map(cards)
        floor_ids = frozenset({journey.curves[0].id})
        results: dict[str, dict[str, float]] = {}
        for label, shown in (("floor", floor_ids), ("value", None)):
            engine = LayoutEngine(measurer)
            engine.shown_curve_ids = shown
            engine.layout(journey)  # the cards' text wrapped once, as in the editor

            def relayout(engine: LayoutEngine = engine, journey: Any = journey) -> None:
                for band in engine.layout(journey).bands:
                    picture.band_items(picture.band_picture(band))

            band = engine.layout(journey).bands[0]
            item = EmotionCurveItem(band)
            exposed = QRectF(band.rect.x + band.rect.w / 2, band.rect.y - 200, 1600, 1000)

            def repaint(item: EmotionCurveItem = item, exposed: QRectF = exposed) -> None:
                painter = QPainter(image)
                painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
                painter.translate(-exposed.x(), -exposed.y())
                painter.setClipRect(exposed)
                renderer().draw(painter, item.display_items(1.0, exposed))
                painter.end()

            repaint()
            results.setdefault("relayout_ms", {})[label] = _median_ms(relayout, args.repeat)
            results.setdefault("repaint_ms", {})[label] = _median_ms(repaint, args.repeat)
        for metric, values in results.items():
            print(json.dumps({"metric": metric, "cards": cards, "curves": len(journey.curves),
                              "value": round(values["value"], 1),
                              "floor": round(values["floor"], 1),
                              "ratio": round(values["value"] / values["floor"], 2),
                              "load": os.getloadavg()[0]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
