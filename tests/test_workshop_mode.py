"""Workshop mode driven like a facilitator would: F5, capture by keyboard, a dot-voting round
with three participants and budgets (overspending refused), reveal, close, undo, save, reopen;
the timer; the projector (a made-up second screen); private capture."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from journeymap_desktop.canvas.modes import EDIT, WORKSHOP
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.model.workshop import Participant, remaining, votes_on
from journeymap_desktop.storage import load_map, save_map
from journeymap_desktop.ui.main_window import MainWindow
from journeymap_desktop.ui.window_manager import WindowManager
from journeymap_desktop.ui.workshop.controller import WorkshopController
from journeymap_desktop.ui.workshop.look import workshop_of
from journeymap_desktop.ui.workshop.round_dialog import RoundDialog
from journeymap_desktop.ui.workshop.screens import ScreenInfo
from tests.helpers import card_centre, click, lane_id
from tests.helpers.workshop import voting_map

PROJECTOR = ScreenInfo("HDMI-1", 2000, 0, 1920, 1080)


def _enter(window: MainWindow, qtbot: QtBot) -> WorkshopController:
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F5)
    assert window.view.mode is WORKSHOP
    controller = workshop_of(window)
    assert controller is not None
    return controller


def _type_note(qtbot: QtBot, controller: WorkshopController, text: str) -> None:
    line = controller.capture.line
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def _answer_round_dialog(fill: dict[str, object]) -> None:
    """Fill the next New round dialog as a facilitator would and click Create (and open)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RoundDialog):
            QTimer.singleShot(20, poll)
            return
        dialog.name.setText(str(fill["name"]))
        dialog.budget.setValue(int(fill["budget"]))  # type: ignore[call-overload]
        dialog.cap.setValue(int(fill.get("cap", 0)))  # type: ignore[call-overload]
        dialog.names.setPlainText(str(fill["names"]))
        kinds = fill.get("kinds", [])
        for kind, box in dialog.kinds.items():
            box.setChecked(kind in kinds)  # type: ignore[operator]
        dialog.anonymity[str(fill.get("anonymity", "anonymous"))].setChecked(True)  # type: ignore[index]
        dialog.open_now.click()

    QTimer.singleShot(0, poll)


@pytest.fixture
def voted_window(manager: WindowManager, tmp_path: Path, qtbot: QtBot) -> MainWindow:
    path = tmp_path / "voted.journeymap"
    save_map(voting_map(), path, keep_backup=False)
    window = manager.open_path(path)
    assert window is not None
    window.resize(1600, 1000)
    qtbot.waitExposed(window)
    return window


# ----- entering and leaving ---------------------------------------------------------------------
def test_f5_enters_workshop_mode_and_esc_gives_zoom_and_scroll_back(window: MainWindow,
                                                                   qtbot: QtBot) -> None:
    view = window.view
    view.set_zoom(1.6)
    view.horizontalScrollBar().setValue(180)
    view.verticalScrollBar().setValue(90)
    zoom = view.zoom
    scroll = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
    assert scroll[0] > 0 and scroll[1] > 0
    controller = _enter(window, qtbot)
    assert window.act_workshop.isChecked()
    assert controller.panel.isVisible()
    assert not any(dock.isVisible() for dock in window.docks())
    assert QApplication.focusWidget() is controller.capture.line
    assert window.act_undo.isEnabled() is window.document.undo_stack.canUndo()
    assert not window.action_map["delete"].isEnabled(), "no layout editing in workshop mode"
    assert view.editor is None
    qtbot.keyClick(controller.capture.line, Qt.Key.Key_Escape)
    assert view.mode is EDIT
    assert not controller.panel.isVisible()
    qtbot.waitUntil(lambda: abs(view.zoom - zoom) < 1e-6 and (
        view.horizontalScrollBar().value(), view.verticalScrollBar().value()) == scroll)
    assert window.inspector.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_F5)
    assert view.mode is WORKSHOP
    qtbot.keyClick(view, Qt.Key.Key_F5)
    assert view.mode is EDIT, "F5 toggles"


def test_workshop_mode_drags_no_card(window: MainWindow, qtbot: QtBot) -> None:
    _enter(window, qtbot)
    before = window.document.card("ad").model_dump()
    from tests.helpers import drag

    drag(qtbot, window.view, card_centre(window, "ad"), card_centre(window, "checkout"))
    assert window.document.card("ad").model_dump() == before
    assert window.document.undo_stack.count() == 0, "a drag moves the view, not the map"


# ----- fast capture -------------------------------------------------------------------------------
def test_thirty_sticky_notes_by_keyboard_alone(window: MainWindow, qtbot: QtBot) -> None:
    controller = _enter(window, qtbot)
    doc = window.document
    stage = doc.map.stages[1].id
    pains = lane_id(window, "pain_points")
    assert controller.session.set_cell(stage, pains)
    before = doc.cell_card_ids(stage, pains)
    started = time.perf_counter()
    for number in range(30):
        _type_note(qtbot, controller, f"Sticky note {number + 1}: delivery slot gone")
    elapsed = time.perf_counter() - started
    added = doc.cell_card_ids(stage, pains)[len(before):]
    assert [doc.card(cid).title for cid in added] == [
        f"Sticky note {n}: delivery slot gone" for n in range(1, 31)]
    assert {doc.card(cid).kind for cid in added} == {"pain_point"}, "the lane's kind"
    assert doc.undo_stack.count() == 30, "one undo step per note"
    assert controller.capture.line.text() == ""
    assert QApplication.focusWidget() is controller.capture.line, "ready for the next"
    print(f"\n30 notes captured by simulated keys in {elapsed:.2f} s")
    # Tab: the next cell along the lane; Shift+Tab back.
    qtbot.keyClick(controller.capture.line, Qt.Key.Key_Tab)
    assert controller.session.cell == (doc.map.stages[2].id, pains)
    assert QApplication.focusWidget() is controller.capture.line
    qtbot.keyClick(controller.capture.line, Qt.Key.Key_Backtab)
    assert controller.session.cell == (stage, pains)
    # Several lines pasted: one card each, one undo step.
    QApplication.clipboard().setText("Queue at the door\n\nNo parking  \r\nApp crashed\n")
    qtbot.keyClicks(controller.capture.line, "Typed first: ")
    qtbot.keyClick(controller.capture.line, Qt.Key.Key_V,
                   Qt.KeyboardModifier.ControlModifier)
    titles = [doc.card(cid).title for cid in doc.cell_card_ids(stage, pains)[-3:]]
    assert titles == ["Typed first: Queue at the door", "No parking", "App crashed"]
    assert doc.undo_stack.count() == 31
    QApplication.clipboard().setMimeData(QMimeData())


def test_clicking_an_empty_cell_chooses_where_capture_goes(window: MainWindow,
                                                           qtbot: QtBot) -> None:
    controller = _enter(window, qtbot)
    stage = window.document.map.stages[3].id
    lane = lane_id(window, "opportunities")
    rect = window.scene.layout.cell_rect(stage, lane)
    click(qtbot, window.view, QPointF(rect.x + rect.w / 2, rect.y + rect.h - 6))
    assert controller.session.cell == (stage, lane)
    assert controller.capture.cell.currentText().endswith("Opportunities")


def test_private_capture_is_hidden_from_the_room_until_revealed(window: MainWindow,
                                                               qtbot: QtBot) -> None:
    controller = _enter(window, qtbot)
    controller.set_target(PROJECTOR)
    projector = controller.projector
    assert projector is not None and projector.isVisible()
    assert not window.isFullScreen(), "with a projector the laptop keeps its window"
    controller.capture.private.setChecked(True)
    _type_note(qtbot, controller, "Nobody reads the FAQ")
    card_id = window.document.map.cards[-1].id
    assert window.document.card(card_id).private
    assert card_id not in projector.scene.layout.cards, "the room does not see it"
    assert card_id in window.scene.layout.cards, "the facilitator does"
    assert card_id in controller.overlay.marks, "marked PRIVATE on the laptop"
    assert controller.capture.hidden.text() == "1 private waiting"
    # One screen: the laptop's own map is the room's view and hides it too.
    controller.set_target(None)
    assert controller.projector is None
    assert window.isFullScreen()
    assert card_id not in window.scene.layout.cards
    assert not window.scene.card_items[card_id].isVisible()
    controller.capture.reveal.click()
    assert not window.document.card(card_id).private
    assert card_id in window.scene.layout.cards
    assert window.scene.card_items[card_id].isVisible()
    window.document.undo_stack.undo()
    assert window.document.card(card_id).private, "revealing is one undo step"


# ----- a dot-voting round ---------------------------------------------------------------------
def test_a_round_with_three_participants_from_start_to_reopening(
        window: MainWindow, qtbot: QtBot, manager: WindowManager, tmp_path: Path) -> None:
    doc = window.document
    controller = _enter(window, qtbot)
    controller.set_target(PROJECTOR)
    projector = controller.projector
    assert projector is not None
    session = controller.session
    # Two more pain points, captured by keyboard, to vote on.
    pains = lane_id(window, "pain_points")
    session.set_cell(doc.map.stages[0].id, pains)
    _type_note(qtbot, controller, "Card declined twice")
    _type_note(qtbot, controller, "Courier could not find the door")
    pain_ids = [c.id for c in doc.map.cards if c.kind == "pain_point"]
    assert len(pain_ids) == 3

    _answer_round_dialog({"name": "Fix first", "budget": 3, "cap": 2,
                          "names": "Ana\nBen\nChidi", "kinds": ["pain_point"],
                          "anonymity": "named"})
    qtbot.mouseClick(controller.panel.findChild(type(controller.panel.open_button), "newRound"),
                     Qt.MouseButton.LeftButton)
    voting_round = session.voting_round
    assert voting_round is not None and voting_round.name == "Fix first"
    assert voting_round.state == "open" and voting_round.budget == 3
    assert [p.name for p in doc.map.workshop.participants] == ["Ana", "Ben", "Chidi"]
    assert projector.title.text() == "Fix first"
    assert "3 dots each" in projector.status.text()
    ana, ben, chidi = voting_round.participant_ids
    assert session.participant_id == ana

    def vote(card_id: str, clicks: int = 1) -> None:
        for _ in range(clicks):
            click(qtbot, window.view, card_centre(window, card_id))

    fees, declined, door = "fees", pain_ids[1], pain_ids[2]
    steps = doc.undo_stack.count()
    vote(fees, 2)
    assert votes_on(session.voting_round, fees, ana) == 2
    vote(fees)  # over the cap of 2 per card
    assert votes_on(session.voting_round, fees, ana) == 2
    assert "At most 2" in controller.panel.message.text()
    vote(declined)
    vote(door)  # the fourth dot: over the budget of 3
    assert remaining(session.voting_round, ana) == 0
    assert votes_on(session.voting_round, door, ana) == 0
    assert "used" in controller.panel.message.text()
    vote("ad")  # a touchpoint: not part of this round
    assert votes_on(session.voting_round, "ad", ana) == 0
    assert doc.undo_stack.count() == steps + 3, "one undo step per dot given"
    assert controller.panel.voter.text() == "Ana: 0 of 3 dots left", "the budget left, in sight"
    # Hidden until reveal: the laptop shows Ana her own dots, the room sees nothing.
    assert fees in controller.overlay.marks
    assert not projector.overlay.marks
    # Ana is done; Ben comes up, votes by keys (arrows choose, Space gives a dot, 1-9 who).
    qtbot.mouseClick(controller.panel.done_button, Qt.MouseButton.LeftButton)
    assert session.participant_id == ben
    window.view.setFocus()
    window.scene.select_cards([door])
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    qtbot.keyClick(window.view, Qt.Key.Key_Plus)
    qtbot.keyClick(window.view, Qt.Key.Key_Minus)
    qtbot.keyClick(window.view, Qt.Key.Key_Space)
    assert votes_on(session.voting_round, door, ben) == 2
    qtbot.keyClick(window.view, Qt.Key.Key_3)
    assert session.participant_id == chidi
    vote(door)
    click(qtbot, window.view, card_centre(window, door), button=Qt.MouseButton.RightButton)
    assert votes_on(session.voting_round, door, chidi) == 0, "a right click takes one back"
    vote(declined)
    # A late joiner.
    controller.panel.joiner.setText("Dana")
    qtbot.mouseClick(controller.panel.findChild(type(controller.panel.open_button), "addJoiner"),
                     Qt.MouseButton.LeftButton)
    assert [p.name for p in doc.map.workshop.participants][-1] == "Dana"
    assert session.participant_id == session.voting_round.participant_ids[-1]
    vote(door)
    assert "done: 1 of 4" in controller.panel.done_label.text()

    # Reveal: the room sees the totals.
    qtbot.mouseClick(controller.panel.reveal_button, Qt.MouseButton.LeftButton)
    assert session.voting_round.revealed
    assert set(projector.overlay.marks) == {fees, declined, door}
    # Close: ranked results, ties marked, on the projector.
    qtbot.mouseClick(controller.panel.close_button, Qt.MouseButton.LeftButton)
    assert session.voting_round.state == "closed"
    assert projector.results.isVisible()
    lines = [controller.panel.results_list.item(i).text()
             for i in range(controller.panel.results_list.count())]
    assert lines[0].startswith("1") and "Courier could not find the door" in lines[0]
    assert [line.split()[0] for line in lines[1:]] == ["2=", "2="]
    assert all("tied" in line for line in lines[1:])
    assert "Ben 2" in lines[0], "a named round names the voters"
    # Undo the close: voting goes on; undo a dot.
    doc.undo_stack.undo()
    assert session.voting_round.state == "open" and session.voting_round.revealed
    doc.undo_stack.undo()  # Reveal
    doc.undo_stack.undo()  # Dana's dot
    assert votes_on(session.voting_round, door, session.voting_round.participant_ids[-1]) == 0
    doc.undo_stack.redo()
    doc.undo_stack.redo()
    doc.undo_stack.redo()
    assert session.voting_round.state == "closed"

    # Save, reopen: everything is still there.
    path = tmp_path / "after.journeymap"
    doc.save(path)
    again = load_map(path)
    assert again.workshop == doc.map.workshop
    assert again.workshop.rounds[0].votes
    assert [e.action for e in again.workshop.timer_log] == []
    window.modes.switch_to("edit")
    reopened = manager.open_path(path)
    assert reopened is not None
    assert reopened.document.map.workshop == doc.map.workshop


# ----- the timer ---------------------------------------------------------------------------------
class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_timer_counts_down_warns_ends_and_logs(voted_window: MainWindow,
                                                   qtbot: QtBot) -> None:
    controller = _enter(voted_window, qtbot)
    clock = FakeClock()
    timer = controller.timer
    timer.clock = clock
    doc = voted_window.document
    log_before = len(doc.map.workshop.timer_log)
    controller.panel.minutes.setValue(2)
    qtbot.mouseClick(controller.panel.findChild(type(controller.panel.open_button), "timerSet"),
                     Qt.MouseButton.LeftButton)
    assert timer.seconds_left() == 120 and timer.state == "idle"
    qtbot.mouseClick(controller.panel.start_button, Qt.MouseButton.LeftButton)
    assert timer.running and controller.panel.start_button.text() == "Pause"
    clock.now += 30.4
    timer.tick()
    assert timer.seconds_left() == 90
    qtbot.mouseClick(controller.panel.start_button, Qt.MouseButton.LeftButton)  # pause
    clock.now += 500
    assert timer.seconds_left() == 90 and timer.state == "paused"
    controller.panel.findChild(type(controller.panel.open_button), "timerMore").click()
    assert timer.seconds_left() == 150
    controller.panel.findChild(type(controller.panel.open_button), "timerLess").click()
    controller.panel.findChild(type(controller.panel.open_button), "timerLess").click()
    assert timer.seconds_left() == 30
    timer.start()
    clock.now += 21
    timer.tick()
    face = controller.panel.face
    assert timer.in_last_seconds()
    assert face.colours()[0] == theme.TIMER_WARNING, "the last ten seconds change colour"
    controller.close_on_time = True
    with qtbot.waitSignal(timer.ended, timeout=1000):
        clock.now += 10
        timer.tick()
    assert timer.state == "ended"
    assert face.text() == "Time's up"
    assert face.colours()[0] == theme.TIMER_END
    assert doc.voting_round("ideas").state == "closed", "the round closed itself"
    actions = [e.action for e in doc.map.workshop.timer_log[log_before:]]
    assert actions == ["set", "start", "pause", "add", "subtract", "subtract", "resume",
                       "end"]
    assert [e.round_id for e in doc.map.workshop.timer_log[log_before:]] == ["ideas"] * 8
    assert doc.map.workshop.timer_log[-1].seconds == 0
    doc.undo_stack.undo()  # the close, not the clock
    assert doc.voting_round("ideas").state == "open"
    assert doc.map.workshop.timer_log[-1].action == "end"
    assert doc.is_modified()


def test_the_end_shows_across_the_projector(voted_window: MainWindow, qtbot: QtBot) -> None:
    controller = _enter(voted_window, qtbot)
    controller.set_target(PROJECTOR)
    projector = controller.projector
    assert projector is not None
    clock = FakeClock()
    controller.timer.clock = clock
    controller.timer.set(5)
    controller.timer.start()
    clock.now += 6
    controller.timer.tick()
    assert projector.banner.isVisible()
    assert projector.banner.text() == "Time's up"
    assert projector.face.text() == "Time's up"
    flashes = {projector.face.colours()[0]}
    qtbot.waitUntil(lambda: projector.face.colours()[0] not in flashes, timeout=2000)
    controller.timer.reset()
    assert not projector.banner.isVisible()


# ----- the projector ---------------------------------------------------------------------------
def test_one_stage_on_the_projector_is_readable_from_the_back(voted_window: MainWindow,
                                                               qtbot: QtBot) -> None:
    controller = _enter(voted_window, qtbot)
    controller.set_target(PROJECTOR)
    projector = controller.projector
    assert projector is not None
    projector.resize(1920, 1080)
    qtbot.waitUntil(lambda: projector.view.viewport().height() > 800)
    controller.show_stage(1)
    first = voted_window.document.map.stages[0].id
    assert projector.stage_id == first
    title_px = projector.view.zoom * theme.font_size(FontRole.CARD_TITLE)
    assert title_px >= 24, title_px
    controller.show_stage(1)
    second = voted_window.document.map.stages[1].id
    assert projector.stage_id == second
    assert "STAGE 2 OF 5" in controller.panel.where.text()
    visible = projector.view.visible_scene_rect()
    stage = projector.scene.layout.stage_box(second)
    # Right of the frozen lane headers, whole.
    assert abs(visible.left() - (stage.column.x - theme.LANE_HEADER_WIDTH - 8)) < 2
    assert visible.right() >= stage.column.right
    assert projector.view.zoom * theme.font_size(FontRole.CARD_TITLE) >= 24
    veiled = {round(item.rect().x()) for item in projector.veil.items}
    assert round(stage.column.x) not in veiled and len(veiled) == len(
        projector.scene.layout.stages) - 1, "the other stages are veiled"
    # The open round is about opportunities: the view starts at their lane.
    lanes = {lane.lane_id: lane for lane in projector.scene.layout.lanes}
    opportunities = next(lane.id for lane in voted_window.document.map.lanes
                         if lane.kind == "opportunities")
    pinned = projector.scene.layout.corner.h
    row = lanes[opportunities].row
    assert visible.top() + pinned <= row.y + 1 and row.bottom <= visible.bottom() + 1
    assert visible.top() > 0, "scrolled down to it"
    assert projector.view.zoom * theme.font_size(FontRole.CARD_TITLE) <= 48 + 1e-6
    controller.show_whole()
    # The whole map: its grid, and the frozen headers at their size on screen (shown_rect).
    rect = projector.view.shown_rect(projector.view.zoom)
    assert rect.right() == projector.scene.sceneRect().right()
    assert projector.view.visible_scene_rect().contains(rect.adjusted(2, 2, -2, -2))


def test_names_from_the_map_are_plain_text_on_the_projector(voted_window: MainWindow,
                                                             qtbot: QtBot) -> None:
    doc = voted_window.document
    from journeymap_desktop import commands

    payload = '<img src="/dev/zero"><h1>Big</h1>'
    doc.push(commands.EditRound(doc, "ideas", {"name": payload}, "Rename"))
    controller = _enter(voted_window, qtbot)
    controller.session.set_round("ideas")
    controller.set_target(PROJECTOR)
    assert controller.projector is not None
    label = controller.projector.title
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.text() == payload
    assert payload in controller.panel.rounds.currentText()
    # Participants' names too (the panel's voter line and list, the late joiner).
    doc.push(commands.JoinRound(doc, "ideas", Participant(id="evil", name=payload)))
    controller.session.set_participant("evil")
    voter = controller.panel.voter
    assert voter.textFormat() == Qt.TextFormat.PlainText
    assert voter.text().startswith(payload)
    assert any(controller.panel.people.item(i).text().endswith(f"{payload}: 2 of 2 left")
               for i in range(controller.panel.people.count()))


def test_dialog_refuses_a_round_without_participants(voted_window: MainWindow,
                                                      qtbot: QtBot) -> None:
    dialog = RoundDialog(voted_window.document.map, [], voted_window)
    qtbot.addWidget(dialog)
    dialog.by_name.setChecked(True)
    dialog.names.setPlainText("  \n ")
    dialog.by_name.setChecked(True)
    dialog.open_now.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "at least one participant" in dialog.problem.text()
    dialog.count.setValue(4)
    dialog.open_now.click()
    assert dialog.result_round is not None
    assert len(dialog.result_round.participant_ids) == 4
    assert dialog.result_round.participant_ids[:1] == ["c3"], "unnamed people found again"


def test_closing_the_window_in_workshop_mode_closes_the_projector(voted_window: MainWindow,
                                                                 qtbot: QtBot) -> None:
    controller = _enter(voted_window, qtbot)
    controller.set_target(PROJECTOR)
    projector = controller.projector
    assert projector is not None and projector.isVisible()
    voted_window.act_present.trigger()  # F11: straight on to presenting
    assert voted_window.view.mode.name == "present" and controller.projector is None
    assert not controller.panel.isVisible() and not controller.capture.isVisible()
    qtbot.keyClick(voted_window.view, Qt.Key.Key_F5)
    controller.set_target(PROJECTOR)  # (a made-up screen: not there again on entering)
    assert controller.projector is not None
    projector = controller.projector
    voted_window.document.undo_stack.setClean()
    voted_window.close()
    assert not projector.isVisible()


def test_a_projector_closed_from_outside_is_let_go(voted_window: MainWindow,
                                                   qtbot: QtBot) -> None:
    controller = _enter(voted_window, qtbot)
    controller.set_target(PROJECTOR)
    projector = controller.projector
    assert projector is not None
    projector.close()  # a window manager's close, or its screen gone
    assert controller.projector is None and controller.target is None
    assert "closed" in controller.panel.message.text()
    assert controller.panel.screens.currentIndex() == 0, "this screen only"
    controller.show_stage(1)  # nothing to drive: no error
    assert not projector.testAttribute(Qt.WidgetAttribute.WA_QuitOnClose)


def test_typing_on_the_map_starts_a_note_and_right_click_opens_no_menu(
        window: MainWindow, qtbot: QtBot) -> None:
    controller = _enter(window, qtbot)
    click(qtbot, window.view, card_centre(window, "ad"))  # the map has the keyboard
    assert QApplication.focusWidget() is window.view
    qtbot.keyClicks(window.view, "Q")
    line = controller.capture.line
    assert QApplication.focusWidget() is line and line.text() == "Q"
    qtbot.keyClicks(line, "ueue at the door")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    assert window.document.map.cards[-1].title == "Queue at the door"
    shown: list[object] = []
    window.view.context_requested.connect(lambda *args: shown.append(args))
    from PySide6.QtGui import QContextMenuEvent

    point = window.view.mapFromScene(card_centre(window, "ad"))
    QApplication.sendEvent(window.view.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, window.view.viewport().mapToGlobal(point)))
    assert shown == [], "a right click takes a dot back; no menu over the votes"
