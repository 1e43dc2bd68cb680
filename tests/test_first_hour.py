"""The rough edges a new user hits in the first hour (issue 10), each driven as the user
meets it: clicks, keys, menus, the export dialog, the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from journeymap_desktop import commands
from journeymap_desktop.cli import main
from journeymap_desktop.ui.export_dialog import ExportDialog
from journeymap_desktop.ui.main_window import MainWindow
from journeymap_desktop.ui.window_manager import WindowManager
from tests.helpers import cell_centre, click, lane_id, select_card
from tests.helpers_model import feel


def _right_click(window: MainWindow, scene_point: object,
                 choose: Callable[[QMenu], None]) -> list[str]:
    """Open the canvas's context menu at a scene point, read its entries, let `choose` act."""
    shown: list[str] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, read_menu)
            return
        shown.extend(a.text() for a in menu.actions() if a.text())
        choose(menu)
        menu.close()

    QTimer.singleShot(0, read_menu)
    point = window.view.mapFromScene(scene_point)  # type: ignore[call-overload]
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                              window.view.viewport().mapToGlobal(point))
    QApplication.sendEvent(window.view.viewport(), event)
    return shown


def _trigger(text: str) -> Callable[[QMenu], None]:
    """Choose a menu entry as a click does: the menu closes, then the action runs."""
    def choose(menu: QMenu) -> None:
        action = next((a for a in menu.actions() if a.text() == text), None)
        menu.close()
        if action is not None:  # else the test fails on the entries shown
            action.trigger()
    return choose


# ----- Ctrl+V after clicking an empty cell ---------------------------------------------------
def test_paste_after_clicking_an_empty_cell_pastes_into_that_cell(window: MainWindow,
                                                                  qtbot: QtBot) -> None:
    select_card(qtbot, window, "fees")
    qtbot.keyClick(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    empty = cell_centre(window, 3, "opportunities")
    click(qtbot, window.view, empty)
    assert window.scene.selected_card_ids() == []
    qtbot.keyClick(window.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    pasted = window.scene.selected_card_ids()
    assert len(pasted) == 1
    card = window.document.card(pasted[0])
    assert card.title == "Hidden delivery fees"
    assert (card.stage_id, card.lane_id) == (window.document.map.stages[3].id,
                                             lane_id(window, "opportunities"))


# ----- Add Touchpoint in the Emotions lane, and the hint for other kinds ---------------------
def test_add_touchpoint_in_the_emotions_lane_goes_to_the_stages_touchpoints(
        window: MainWindow, qtbot: QtBot) -> None:
    stage = window.document.map.stages[4]
    shown = _right_click(window, cell_centre(window, 4, "emotions"),
                         _trigger("Add Touchpoint to “Touchpoints”"))
    assert "Add Touchpoint to “Touchpoints”" in shown, shown
    qtbot.waitUntil(lambda: len(window.scene.selected_card_ids()) == 1)
    new = window.scene.selected_card_ids()
    card = window.document.card(new[0])
    assert (card.kind, card.stage_id, card.lane_id) == ("touchpoint", stage.id,
                                                         lane_id(window, "touchpoints"))
    # In sight and its title in edit.
    box = window.scene.layout.cards[card.id].rect
    assert window.view.visible_scene_rect().contains(box.x + box.w / 2, box.y + box.h / 2)
    assert window.view.editor is not None
    qtbot.keyClick(window.view.editor, Qt.Key.Key_Escape)


def test_a_feeling_on_a_pain_point_says_the_curve_follows_touchpoints_only(
        window: MainWindow, qtbot: QtBot) -> None:
    page = window.inspector.card_page
    select_card(qtbot, window, "fees")
    assert page.curve_hint.isHidden()  # no feeling yet: nothing to explain
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    assert not page.curve_hint.isHidden()
    assert "touchpoints only" in page.curve_hint.text()
    select_card(qtbot, window, "ad")  # a touchpoint with a feeling
    assert page.curve_hint.isHidden()


# ----- Insert Stage Before / Lane Above --------------------------------------------------------
@pytest.mark.parametrize(("axis", "entry", "offset"), [
    ("stage", "Insert Stage Before", 0), ("stage", "Insert Stage After", 1),
    ("lane", "Insert Lane Above", 0), ("lane", "Insert Lane Below", 1)])
def test_insert_before_and_after_select_the_new_header_in_edit(
        window: MainWindow, qtbot: QtBot, axis: str, entry: str, offset: int) -> None:
    doc = window.document
    headers = doc.map.stages if axis == "stage" else doc.map.lanes
    clicked = headers[1].id
    items = window.scene.stage_items if axis == "stage" else window.scene.lane_items
    rect = items[clicked].sceneBoundingRect()
    count = len(headers)
    shown = _right_click(window, rect.center(), _trigger(entry))
    assert entry in shown, shown
    qtbot.waitUntil(lambda: len(doc.map.stages if axis == "stage" else doc.map.lanes) > count)
    assert {"Insert Stage Before", "Insert Stage After"} <= set(shown) or \
        {"Insert Lane Above", "Insert Lane Below"} <= set(shown)
    headers = doc.map.stages if axis == "stage" else doc.map.lanes
    new = headers[1 + offset]
    assert new.id != clicked and headers[2 - offset].id == clicked
    selected = (window.scene.selected_stage_ids() if axis == "stage"
                else window.scene.selected_lane_ids())
    assert selected == [new.id]
    assert window.view.editor is not None
    qtbot.keyClicks(window.view.editor, "Research")
    qtbot.keyClick(window.view.editor, Qt.Key.Key_Return)
    assert doc.header(axis, new.id).name == "Research"  # type: ignore[arg-type]


# ----- status bar, export dialog, persona boxes ------------------------------------------------
def test_status_bar_counts_say_one_card_not_one_cards(window: MainWindow,
                                                      qtbot: QtBot) -> None:
    doc = window.document
    keep = {"ad"}
    doc.push(commands.RemoveCards(doc, [c.id for c in doc.map.cards if c.id not in keep]))
    assert window.count_label.text().endswith("· 1 card")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.find_bar.field, "ad")
    assert window.find_bar.count.text() in ("1 of 1 card", "0 of 1 card")


def test_export_path_is_elided_in_the_middle_with_the_whole_path_in_a_tooltip(
        window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    dialog = ExportDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    deep = tmp_path / "clients" / "a-very-long-client-name-for-the-workshop" / "2026" / \
        "journeys" / "onboarding-final-v3.pdf"
    dialog.output.setText(str(deep))
    dialog.kind.setFocus()  # not typing in the path
    shown = dialog.output.shown_text()
    assert "…" in shown and shown != str(deep)
    assert shown.endswith("onboarding-final-v3.pdf") and shown.startswith(str(tmp_path)[:4])
    assert str(deep) in dialog.output.toolTip()
    assert dialog.output.text() == str(deep)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.mouseClick(dialog.output, Qt.MouseButton.LeftButton)
    assert dialog.output.shown_text() == str(deep)  # typing shows all of it


def test_persona_goals_and_frustrations_show_three_lines_whole(
        manager: WindowManager, examples_dir: Path, qtbot: QtBot) -> None:
    manager.screen_area = lambda: QRect(0, 0, 1366, 768)  # type: ignore[method-assign]
    window = manager.open_path(examples_dir / "grocery-delivery.journeymap")
    assert window is not None
    qtbot.waitExposed(window)
    page = window.inspector.map_page
    assert window.inspector.stack.currentWidget() is page and page.persona_box.isVisible()
    for box in (page.persona_goals, page.persona_frustrations):
        QApplication.processEvents()
        assert box.verticalScrollBar().maximum() == 0, "the example's three lines all show"
        box.setFocus()
        box.selectAll()
        for line in ("Shop in ten minutes", "Know the total first", "No substitutions"):
            qtbot.keyClicks(box, line)
            qtbot.keyClick(box, Qt.Key.Key_Return)
        QApplication.processEvents()
        assert box.verticalScrollBar().maximum() == 0, "three short lines need no scrolling"
        assert box.viewport().height() >= 3 * box.fontMetrics().lineSpacing()


# ----- journeymap validate and --help --------------------------------------------------------
def test_validate_prints_field_and_whole_map_problems_together(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "four.journeymap"
    assert main(["new", "-o", str(path)]) == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    stage, lane = data["stages"][0]["id"], data["lanes"][1]["id"]

    def card(card_id: str, order: int, **more: object) -> dict[str, object]:
        return {"id": card_id, "stage_id": stage, "lane_id": lane, "order": order,
                "title": card_id, **more}

    data["cards"] = [card("a", 0), card("a", 1), card("b", 2, stage_id="gone"),
                     card("c", 3, votes="many"), card("d", 4, colr="#fff")]
    path.write_text(json.dumps(data), encoding="utf-8")
    capsys.readouterr()
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{path}: 4 problems"
    joined = "\n".join(lines[1:])
    for part in ('cards[3].votes (card "c")', 'cards[4].colr (card "d")',
                 'cards[1].id: duplicate id "a"', 'card "b" is in unknown stage "gone"'):
        assert part in joined
    assert len(lines) == 5


def test_help_says_journeymap_file_opens_the_app(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "usage: journeymap [FILE]" in out
    assert "journeymap FILE    open FILE in the app's window" in out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 libraries: Linux only")
def test_a_missing_x11_library_is_named_with_the_package_to_install(tmp_path: Path) -> None:
    """Qt's xcb plugin needs libxcb-cursor0 and friends; without one Qt aborts with a core
    dump and a hint to reinstall. The app names the package instead and exits cleanly."""
    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / "libxcb-cursor.so.0").write_bytes(b"")  # found first, and cannot be loaded
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":97",
           "LD_LIBRARY_PATH": str(broken)}
    result = subprocess.run([sys.executable, "-m", "journeymap_desktop"], env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    assert "libxcb-cursor.so.0" in result.stderr
    assert "sudo apt install libxcb-cursor0" in result.stderr
    assert "Aborted" not in result.stderr and "Traceback" not in result.stderr


def test_no_window_check_where_qt_draws_without_x11() -> None:
    from journeymap_desktop.system_libraries import uses_xcb

    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not uses_xcb({"QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not uses_xcb({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"},
                        "linux")
    assert not uses_xcb({}, "win32")


def test_the_feeling_word_a_user_typed_survives_the_keys(window: MainWindow,
                                                         qtbot: QtBot) -> None:
    window.document.push(commands.SetFields(window.document, "card", "checkout",
                                            {"emotions": feel(-1, "lost at the fees")}))
    select_card(qtbot, window, "checkout")
    qtbot.keyClick(window.view, Qt.Key.Key_5)
    value = window.document.card("checkout").emotions["everyone-as-is"]
    assert (value.value, value.word) == (2, "lost at the fees")
