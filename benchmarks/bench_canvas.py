"""Canvas benchmark, run by hand: how fast a large map opens, drags and relays out.

    python benchmarks/bench_canvas.py --cards 2000 [--cards 10000 ...] [--repeat 3]

Each size runs in a fresh process (so peak memory is that size's own) and prints one JSON
object per line, e.g. {"metric": "first_paint_s", "cards": 2000, "value": 0.83}:

- first_paint_s: from opening the file to the first painted frame of the canvas
- drag_step_ms: median time of one mouse-move step while dragging a card (a real mouse event
  through the view, including the repaint it causes)
- drag_step_p95_ms: the 95th percentile of those steps
- relayout_after_drop_ms: the mouse release that drops the card into another stage (one
  undo command, the relayout, and the repaint)
- fit_paint_ms: one full repaint with the whole map zoomed to fit the window
- scroll_step_ms: median scroll step of 120 px at 100 % zoom, with repaint
- peak_rss_mb: the process's peak resident memory

Runs offscreen unless QT_QPA_PLATFORM says otherwise. Floors from the canvas issue: with
2,000 cards, first paint under 1.5 s and each drag step under 16 ms on a 2-core machine.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _emit(metric: str, cards: int, value: float) -> None:
    print(json.dumps({"metric": metric, "cards": cards, "value": round(value, 4)}), flush=True)


def _make_map_file(cards: int, folder: Path) -> Path:
    spec = importlib.util.spec_from_file_location("make_map", HERE / "make_map.py")
    if spec is None or spec.loader is None:
        raise ImportError("benchmarks/make_map.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from journeymap_desktop.storage import save_map

    path = folder / f"bench-{cards}.journeymap"
    save_map(module.make_map(cards, seed=7), path, keep_backup=False)
    return path


def measure(path: Path, cards: int) -> None:
    """Everything for one map, in this process."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from journeymap_desktop.app import create_application
    from journeymap_desktop.document import JourneyDocument
    from journeymap_desktop.ui.window_manager import WindowManager

    app = create_application()
    assert isinstance(app, QApplication)

    class PaintWatch(QObject):
        painted = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                PaintWatch.painted += 1
            return False

    manager = WindowManager(recovery_dir=Path(tempfile.mkdtemp()) / "recovery",
                            autosave_interval_ms=3_600_000)
    started = time.perf_counter()
    document = JourneyDocument.open(path)
    window = manager.show_document(document)
    watch = PaintWatch()
    viewport = window.view.viewport()
    viewport.installEventFilter(watch)
    while PaintWatch.painted == 0:
        app.processEvents()
        if time.perf_counter() - started > 120:
            raise RuntimeError("no paint within 120 s")
    _emit("first_paint_s", cards, time.perf_counter() - started)
    viewport.removeEventFilter(watch)

    window.resize(1600, 1000)
    window.view.zoom_reset()
    window.view.scroll_to_start()
    app.processEvents()
    view = window.view
    scene = window.scene

    # Drag a card that is on screen into the stage two columns to the right.
    visible = view.visible_scene_rect()
    card_id = next(cid for cid, box in scene.layout.cards.items()
                   if visible.contains(QPointF(box.rect.x + 20, box.rect.y + 20))
                   and visible.contains(QPointF(box.rect.right + 2 * 232, box.rect.y + 20)))
    box = scene.layout.cards[card_id].rect
    start = view.mapFromScene(QPointF(box.x + box.w / 2, box.y + 18))
    end = QPoint(start.x() + 2 * 232, start.y() + 60)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    app.processEvents()
    steps = []
    count = 60
    for i in range(1, count + 1):
        point = QPoint(start.x() + (end.x() - start.x()) * i // count,
                       start.y() + (end.y() - start.y()) * i // count)
        t0 = time.perf_counter()
        QTest.mouseMove(viewport, point)
        viewport.repaint()
        app.processEvents()
        steps.append((time.perf_counter() - t0) * 1000)
    _emit("drag_step_ms", cards, statistics.median(steps))
    _emit("drag_step_p95_ms", cards, sorted(steps)[int(len(steps) * 0.95) - 1])

    stack_before = document.undo_stack.count()
    t0 = time.perf_counter()
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       end)
    viewport.repaint()
    app.processEvents()
    _emit("relayout_after_drop_ms", cards, (time.perf_counter() - t0) * 1000)
    if document.undo_stack.count() != stack_before + 1:
        raise RuntimeError("the drop did not move the card")

    window.view.fit_to_window()
    app.processEvents()
    t0 = time.perf_counter()
    viewport.repaint()
    _emit("fit_paint_ms", cards, (time.perf_counter() - t0) * 1000)

    window.view.zoom_reset()
    window.view.scroll_to_start()
    app.processEvents()
    scrolls = []
    bar = view.verticalScrollBar()
    for _ in range(30):
        t0 = time.perf_counter()
        bar.setValue(bar.value() + 120)
        viewport.repaint()
        app.processEvents()
        scrolls.append((time.perf_counter() - t0) * 1000)
    _emit("scroll_step_ms", cards, statistics.median(scrolls))

    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    _emit("peak_rss_mb", cards, peak_kb / 1024)
    document.undo_stack.setClean()
    window.close()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, action="append",
                        help="map size (repeatable); default 500, 2000 and 10000")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size")
    parser.add_argument("--map", type=Path, help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    if args.map is not None:
        measure(args.map, args.cards[0])
        return 0
    sizes = args.cards or [500, 2000, 10_000]
    with tempfile.TemporaryDirectory() as folder:
        for cards in sizes:
            path = _make_map_file(cards, Path(folder))
            for _ in range(args.repeat):
                result = subprocess.run(
                    [sys.executable, str(Path(__file__).resolve()), "--cards", str(cards),
                     "--map", str(path)], check=False)
                if result.returncode != 0:
                    print(f"bench_canvas: the {cards}-card run failed", file=sys.stderr)
                    return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
