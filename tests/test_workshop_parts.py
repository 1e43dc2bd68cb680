"""The parts of workshop mode on their own: which screen is the projector's (made-up screen
lists, and a real two-screen Qt in a subprocess), the timer's arithmetic, capture cells and
long lines, the badges each audience sees, crash recovery of votes, the handout's results
page, the bundled workshop example."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGraphicsView
from pytestqt.qtbot import QtBot

from journeymap_desktop import commands
from journeymap_desktop.canvas.scene import JourneyScene
from journeymap_desktop.canvas.workshop import WorkshopSession
from journeymap_desktop.canvas.workshop_overlay import WorkshopOverlay
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.export.options import PdfOptions
from journeymap_desktop.export.pdf import export_pdf
from journeymap_desktop.model.workshop import round_totals
from journeymap_desktop.storage import load_map
from journeymap_desktop.storage.recovery import RecoveryStore
from journeymap_desktop.ui.main_window import MainWindow
from journeymap_desktop.ui.workshop.screens import ScreenInfo, projector_screen
from journeymap_desktop.ui.workshop.timer import WorkshopTimer, clock_text
from tests.helpers.pdf import page_texts
from tests.helpers.workshop import voting_map

LAPTOP = ScreenInfo("eDP-1", 0, 0, 1366, 768)
BEAMER = ScreenInfo("HDMI-1", 1366, 0, 1920, 1080)
TV = ScreenInfo("DP-2", 0, 768, 3840, 2160)
EXAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / \
    "broadband-move-workshop.journeymap"


# ----- screens --------------------------------------------------------------------------------
def test_the_projector_goes_to_another_screen_than_the_laptops() -> None:
    assert projector_screen([LAPTOP], LAPTOP) is None, "one screen: no projector window"
    assert projector_screen([LAPTOP, BEAMER], LAPTOP) == BEAMER
    assert projector_screen([BEAMER, LAPTOP], LAPTOP) == BEAMER
    assert projector_screen([LAPTOP, BEAMER, TV], LAPTOP) == TV, "the largest other screen"
    assert projector_screen([LAPTOP, BEAMER], BEAMER) == LAPTOP, "the laptop may be anywhere"
    mirrored = ScreenInfo("HDMI-1", 0, 0, 1366, 768)
    assert projector_screen([LAPTOP, mirrored], LAPTOP) is None, "a mirror is the same screen"
    assert projector_screen([], None) is None
    assert projector_screen([LAPTOP, BEAMER], None) == BEAMER


def test_with_two_real_screens_the_projector_opens_on_the_other(tmp_path: Path) -> None:
    """Qt's offscreen platform with two screens (a laptop and a projector beside it)."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps({"screens": [
        {"name": "eDP-1", "x": 0, "y": 0, "width": 1366, "height": 768, "logicalDpi": 96,
         "logicalBaseDpi": 96, "dpr": 1},
        {"name": "HDMI-1", "x": 1366, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from journeymap_desktop.app import create_application
        from journeymap_desktop.ui.window_manager import WindowManager
        from journeymap_desktop.ui.workshop.look import workshop_of
        from PySide6.QtGui import QGuiApplication
        from PySide6.QtTest import QTest
        app = create_application()
        laptop = next(s for s in QGuiApplication.screens() if s.name() == "eDP-1")
        manager = WindowManager(recovery_dir=Path({str(tmp_path / "rec")!r}),
                                autosave_interval_ms=3_600_000)
        window = manager.open_path(Path({str(EXAMPLE)!r}))
        window.setScreen(laptop)
        window.setGeometry(0, 0, 1366, 740)
        window.show()
        QTest.qWait(100)
        window.modes.switch_to("workshop")
        controller = workshop_of(window)
        QTest.qWait(300)
        projector = controller.projector
        print("target", controller.target.name if controller.target else None)
        print("projector", projector is not None and projector.isVisible())
        print("on", projector.screen().name() if projector else None)
        print("laptop full screen", window.isFullScreen())
        window.modes.switch_to("edit")
        print("closed", controller.projector is None)
        window.document.undo_stack.setClean()
        window.close()
    """)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
        env={"QT_QPA_PLATFORM": f"offscreen:configfile={config}", "HOME": str(tmp_path),
             "XDG_RUNTIME_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}, check=False)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.strip().splitlines()
                 if line.startswith(("target", "projector", "on", "closed")))
    assert lines == {"target": "HDMI-1", "projector": "True", "on": "HDMI-1",
                     "closed": "True"}
    assert "laptop full screen False" in result.stdout


# ----- the timer ------------------------------------------------------------------------------
class Clock:
    now = 50.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def doc(qapp: object) -> JourneyDocument:
    return JourneyDocument(voting_map())


def test_timer_arithmetic(doc: JourneyDocument) -> None:
    assert [clock_text(s) for s in (0, 9, 65, 600, 3725)] == ["0:00", "0:09", "1:05",
                                                             "10:00", "1:02:05"]
    clock = Clock()
    timer = WorkshopTimer(doc, WorkshopSession(doc), clock)
    timer.set(90)
    timer.add(60)
    assert timer.seconds_left() == 150 and timer.duration == 150, "idle: the set time grows"
    timer.start()
    clock.now += 0.3
    assert timer.seconds_left() == 150, "4:59.7 still shows as the full second"
    timer.add(-200)
    assert timer.state == "ended" and timer.seconds_left() == 0
    timer.add(-60)
    assert timer.state == "ended", "nothing left to take off"
    timer.start()
    assert timer.running and timer.seconds_left() == 150, "after the end: the set time again"
    timer.reset()
    assert timer.state == "idle" and timer.seconds_left() == 150
    actions = [e.action for e in doc.map.workshop.timer_log[2:]]
    assert actions == ["set", "add", "start", "subtract", "end", "start", "reset"]
    assert doc.undo_stack.count() == 0


# ----- capture cells and text -----------------------------------------------------------------
def test_capture_cells_run_along_each_lane_and_skip_the_curve(doc: JourneyDocument) -> None:
    session = WorkshopSession(doc)
    journey = doc.map
    lanes = [lane.id for lane in journey.lanes if lane.kind != "emotions"]
    stages = [stage.id for stage in journey.stages]
    assert session.cells() == [(s, lane) for lane in lanes for s in stages]
    assert session.cell == (stages[0], lanes[0])
    session.next_cell(-1)
    assert session.cell == (stages[-1], lanes[-1]), "Shift+Tab wraps to the last cell"
    session.next_cell(1)
    session.next_cell(1)
    assert session.cell == (stages[1], lanes[0])
    emotions = next(lane.id for lane in journey.lanes if lane.kind == "emotions")
    assert not session.set_cell(stages[0], emotions)


def test_a_long_line_keeps_its_start_as_title_and_all_of_it_as_text(
        doc: JourneyDocument) -> None:
    session = WorkshopSession(doc)
    long = "The courier rang twice but " * 10
    (card_id,) = session.capture(long)
    card = doc.card(card_id)
    assert card.title.endswith("…") and len(card.title) <= 121
    assert card.body == " ".join(long.split())
    assert session.capture("  \n \r\n ") == []
    assert doc.undo_stack.count() == 1


def test_each_audience_sees_only_what_it_may(qtbot: QtBot, doc: JourneyDocument) -> None:
    session = WorkshopSession(doc)
    session.set_round("ideas")
    session.set_participant("ben")
    laptop = JourneyScene(doc)
    room = JourneyScene(doc, hide_private=True)
    views = [_holder(scene) for scene in (laptop, room)]  # scenes live as long as these
    for view in views:
        qtbot.addWidget(view)
    facilitator = WorkshopOverlay(laptop, session, "facilitator")
    audience = WorkshopOverlay(room, session, "room")
    seen = facilitator.badges()
    assert [(b.kind, b.round_index, b.count) for b in seen["i1"]] == [("mine", 1, 2)]
    assert [(b.kind, b.count) for b in seen["p0"]] == [("total", 4)], "round A is closed"
    shown = audience.badges()
    assert "i1" not in shown, "the open round's dots stay hidden from the room"
    assert [(b.kind, b.count) for b in shown["p0"]] == [("total", 4)]
    doc.push(commands.EditRound(doc, "ideas", {"revealed": True}, "Reveal"))
    assert [(b.kind, b.round_index, b.count) for b in audience.badges()["i1"]] == [
        ("total", 1, 2)]
    assert round_totals(doc.voting_round("ideas"))["i1"] == 2
    # Private: marked on the laptop, not in the room's scene at all.
    doc.push(commands.SetFields(doc, "card", "i0", {"private": True}))
    assert [b.kind for b in facilitator.badges()["i0"]] == ["private"]
    assert "i0" not in room.layout.cards and not room.card_items["i0"].isVisible()


def _holder(scene: JourneyScene) -> QGraphicsView:
    view = QGraphicsView(scene)
    scene.setParent(view)
    return view


def test_ctrl_z_in_the_capture_line_takes_the_card_back(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    from journeymap_desktop.ui.workshop.look import workshop_of

    controller = workshop_of(window)
    assert controller is not None
    line = controller.capture.line
    count = len(window.document.map.cards)
    qtbot.keyClicks(line, "Oops, wrong cell")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert len(window.document.map.cards) == count + 1
    qtbot.keyClick(line, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.document.map.cards) == count
    assert line.text() == ""


# ----- crash recovery -------------------------------------------------------------------------
def test_votes_and_the_timer_log_are_in_the_recovery_draft(window: MainWindow, qtbot: QtBot,
                                                          tmp_path: Path) -> None:
    doc = window.document
    doc.replace_map(voting_map())
    doc.push(commands.CastVote(doc, "ideas", "ana", "i0", 2))
    doc.push(commands.EditRound(doc, "ideas", {"done_ids": ["ana"]}, "Done voting"))
    from journeymap_desktop.model.workshop import TimerEvent

    doc.log_timer(TimerEvent(at="2025-03-14T10:00:00Z", action="start", seconds=60,
                             round_id="ideas"))
    assert window.autosaver.write_now()
    assert window.autosaver.wait()
    (draft,) = RecoveryStore(tmp_path / "recovery").drafts()
    recovered = draft.load()
    assert recovered.workshop == doc.map.workshop
    assert recovered.workshop.rounds[1].done_ids == ["ana"]
    assert recovered.workshop.timer_log[-1].action == "start"


# ----- the handout and the example ------------------------------------------------------------
def test_the_handout_gains_a_results_page_per_revealed_round(tmp_path: Path) -> None:
    journey = load_map(EXAMPLE)
    out = tmp_path / "handout.pdf"
    result = export_pdf(journey, out, PdfOptions(handout=True))
    texts = page_texts(out)
    results = [t for t in texts if "VOTING RESULTS" in t]
    assert len(results) == 2, "one page per round"
    assert texts[-2:] == results, "after the cards"
    first, second = results
    assert "Which pain hurts most?" in first and "Ideas to try first" in second
    assert "Price after the first year is hidden" in first
    assert "2=" in first and "tied" in first
    assert "5 dots" in first and "18 dots given" in first
    assert "Amira" not in first + second, "neither round names its voters in the handout"
    assert result.pages == len(texts)
    # A round still hidden from the room is not printed.
    hidden = journey.model_copy(deep=True)
    hidden.workshop.rounds[1].revealed = False
    hidden.workshop.rounds[1].state = "open"
    export_pdf(hidden, out, PdfOptions(handout=True))
    assert sum("VOTING RESULTS" in t for t in page_texts(out)) == 1


def test_the_bundled_workshop_example_is_a_finished_workshop() -> None:
    journey = load_map(EXAMPLE)
    workshop = journey.workshop
    assert [r.state for r in workshop.rounds] == ["closed", "closed"]
    assert all(r.revealed and r.votes for r in workshop.rounds)
    assert {r.anonymity for r in workshop.rounds} == {"anonymous", "facilitator"}
    late = set(workshop.rounds[1].participant_ids) - set(workshop.rounds[0].participant_ids)
    assert late, "someone joined late"
    captured = [c for c in journey.cards if "workshop" in c.tags]
    assert len(captured) >= 6 and not any(c.private for c in captured), "revealed"
    assert {e.action for e in workshop.timer_log} >= {"set", "start", "pause", "add", "end"}
    from journeymap_desktop.export.votes import results_text

    text = results_text(journey)
    assert "Round A: Which pain hurts most? (closed)" in text and "(tied)" in text
