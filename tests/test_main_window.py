"""The app shell: opening, titles, saving, unsaved-work prompts, autosave and recovery."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from journeymap_desktop import commands
from journeymap_desktop.storage import load_map
from journeymap_desktop.ui import dialogs
from journeymap_desktop.ui.main_window import MainWindow
from journeymap_desktop.ui.window_manager import WindowManager
from tests.helpers import answer_next_message_box


def _edit_title(window: MainWindow, title: str) -> None:
    window.document.push(commands.SetFields(window.document, "card", "ad", {"title": title}))


def test_a_file_opens_with_its_name_in_the_title(window: MainWindow, map_file: Path) -> None:
    assert window.windowTitle() == "service.journeymap[*] — JourneyMap"
    assert not window.isWindowModified()
    assert len(window.scene.card_items) == 5
    assert window.count_label.text() == "5 stages · 5 lanes · 5 cards"
    _edit_title(window, "Sees a billboard")
    assert window.isWindowModified()


def test_closing_with_unsaved_changes_asks_first(window: MainWindow, map_file: Path,
                                                 qtbot: QtBot) -> None:
    original = map_file.read_bytes()
    _edit_title(window, "Sees a billboard")
    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Cancel, seen)
    assert not window.close()
    assert window.isVisible()
    assert "service.journeymap" in seen[0]

    answer_next_message_box(QMessageBox.StandardButton.Discard)
    assert window.close()
    assert map_file.read_bytes() == original, "discarding leaves the file as it was"


def test_choosing_save_when_closing_writes_the_file(window: MainWindow, map_file: Path) -> None:
    _edit_title(window, "Sees a billboard")
    answer_next_message_box(QMessageBox.StandardButton.Save)
    assert window.close()
    assert load_map(map_file).cards[0].title == "Sees a billboard"
    assert map_file.with_name("service.journeymap.bak").is_file()


def test_save_writes_the_file_and_clears_the_marker(window: MainWindow, map_file: Path,
                                                    qtbot: QtBot) -> None:
    _edit_title(window, "Sees a billboard")
    qtbot.keyClick(window.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not window.isWindowModified()
    saved = load_map(map_file)
    assert saved.cards[0].title == "Sees a billboard"
    assert saved.meta.app_version
    text = map_file.read_text(encoding="utf-8")
    assert text.endswith("}\n") and '\n  "format": "journeymap"' in text


def test_saving_over_a_file_changed_by_another_program_asks(window: MainWindow,
                                                            map_file: Path) -> None:
    data = json.loads(map_file.read_text(encoding="utf-8"))
    data["title"] = "Edited elsewhere"
    map_file.write_text(json.dumps(data), encoding="utf-8")
    _edit_title(window, "Mine")
    answer_next_message_box(QMessageBox.StandardButton.Cancel)
    assert not window.save()
    assert load_map(map_file).title == "Edited elsewhere"

    answer_next_message_box("Overwrite")
    assert window.save()
    assert load_map(map_file).cards[0].title == "Mine"


def test_a_failed_save_keeps_the_file_and_says_why(window: MainWindow, map_file: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    original = map_file.read_bytes()
    _edit_title(window, "Sees a billboard")

    def full_disk(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("journeymap_desktop.storage.files.os.fsync", full_disk)
    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Ok, seen)
    assert not window.save()
    assert "disk is full" in seen[0] and "not changed" in seen[0]
    assert map_file.read_bytes() == original
    assert window.isWindowModified()
    assert not list(map_file.parent.glob(".service.journeymap.*.tmp"))


def test_an_example_opens_as_an_untitled_copy_and_saves_elsewhere(
        manager: WindowManager, examples_dir: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    example = examples_dir / "grocery-delivery.journeymap"
    before = example.read_bytes()
    window = manager.open_path(example)
    assert window is not None
    assert window.windowTitle().startswith("Grocery delivery (example)")
    _edit_title_any(window)
    target = tmp_path / "my-shop.journeymap"
    monkeypatch.setattr("journeymap_desktop.ui.file_controller.ask_save_path",
                        lambda *a, **k: target)
    assert window.save()
    assert target.is_file()
    assert example.read_bytes() == before
    assert window.windowTitle() == "my-shop.journeymap[*] — JourneyMap"


def _edit_title_any(window: MainWindow) -> None:
    card = window.document.map.cards[0]
    window.document.push(commands.SetFields(window.document, "card", card.id,
                                            {"title": "Changed"}))


def test_a_damaged_file_gives_a_clear_message_and_no_window(manager: WindowManager,
                                                            tmp_path: Path) -> None:
    broken = tmp_path / "broken.journeymap"
    broken.write_text('{"format": "journeymap", "version": 1, "cards": [', encoding="utf-8")
    before = broken.read_bytes()
    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Ok, seen)
    assert manager.open_path(broken) is None
    assert seen and "broken.journeymap" in seen[0] and "line 1" in seen[0]
    assert broken.read_bytes() == before
    assert manager.windows == []


def test_opening_a_file_replaces_an_untouched_example(manager: WindowManager,
                                                      examples_dir: Path, map_file: Path) -> None:
    first = manager.open_path(examples_dir / "grocery-delivery.journeymap")
    assert first is not None and first.is_pristine()
    second = manager.open_path(map_file, first)
    assert second is not None and second is not first
    assert manager.windows == [second]
    assert manager.recent_files() == [map_file.resolve()]
    assert manager.open_path(map_file, second) is second, "an open file is not opened twice"


def test_new_from_template_opens_the_template(manager: WindowManager, window: MainWindow,
                                              qtbot: QtBot) -> None:
    lifecycle = next(a for a in window.findChildren(type(window.act_save))
                     if a.objectName() == "template_lifecycle")
    lifecycle.trigger()
    newest = manager.windows[-1]
    assert newest is not window
    assert [s.name for s in newest.document.map.stages] == [
        "Awareness", "Consideration", "Purchase", "Onboarding", "Usage", "Retention",
        "Advocacy"]
    assert newest.windowTitle().startswith("Untitled")


def test_autosave_writes_a_draft_and_a_new_start_restores_it(
        manager: WindowManager, window: MainWindow, map_file: Path, tmp_path: Path,
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    original = map_file.read_bytes()
    _edit_title(window, "Unsaved idea from the workshop")
    window.autosaver.timer.setInterval(50)
    drafts = tmp_path / "recovery"
    qtbot.waitUntil(lambda: any(drafts.glob("*.draft.json")), timeout=3000)
    assert map_file.read_bytes() == original, "autosave never writes over the user's file"

    # The app "crashes": the window is gone without closing; a new start finds the draft.
    window.autosaver.timer.stop()
    restarted = WindowManager(recovery_dir=drafts, autosave_interval_ms=3_600_000)
    offered = restarted.drafts_to_offer()
    assert len(offered) == 1 and offered[0].source == map_file
    monkeypatch.setattr("journeymap_desktop.ui.window_manager.ask_restore_drafts",
                        lambda _parent, _drafts: dialogs.RecoveryChoice.RESTORE)
    restored = restarted.offer_recovery()
    try:
        assert len(restored) == 1
        document = restored[0].document
        assert document.card("ad").title == "Unsaved idea from the workshop"
        assert document.path == map_file
        assert document.is_modified(), "restored work is not in the file yet"
        assert restored[0].isWindowModified()
        # Saving it puts the work in the file and the draft goes away.
        restored[0].save()
        assert load_map(map_file).cards[0].title == "Unsaved idea from the workshop"
        assert not any(drafts.glob("*.draft.json"))
    finally:
        for other in restarted.windows:
            other.document.undo_stack.setClean()
            other.close()


def test_closing_after_save_leaves_no_draft(window: MainWindow, tmp_path: Path) -> None:
    _edit_title(window, "Draft me")
    assert window.autosaver.write_now()
    assert window.autosaver.wait()
    assert any((tmp_path / "recovery").glob("*.draft.json"))
    window.save()
    assert not any((tmp_path / "recovery").glob("*.draft.json"))
