"""No typed word is lost: text still in a field reaches the map before a save, a close, an
undo or a new selection; crash drafts survive until the user decides."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from journeymap_desktop.storage import load_map
from journeymap_desktop.ui import dialogs
from journeymap_desktop.ui.main_window import MainWindow
from journeymap_desktop.ui.window_manager import WindowManager
from tests.helpers import answer_next_message_box, centre, click, pause_typing
from tests.helpers.maps import emotion_of


def _select(window: MainWindow, qtbot: QtBot, card_id: str) -> None:
    click(qtbot, window.view, centre(window.scene.layout.cards[card_id].rect))


def test_typing_reaches_the_map_after_a_pause_as_one_undo_step(window: MainWindow,
                                                               qtbot: QtBot) -> None:
    _select(window, qtbot, "ad")
    body = window.inspector.card_page.body
    body.setFocus()
    qtbot.keyClicks(body, "Seen twice ")
    assert window.document.card("ad").body == "", "nothing reaches the map mid-word"
    pause_typing(window)
    assert window.document.card("ad").body == "Seen twice"
    assert window.isWindowModified(), "the unsaved marker shows typing at once"
    assert body.toPlainText() == "Seen twice ", "the trailing space the user typed stays"
    qtbot.keyClicks(body, "on the bus")
    pause_typing(window)
    assert window.document.card("ad").body == "Seen twice on the bus"
    assert window.document.undo_stack.count() == 1
    window.act_undo.trigger()
    assert window.document.card("ad").body == ""
    assert body.toPlainText() == ""


def test_closing_while_typing_in_the_inspector_asks_and_saves_it(window: MainWindow,
                                                                 map_file: Path,
                                                                 qtbot: QtBot) -> None:
    _select(window, qtbot, "ad")
    body = window.inspector.card_page.body
    body.setFocus()
    qtbot.keyClicks(body, "Typed just before closing")
    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Save, seen)
    assert window.close()
    assert seen, "closing asked about the unsaved text"
    assert load_map(map_file).cards[0].body == "Typed just before closing"


def test_save_while_typing_a_title_saves_what_is_on_screen(window: MainWindow, map_file: Path,
                                                           qtbot: QtBot) -> None:
    _select(window, qtbot, "ad")
    title = window.inspector.card_page.title
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Billboard at the station")
    window.act_save.trigger()
    assert load_map(map_file).cards[0].title == "Billboard at the station"
    assert not window.isWindowModified()


def test_adding_a_card_while_typing_keeps_the_text_on_the_first_card(window: MainWindow,
                                                                      qtbot: QtBot) -> None:
    _select(window, qtbot, "ad")
    body = window.inspector.card_page.body
    body.setFocus()
    qtbot.keyClicks(body, "Notes about the ad")
    window.palette_dock.buttons["note"].click()
    assert window.document.card("ad").body == "Notes about the ad"
    new_id = window.scene.selected_card_ids()[0]
    assert new_id != "ad"
    assert window.document.card(new_id).body == ""


def test_an_open_title_editor_is_kept_on_close(window: MainWindow, map_file: Path,
                                               qtbot: QtBot) -> None:
    _select(window, qtbot, "ad")
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    editor = window.view.editor
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Renamed in place")
    answer_next_message_box(QMessageBox.StandardButton.Save)
    assert window.close()
    assert load_map(map_file).cards[0].title == "Renamed in place"


def test_escape_closes_the_title_editor_and_forgets_it(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    _select(window, qtbot, "ad")
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    assert window.view.editor is not None
    qtbot.keyClick(window.view.editor, Qt.Key.Key_Escape)
    assert window.view.editor is None


def test_a_deferred_draft_survives_opening_and_closing_the_same_file(
        manager: WindowManager, window: MainWindow, map_file: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from journeymap_desktop import commands

    window.document.push(commands.SetFields(window.document, "card", "ad",
                                            {"title": "Work from the crashed session"}))
    assert window.autosaver.write_now()
    assert window.autosaver.wait()
    window.autosaver.timer.stop()
    drafts = tmp_path / "recovery"
    (crashed,) = list(drafts.glob("*.draft.json"))

    # Next start: "Decide Later", then the same file is opened, read and closed.
    restarted = WindowManager(recovery_dir=drafts, autosave_interval_ms=3_600_000)
    monkeypatch.setattr("journeymap_desktop.ui.window_manager.ask_restore_drafts",
                        lambda _parent, _drafts: dialogs.RecoveryChoice.LATER)
    assert restarted.offer_recovery() == []
    again = restarted.open_path(map_file)
    assert again is not None
    again.close()
    assert crashed.exists(), "the crashed session's draft is still there"
    assert [d.path for d in restarted.drafts_to_offer()] == [crashed]


def test_restoring_a_draft_whose_file_changed_since_asks_before_overwriting(
        manager: WindowManager, window: MainWindow, map_file: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from journeymap_desktop import commands

    window.document.push(commands.SetFields(window.document, "card", "ad",
                                            {"title": "Draft version"}))
    assert window.autosaver.write_now()
    assert window.autosaver.wait()
    window.autosaver.timer.stop()
    map_file.write_bytes(map_file.read_bytes() + b"\n")  # a colleague saved meanwhile

    restarted = WindowManager(recovery_dir=tmp_path / "recovery",
                              autosave_interval_ms=3_600_000)
    (draft,) = restarted.drafts_to_offer()
    assert "changed since" in draft.describe()
    restored = restarted.restore_draft(draft)
    assert restored is not None
    try:
        seen: list[str] = []
        answer_next_message_box(QMessageBox.StandardButton.Cancel, seen)
        assert not restored.save()
        assert seen and "changed by another program" in seen[0]
    finally:
        restored.document.undo_stack.setClean()
        restored.close()


def test_save_as_refuses_a_file_open_in_another_window(manager: WindowManager,
                                                       window: MainWindow, map_file: Path,
                                                       examples_dir: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    other = manager.new_window(load_map(examples_dir / "b2b-onboarding.journeymap"))
    monkeypatch.setattr("journeymap_desktop.ui.file_controller.ask_save_path",
                        lambda *a, **k: map_file)
    before = map_file.read_bytes()
    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Ok, seen)
    assert not other.save_as()
    assert "open in another window" in seen[0]
    assert map_file.read_bytes() == before


def test_the_save_dialog_adds_the_suffix_and_asks_before_replacing(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    existing = tmp_path / "workshop.journeymap"
    existing.write_text("someone else's map", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "exec", lambda _self: QFileDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda _self: [str(tmp_path / "workshop")])
    answer_next_message_box(QMessageBox.StandardButton.Cancel)
    assert dialogs.ask_save_path(window, "Save", tmp_path / "x.journeymap", "*", "journeymap") \
        is None
    answer_next_message_box("Replace")
    assert dialogs.ask_save_path(window, "Save", tmp_path / "x.journeymap", "*",
                                 "journeymap") == existing
    assert os.path.exists(existing)


def test_a_persona_field_keeps_the_keyboard_across_typing_pauses(window: MainWindow,
                                                                 qtbot: QtBot) -> None:
    window.scene.clearSelection()
    page = window.inspector.map_page
    page.add_persona.click()
    role = page.persona_role
    role.setFocus()
    qtbot.keyClicks(role, "Head of")
    pause_typing(window)
    assert window.document.map.personas[0].role == "Head of"
    assert role.hasFocus(), "the pause commit left the keyboard in the field"
    cards = len(window.document.map.cards)
    qtbot.keyClicks(role, " sales")
    pause_typing(window)
    assert window.document.map.personas[0].role == "Head of sales"
    assert len(window.document.map.cards) == cards


def test_the_typing_pause_is_the_window_managers_choice(qtbot: QtBot, tmp_path: Path,
                                                        map_file: Path) -> None:
    """The pause is injected (WindowManager(typing_pause_ms=...)), and a real timer ends it."""
    from journeymap_desktop.app import create_application

    create_application()
    quick = WindowManager(recovery_dir=tmp_path / "recovery", typing_pause_ms=30)
    window = quick.open_path(map_file)
    assert window is not None
    try:
        qtbot.waitExposed(window)
        _select(window, qtbot, "ad")
        body = window.inspector.card_page.body
        body.setFocus()
        qtbot.keyClicks(body, "Quick")
        qtbot.waitUntil(lambda: window.document.card("ad").body == "Quick", timeout=1000)
    finally:
        window.document.undo_stack.setClean()
        window.close()


def test_clicking_around_never_rewrites_text_nobody_edited(manager: WindowManager,
                                                          tmp_path: Path,
                                                          small_map, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from journeymap_desktop.model.map import Persona
    from journeymap_desktop.storage import save_map

    small_map.description = "Line one\n"
    small_map.personas = [Persona(id="p", name="Maya", quote="Hi ", goals=["-5% cost"])]
    small_map.cards[0].tags = ["#vip", "a,b"]
    small_map.cards[0].title = " padded"
    path = tmp_path / "odd.journeymap"
    save_map(small_map, path, keep_backup=False)
    window = manager.open_path(path)
    assert window is not None
    for card_id in ("ad", "friend", "ad"):
        window.scene.select_cards([card_id])
    window.scene.clearSelection()
    window.inspector.commit_pending()
    assert window.document.undo_stack.count() == 0
    assert not window.isWindowModified()


def test_ctrl_d_in_the_title_editor_does_not_duplicate_the_card(window: MainWindow,
                                                                qtbot: QtBot) -> None:
    _select(window, qtbot, "ad")
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    editor = window.view.editor
    assert editor is not None
    before = len(window.document.map.cards)
    for key, modifier in ((Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_2, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_N, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier)):
        qtbot.keyClick(editor, key, modifier)
    assert len(window.document.map.cards) == before
    assert emotion_of(window.document.card("ad")) == 1
    assert window.document.undo_stack.count() == 0


def test_closing_in_presentation_mode_leaves_the_next_window_normal(
        manager: WindowManager, window: MainWindow, map_file: Path, qtbot: QtBot) -> None:
    window.act_present.trigger()
    assert window.isFullScreen()
    window.close()
    again = manager.open_path(map_file)
    assert again is not None
    qtbot.waitExposed(again)
    assert not again.isFullScreen()
    assert again.inspector.isVisible() and again.toolbar.isVisible()
