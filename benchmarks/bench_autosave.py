"""Autosave, save and open of a big map, run by hand: does the window stay responsive?

    python benchmarks/bench_autosave.py [--cards 100000] [--repeat 5] [--map FILE]

Opens the map in a real MainWindow (offscreen unless QT_QPA_PLATFORM says otherwise), then
measures what the user feels. A 1 ms QTimer runs Python on the GUI thread all the time; the
longest gap between two of its ticks is how long the window could not react. Prints one JSON
object per line, e.g. {"metric": "autosave_gui_block_ms", "cards": 100000, "value": 12.3}:

- open_s: from asking to open the file to the window being shown (progress dialog included)
- open_gui_block_ms: the longest the event loop was stalled while opening (how soon Cancel is
  heard and the progress dialog repaints)
- autosave_call_ms: the autosave tick itself on the GUI thread (taking the snapshot)
- autosave_gui_block_ms: the longest event-loop stall while a draft is written (median of the
  runs; the issue's bound is 50 ms)
- autosave_total_s: from the tick to the draft being on disk
- edit_deferred_collection_ms: the garbage collection an edit's relayout defers (paid before
  each autosave is measured; a canvas cost, reported so it is not hidden)
- floor_gui_block_ms: the longest stall of the same timer with nothing running (the machine's
  own noise, measured in the same run, to read the autosave figure against); its _max_ over
  the runs beside autosave_gui_block_max_ms
- save_s: an explicit File > Save of the map (on the GUI thread, by design)
- peak_rss_mb: the process's peak resident memory

Works on any version of the app that has `Autosaver.write_now()` (a version without
`Autosaver.wait()` wrote the draft synchronously inside `write_now()`).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import statistics
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


class _Ticker:
    """A 1 ms timer on the GUI thread: the gaps between its ticks are the event loop's
    stalls."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.stamps: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(1)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.stamps.append(time.perf_counter())

    def start(self) -> None:
        self.stamps = [time.perf_counter()]
        self.timer.start()

    def stop(self) -> float:
        """The longest gap in ms since start()."""
        self.timer.stop()
        self.stamps.append(time.perf_counter())
        return max(b - a for a, b in zip(self.stamps, self.stamps[1:], strict=False)) * 1000


def _spin(app: object, seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()


def measure(path: Path, cards: int, repeat: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QStandardPaths, QTimer

    from journeymap_desktop import commands
    from journeymap_desktop.app import create_application
    from journeymap_desktop.ui.window_manager import WindowManager

    app = create_application()
    QStandardPaths.setTestModeEnabled(True)
    recovery = Path(tempfile.mkdtemp(prefix="bench-autosave-"))
    manager = WindowManager(recovery_dir=recovery, autosave_interval_ms=3_600_000)
    ticker = _Ticker()

    # Opening: the ticker runs whenever the open lets the event loop run.
    ticker.start()
    started = time.perf_counter()
    window = manager.open_path(path)
    opened = time.perf_counter() - started
    open_block = ticker.stop()
    assert window is not None, "the map did not open"
    _spin(app, 0.5)
    _emit("open_s", cards, opened)
    _emit("open_gui_block_ms", cards, open_block)

    floors, calls, blocks, totals, deferred = [], [], [], [], []
    document = window.document
    card_id = document.map.cards[0].id
    waits = hasattr(window.autosaver, "wait")
    for run in range(repeat):
        ticker.start()
        _spin(app, 0.6)  # about as long as an autosave of 100,000 cards takes
        floors.append(ticker.stop())

        document.push(commands.SetFields(document, "card", card_id,
                                         {"title": f"Edited before autosave {run}"}))
        # The edit's relayout runs with the garbage collector paused; the collection it
        # defers lands on the next allocation of any Python object, whatever makes it. In
        # use that is the next paint or mouse event; here it would be the autosave tick.
        # Pay it first, and report it on its own.
        _spin(app, 0.2)
        began = time.perf_counter()
        _ = [[] for _ in range(1000)]
        deferred.append((time.perf_counter() - began) * 1000)
        _spin(app, 0.3)
        done = QEventLoop()
        timing: dict[str, float] = {}

        def autosave(timing: dict[str, float] = timing, done: QEventLoop = done) -> None:
            began = time.perf_counter()
            window.autosaver.write_now()
            timing["call"] = time.perf_counter() - began
            timing["began"] = began
            if not waits or not window.autosaver.is_writing():
                timing["end"] = time.perf_counter()
                QTimer.singleShot(100, done.quit)

        def check(timing: dict[str, float] = timing, done: QEventLoop = done) -> None:
            if "began" in timing and "end" not in timing and not window.autosaver.is_writing():
                timing["end"] = time.perf_counter()
                QTimer.singleShot(100, done.quit)

        poll = QTimer()
        poll.setInterval(5)
        poll.timeout.connect(check)
        ticker.start()
        QTimer.singleShot(50, autosave)
        poll.start()
        done.exec()
        poll.stop()
        blocks.append(ticker.stop())
        calls.append(timing["call"] * 1000)
        totals.append(timing["end"] - timing["began"])
        assert any(recovery.glob("*.draft.json")), "no draft was written"

    _emit("edit_deferred_collection_ms", cards, statistics.median(deferred))
    _emit("floor_gui_block_ms", cards, statistics.median(floors))
    _emit("floor_gui_block_max_ms", cards, max(floors))
    _emit("autosave_call_ms", cards, statistics.median(calls))
    _emit("autosave_gui_block_ms", cards, statistics.median(blocks))
    _emit("autosave_gui_block_max_ms", cards, max(blocks))
    _emit("autosave_total_s", cards, statistics.median(totals))

    save_path = path.with_name("saved-" + path.name)
    started = time.perf_counter()
    window.document.save(save_path)
    _emit("save_s", cards, time.perf_counter() - started)
    _emit("peak_rss_mb", cards, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    document.undo_stack.setClean()
    window.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5, help="autosaves to measure")
    parser.add_argument("--map", type=Path, help="an existing map with that many cards")
    args = parser.parse_args()
    if args.map is not None:
        measure(args.map, args.cards, args.repeat)
        return 0
    with tempfile.TemporaryDirectory() as folder:
        measure(_make_map_file(args.cards, Path(folder)), args.cards, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
