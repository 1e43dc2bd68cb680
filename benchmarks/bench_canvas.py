"""Canvas benchmark, run by hand: how fast a large map opens, drags and relays out, read against
what Qt itself needs on the same machine in the same run.

    python benchmarks/bench_canvas.py --cards 2000 [--cards 10000 ...] [--repeat 5]

Each run of each size is two fresh processes: first the Qt floor (N card-like groups of Qt's
built-in items: a rectangle with a two-line title, a three-line body and a circle, in a plain
QGraphicsView at 100 %), then the canvas with a generated map of N cards. Both time their first
paint and a drag step the same way (from building the scene to the first painted frame; a real
mouse move through the view, then the repaint it causes). Every figure is printed as one JSON
line with its ratio to the floor of the same run and the load average when the run started,
e.g. {"metric": "first_paint_s", "cards": 2000, "value": 0.83, "floor": 0.41, "ratio": 2.02,
"loadavg": "1.20 1.05 0.90"}; after all runs a table of medians follows.

- first_paint_s: from opening the file to the first painted frame of the canvas (floor: the
  floor's first paint)
- drag_step_ms: median time of one mouse-move step while dragging a card (a real mouse event
  through the view, including the repaint it causes; floor: the same for a floor item)
- drag_step_p95_ms: the 95th percentile of those steps (floor: the floor's drag step)
- relayout_after_drop_ms: the mouse release that drops the card into another stage (one
  undo command, the relayout, and the repaint)
- relayout_after_edit_ms: one card's emotion (on the shown curve) and title set through the
  undo stack, in one turn of the event loop, until the repaint shows them (median of 5 cards)
- fit_paint_ms: one full repaint with the whole map zoomed to fit the window
- scroll_step_ms: median scroll step of 120 px at 100 % zoom, with repaint
- peak_rss_mb: the process's peak resident memory (no floor)

Every millisecond figure but the drag step is read against the floor's drag step (one move
and one repaint: the least any visible change costs in Qt). Runs offscreen unless
QT_QPA_PLATFORM says otherwise. Goals (issue 9): first paint within 1.5 times the floor at
2,000 and 10,000 cards, a drag step under 8 ms, a relayout after an edit under 16 ms at 2,000
cards and under 50 ms at 10,000.
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
from typing import Any

HERE = Path(__file__).resolve().parent


def _emit(metric: str, cards: int, value: float) -> None:
    """One figure of a child process, read by the parent (which adds floor and ratio)."""
    print(json.dumps({"metric": metric, "cards": cards, "value": round(value, 4)}), flush=True)


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


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

    _measure_edits(app, document, window, cards)

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


def _measure_edits(app: Any, document: Any, window: Any, cards: int) -> None:
    """relayout_after_edit_ms: a card's emotion and title set through the undo stack in one
    turn of the event loop, then the event loop runs (the relayout) and the view repaints."""
    from PySide6.QtCore import QPointF

    from journeymap_desktop.commands import SetCardEmotion, SetFields, emotion_at_level

    view, scene = window.view, window.scene
    viewport = view.viewport()
    curve_id = document.active_curve_id
    if curve_id is None:
        raise RuntimeError("the generated map has no curve")
    scale = document.map.scale
    visible = view.visible_scene_rect()
    candidates = [cid for cid, box in scene.layout.cards.items()
                  if visible.contains(QPointF(box.rect.x + 20, box.rect.y + 20))
                  and curve_id in document.card(cid).emotions]
    if len(candidates) < 5:
        raise RuntimeError("fewer than 5 cards with a value on the shown curve in view")
    times = []
    for n, card_id in enumerate(candidates[:5]):
        card = document.card(card_id)
        level = scale.max if card.emotions[curve_id].value != scale.max else scale.min
        title = f"{card.title[:40]} (edited {n})"
        app.processEvents()
        t0 = time.perf_counter()
        document.push(SetCardEmotion(document, card_id, curve_id,
                                     emotion_at_level(document, card_id, curve_id, level)))
        document.push(SetFields(document, "card", card_id, {"title": title}))
        app.processEvents()  # the relayout queued by the edits
        viewport.repaint()
        app.processEvents()
        times.append((time.perf_counter() - t0) * 1000)
        shown = scene.layout.cards[card_id].content.title
        if not shown or not shown[0].text.startswith(title[:10]):
            raise RuntimeError("the edit did not reach the canvas")
    _emit("relayout_after_edit_ms", cards, statistics.median(times))


def measure_floor(cards: int) -> None:
    """The Qt floor: N card-like groups of Qt's built-in items, first paint and drag step
    timed as `measure` times the canvas's."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject, QPoint, QRectF, Qt
    from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import (
        QApplication,
        QGraphicsEllipseItem,
        QGraphicsItem,
        QGraphicsRectItem,
        QGraphicsScene,
        QGraphicsSimpleTextItem,
        QGraphicsView,
    )

    app = QApplication.instance() or QApplication([])

    class PaintWatch(QObject):
        painted = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                PaintWatch.painted += 1
            return False

    started = time.perf_counter()
    scene = QGraphicsScene()
    font = QFont("Noto Sans", 9)
    border, white, yellow = QPen(QColor("#c8cbd4")), QBrush(QColor("white")), QBrush(
        QColor("#f0c040"))
    per_row = max(1, int((cards * 1.6) ** 0.5))
    groups = []
    for i in range(cards):
        card = QGraphicsRectItem(QRectF(0, 0, 200, 120))
        card.setPos((i % per_row) * 232, (i // per_row) * 140)
        card.setPen(border)
        card.setBrush(white)
        card.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        title = QGraphicsSimpleTextItem(f"Card {i}: a title that wraps\nonto a second line",
                                        card)
        title.setFont(font)
        title.setPos(8, 6)
        body = QGraphicsSimpleTextItem("Body text of the card that runs\nover three lines of "
                                       "small type\nand ends here", card)
        body.setFont(font)
        body.setPos(8, 44)
        face = QGraphicsEllipseItem(QRectF(176, 96, 16, 16), card)
        face.setBrush(yellow)
        scene.addItem(card)
        groups.append(card)
    scene.setSceneRect(scene.itemsBoundingRect())
    view = QGraphicsView(scene)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.resize(1600, 1000)
    watch = PaintWatch()
    viewport = view.viewport()
    viewport.installEventFilter(watch)
    view.show()
    while PaintWatch.painted == 0:
        app.processEvents()
        if time.perf_counter() - started > 120:
            raise RuntimeError("no paint within 120 s")
    _emit("qt_floor_first_paint_s", cards, time.perf_counter() - started)
    viewport.removeEventFilter(watch)
    app.processEvents()

    start = view.mapFromScene(groups[0].scenePos()) + QPoint(100, 30)
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
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       end)
    if groups[0].pos().x() == 0:
        raise RuntimeError("the floor's drag did not move its item")
    _emit("qt_floor_drag_step_ms", cards, statistics.median(steps))


FLOOR_OF = {
    "first_paint_s": "qt_floor_first_paint_s",
    "drag_step_ms": "qt_floor_drag_step_ms",
    "drag_step_p95_ms": "qt_floor_drag_step_ms",
    "relayout_after_drop_ms": "qt_floor_drag_step_ms",
    "relayout_after_edit_ms": "qt_floor_drag_step_ms",
    "fit_paint_ms": "qt_floor_drag_step_ms",
    "scroll_step_ms": "qt_floor_drag_step_ms",
}


def _child(args: list[str]) -> dict[str, float]:
    """Run one measuring process; its figures by metric."""
    result = subprocess.run([sys.executable, str(Path(__file__).resolve()), *args],
                            check=False, stdout=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"bench_canvas: {' '.join(args)} failed")
    figures = {}
    for line in result.stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            figures[row["metric"]] = row["value"]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, action="append",
                        help="map size (repeatable); default 500, 2000 and 10000")
    parser.add_argument("--repeat", type=int, default=5, help="runs per size (default 5)")
    parser.add_argument("--map", type=Path, help=argparse.SUPPRESS)  # a canvas child
    parser.add_argument("--floor", action="store_true", help=argparse.SUPPRESS)  # a floor child
    args = parser.parse_args()
    if args.floor:
        measure_floor(args.cards[0])
        return 0
    if args.map is not None:
        measure(args.map, args.cards[0])
        return 0
    sizes = args.cards or [500, 2000, 10_000]
    summary: list[tuple[int, str, float, float | None, list[str]]] = []
    with tempfile.TemporaryDirectory() as folder:
        for cards in sizes:
            path = _make_map_file(cards, Path(folder))
            runs: list[dict[str, float]] = []
            loads: list[str] = []
            for _ in range(args.repeat):
                load = _loadavg()
                try:
                    floor = _child(["--floor", "--cards", str(cards)])
                    figures = _child(["--cards", str(cards), "--map", str(path)])
                except RuntimeError as error:
                    print(error, file=sys.stderr)
                    return 1
                loads.append(load)
                merged = {**floor, **figures}
                runs.append(merged)
                for metric, value in figures.items():
                    row: dict[str, Any] = {"metric": metric, "cards": cards, "value": value}
                    floor_value = floor.get(FLOOR_OF.get(metric, ""))
                    if floor_value:
                        row["floor"] = floor_value
                        row["ratio"] = round(value / floor_value, 2)
                    row["loadavg"] = load
                    print(json.dumps(row), flush=True)
            for metric in runs[0]:
                values = [run[metric] for run in runs if metric in run]
                median = statistics.median(values)
                floor_metric = FLOOR_OF.get(metric)
                floor_median = (statistics.median(run[floor_metric] for run in runs)
                                if floor_metric else None)
                summary.append((cards, metric, median, floor_median, loads))
    print(f"\nmedians of {args.repeat} runs (load average at each run's start):")
    print(f"{'cards':>6}  {'metric':<26} {'median':>10} {'floor':>9} {'ratio':>7}")
    for cards, metric, median, floor_median, _loads in summary:
        ratio = f"{median / floor_median:7.2f}" if floor_median else " " * 7
        floor_text = f"{floor_median:9.4g}" if floor_median else " " * 9
        print(f"{cards:>6}  {metric:<26} {median:>10.4g} {floor_text} {ratio}")
    for cards in sizes:
        loads = next(row[4] for row in summary if row[0] == cards)
        print(f"loadavg {cards}: " + " | ".join(loads))
    return 0


if __name__ == "__main__":
    sys.exit(main())
