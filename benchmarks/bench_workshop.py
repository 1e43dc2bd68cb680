"""Workshop mode, run by hand: how fast can notes be captured, and what does a dot cost?

    python benchmarks/bench_workshop.py [--cards 500] [--notes 30] [--repeat 5]

Opens the bundled workshop example (or a generated map of --cards cards) in a real MainWindow
(offscreen unless QT_QPA_PLATFORM says otherwise), enters workshop mode with a projector
window, and measures with simulated key presses and clicks. One JSON object per line:

- capture_ms_per_note: typing a 40-character note into the capture line and pressing Enter,
  until the card is on the laptop's map and the projector's (median note of the median run)
- capture_notes_per_minute: what that allows, machine time only (people type slower)
- floor_type_ms_per_note: the same keys typed into a plain QLineEdit, Enter included: what Qt
  itself needs, measured in the same run (the ratio is capture / floor)
- vote_ms: one click's dot (command, relayout of both scenes, badges), median
- floor_click_ms: a mouse click on a plain QPushButton, for the ratio
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
NOTE = "Courier could not find the door, rang twice"[:40]


def _emit(metric: str, cards: int, value: float) -> None:
    print(json.dumps({"metric": metric, "cards": cards, "value": round(value, 3)}), flush=True)


def _map_file(cards: int, folder: Path) -> Path:
    if cards == 0:
        return HERE.parent / "resources" / "examples" / "broadband-move-workshop.journeymap"
    spec = importlib.util.spec_from_file_location("make_map", HERE / "make_map.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    from journeymap_desktop.storage import save_map

    path = folder / f"bench-{cards}.journeymap"
    save_map(module.make_map(cards, seed=7), path, keep_backup=False)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=0, help="0: the workshop example")
    parser.add_argument("--notes", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit, QPushButton

    from journeymap_desktop import commands
    from journeymap_desktop.app import create_application
    from journeymap_desktop.model.ids import new_id
    from journeymap_desktop.model.workshop import Participant, VotingRound
    from journeymap_desktop.ui.window_manager import WindowManager
    from journeymap_desktop.ui.workshop.look import workshop_of
    from journeymap_desktop.ui.workshop.screens import ScreenInfo

    create_application()
    folder = Path(tempfile.mkdtemp(prefix="bench-workshop-"))
    manager = WindowManager(recovery_dir=folder / "recovery", autosave_interval_ms=3_600_000)
    window = manager.open_path(_map_file(args.cards, folder))
    assert window is not None
    window.resize(1366, 768)
    window.show()
    window.modes.switch_to("workshop")
    controller = workshop_of(window)
    assert controller is not None
    controller.set_target(ScreenInfo("projector", 2000, 0, 1920, 1080))
    QTest.qWait(300)
    cards = len(window.document.map.cards)
    line = controller.capture.line
    plain = QLineEdit()
    plain.show()

    def run_notes(target: QLineEdit, capture: bool) -> list[float]:
        times = []
        for _ in range(args.notes):
            started = time.perf_counter()
            QTest.keyClicks(target, NOTE)
            QTest.keyClick(target, Qt.Key.Key_Return)
            if not capture:
                target.clear()
            times.append((time.perf_counter() - started) * 1000)
        return times

    capture_runs, floor_runs = [], []
    for _ in range(args.repeat):
        floor_runs.append(statistics.median(run_notes(plain, False)))
        capture_runs.append(statistics.median(run_notes(line, True)))
    capture = statistics.median(capture_runs)
    floor = statistics.median(floor_runs)
    _emit("capture_ms_per_note", cards, capture)
    _emit("capture_notes_per_minute", cards, 60_000 / capture)
    _emit("floor_type_ms_per_note", cards, floor)
    _emit("capture_to_floor_ratio", cards, capture / floor)

    doc = window.document
    targets = [card.id for card in doc.map.cards if card.kind != "note"][:40]
    people = [Participant(id=new_id("person"), name=f"P{i}") for i in range(8)]
    voting_round = VotingRound(id="bench", name="Bench", budget=99, state="open",
                               participant_ids=[p.id for p in people])
    doc.push(commands.AddRound(doc, voting_round, people))
    controller.session.set_round("bench")
    button = QPushButton("floor")
    button.show()
    vote_runs, click_runs = [], []
    for run in range(args.repeat):
        controller.session.set_participant(people[run % len(people)].id)
        times, clicks = [], []
        for card_id in targets:
            started = time.perf_counter()
            controller.session.cast(card_id, 1)
            times.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
            clicks.append((time.perf_counter() - started) * 1000)
        vote_runs.append(statistics.median(times))
        click_runs.append(statistics.median(clicks))
    _emit("vote_ms", cards, statistics.median(vote_runs))
    _emit("floor_click_ms", cards, statistics.median(click_runs))
    window.modes.switch_to("edit")
    doc.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
