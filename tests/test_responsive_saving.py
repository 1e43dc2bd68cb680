"""Big maps stay responsive and saves stay honest (issue 8): the autosave writes from a snapshot
on a worker thread, a big map opens behind a progress dialog that can be cancelled, damaged
drafts never stop a start, read-only and changed files are asked about."""

from __future__ import annotations

import json
import logging
import os
import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from journeymap_desktop import commands
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.map import Card, Lane, Persona, Stage
from journeymap_desktop.storage import load_map, save_map
from journeymap_desktop.storage.recovery import RecoveryStore
from journeymap_desktop.ui import dialogs
from journeymap_desktop.ui.main_window import MainWindow
from journeymap_desktop.ui.window_manager import WindowManager
from tests.helpers import answer_next_message_box
from tests.helpers.maps import feel, rich_map


# ----- the snapshot --------------------------------------------------------------------------
def test_a_snapshot_is_not_changed_by_any_later_edit(qtbot: QtBot) -> None:
    document = JourneyDocument(rich_map())
    snapshot = document.snapshot()
    before = snapshot.model_dump_json()
    journey = document.map
    card, other = journey.cards[0], journey.cards[1]
    stage, lane = journey.stages[0], journey.lanes[0]
    document.set_card_fields(card.id, title="Changed", tags=["x"], emotions=feel(-2))
    document.move_cards([card.id], journey.stages[-1].id, lane.id, 0)
    document.apply_placements({other.id: (stage.id, lane.id, 5)})
    document.insert_cards([Card(id="new", stage_id=stage.id, lane_id=lane.id, title="New")],
                          index=0)
    document.remove_cards([journey.cards[2].id])
    document.set_header_fields("stage", stage.id, name="Renamed", colour="#000000")
    document.set_header_fields("lane", lane.id, name="Renamed lane")
    document.move_header("stage", stage.id, 2)
    document.insert_header("lane", Lane(id="l-new", name="New lane"), 0)
    document.insert_header("stage", Stage(id="s-new", name="New stage"), 0)
    persona = journey.personas[0]
    document.set_persona_fields(persona.id, name="Someone else", goals=["other"])
    document.insert_persona(Persona(id="p-new", name="New"), 0)
    document.set_map_fields(title="New title", author="Someone")
    assert document.map.model_dump_json() != before
    assert snapshot.model_dump_json() == before


# ----- autosave off the GUI thread ---------------------------------------------------------
def _rename_card(window: MainWindow, title: str) -> None:
    window.document.push(commands.SetFields(window.document, "card", "ad", {"title": title}))


def test_autosave_writes_the_snapshot_on_another_thread_while_editing_goes_on(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[str] = []
    release = threading.Event()
    real_write = RecoveryStore.write_snapshot

    def slow_write(self: RecoveryStore, *args: object, **kwargs: object) -> Path:
        threads.append(threading.current_thread().name)
        release.wait(10)  # a big map: the write takes a while
        return real_write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RecoveryStore, "write_snapshot", slow_write)
    _rename_card(window, "In the draft")
    assert window.autosaver.write_now()  # returns at once: the GUI thread does not wait
    assert window.autosaver.is_writing()
    _rename_card(window, "Typed while the draft was being written")
    assert not window.autosaver.write_now()  # one write at a time; this edit is pending
    release.set()
    assert window.autosaver.wait()
    assert threads and threads[0] != threading.main_thread().name
    (draft,) = RecoveryStore(tmp_path / "recovery").drafts()
    assert draft.load().cards[0].title == "In the draft"
    # The next tick brings the later edit.
    assert window.autosaver.write_now()
    assert window.autosaver.wait()
    (draft,) = RecoveryStore(tmp_path / "recovery").drafts()
    assert draft.load().cards[0].title == "Typed while the draft was being written"


def test_saving_while_a_draft_is_being_written_still_removes_the_draft(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real_write = RecoveryStore.write_snapshot

    def slow_write(self: RecoveryStore, *args: object, **kwargs: object) -> Path:
        release.wait(10)
        return real_write(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(RecoveryStore, "write_snapshot", slow_write)
    _rename_card(window, "Saved soon")
    assert window.autosaver.write_now()
    assert window.save()
    release.set()
    window.autosaver.wait()
    assert list((tmp_path / "recovery").glob("*.draft.json")) == []


def test_a_draft_is_a_loadable_map_and_private(window: MainWindow, tmp_path: Path) -> None:
    _rename_card(window, "Private work")
    assert window.autosaver.write_now()
    assert window.autosaver.wait()
    (draft,) = RecoveryStore(tmp_path / "recovery").drafts()
    assert draft.load() == window.document.map
    assert window.document.path is not None
    map_mode = window.document.path.stat().st_mode & 0o666
    assert draft.path.stat().st_mode & 0o777 == map_mode | 0o600
    assert (tmp_path / "recovery").stat().st_mode & 0o777 == 0o700


def test_a_failed_draft_write_is_reported_and_retried(window: MainWindow,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(self: RecoveryStore, *args: object, **kwargs: object) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(RecoveryStore, "write_snapshot", full_disk)
    _rename_card(window, "Unsaved")
    assert window.autosaver.write_now()
    assert not window.autosaver.wait()
    assert window.autosaver.last_error == "Autosave failed: No space left on device"
    monkeypatch.undo()
    assert window.autosaver.write_now()  # still pending: tried again at the next tick
    assert window.autosaver.wait()


# ----- opening a big map -------------------------------------------------------------------
def test_a_big_map_opens_behind_a_progress_dialog(manager: WindowManager, map_file: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from journeymap_desktop.ui import open_progress

    monkeypatch.setattr("journeymap_desktop.ui.window_manager.BUSY_NOTE_BYTES", 0)
    values: list[int] = []
    real_report = open_progress.OpenProgress.report

    def report(self: open_progress.OpenProgress, fraction: float, force: bool = False) -> None:
        real_report(self, fraction, force)
        values.append(self.dialog.value())

    monkeypatch.setattr(open_progress.OpenProgress, "report", report)
    window = manager.open_path(map_file)
    assert window is not None
    assert window.document.map == load_map(map_file)
    assert window.document.stamp is not None and window.document.path == map_file
    assert values and values == sorted(values)  # the bar only moves forward
    assert type(window.scene).__name__ == "ProgressScene"
    assert manager.recent_files() == [map_file.resolve()]
    # Once open, its items place themselves as usual.
    card = next(iter(window.scene.card_items.values()))
    assert "set_box" not in card.__dict__


@pytest.mark.parametrize("stage", ["Reading", "Laying out", "Drawing"])
def test_opening_a_big_map_can_be_cancelled_at_every_stage(
        manager: WindowManager, map_file: Path, monkeypatch: pytest.MonkeyPatch,
        stage: str) -> None:
    from journeymap_desktop.ui import open_progress

    monkeypatch.setattr("journeymap_desktop.ui.window_manager.BUSY_NOTE_BYTES", 0)
    real_report = open_progress.OpenProgress.report

    def report(self: open_progress.OpenProgress, fraction: float, force: bool = False) -> None:
        if self.dialog.labelText().startswith(stage):
            self.dialog.cancel()  # the user presses Cancel
        real_report(self, fraction, force)

    monkeypatch.setattr(open_progress.OpenProgress, "report", report)
    assert manager.open_path(map_file) is None
    assert manager.windows == []
    assert manager.recent_files() == []


# ----- damaged drafts at start -------------------------------------------------------------
def _damaged_drafts(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    good = RecoveryStore(folder).write("draft-00000000000000aa", rich_map(), None)
    payload = json.loads(good.read_text(encoding="utf-8"))
    bad = []
    for number, change in enumerate(({"saved_at": "0001-01-01T00:00:00+14:00"},
                                     {"source": "/tmp/a\x00b"},
                                     {"source_stamp": {"size": "big"}})):
        damaged = dict(payload, recovery={**payload["recovery"], **change})
        path = folder / f"draft-{number:016x}.draft.json"
        path.write_text(json.dumps(damaged), encoding="utf-8")
        bad.append(path)
    return bad


@pytest.mark.parametrize("choice", list(dialogs.DamagedChoice))
def test_damaged_drafts_are_listed_and_the_app_starts(
        manager: WindowManager, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        choice: dialogs.DamagedChoice) -> None:
    bad = _damaged_drafts(tmp_path / "recovery")
    shown: list[list[str]] = []
    revealed: list[Path] = []
    monkeypatch.setattr("journeymap_desktop.ui.window_manager.ask_about_damaged_drafts",
                        lambda _parent, damaged: shown.append(
                            [d.path.name for d in damaged]) or choice)
    monkeypatch.setattr("journeymap_desktop.ui.window_manager.reveal_in_file_manager",
                        revealed.append)
    monkeypatch.setattr("journeymap_desktop.ui.window_manager.ask_restore_drafts",
                        lambda _parent, drafts: dialogs.RecoveryChoice.LATER)
    assert manager.offer_recovery() == []
    assert shown == [sorted(p.name for p in bad)]
    assert all(p.exists() for p in bad) == (choice != dialogs.DamagedChoice.DELETE)
    assert revealed == ([tmp_path / "recovery"] if choice == dialogs.DamagedChoice.REVEAL
                        else [])
    assert len(manager.recovery.drafts()) == 1  # the good one is still offered later


def test_nothing_in_the_recovery_can_stop_a_start(manager: WindowManager,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    def broken(*_args: object) -> object:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(RecoveryStore, "scan", broken)
    with caplog.at_level(logging.ERROR):
        assert manager.offer_recovery() == []
    assert "could not offer the recovery drafts" in caplog.text


# ----- read-only and changed files in the window -------------------------------------------
def test_saving_a_read_only_map_asks_and_keeps_it_read_only(window: MainWindow,
                                                            map_file: Path) -> None:
    _rename_card(window, "Over a read-only file")
    map_file.chmod(0o444)
    before = map_file.read_bytes()
    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Cancel, seen)
    assert not window.save()
    assert seen == ["“service.journeymap” is read-only. Save over it anyway? It stays "
                    "read-only."]
    assert map_file.read_bytes() == before and window.document.is_modified()
    answer_next_message_box("Save Anyway")
    assert window.save()
    assert load_map(map_file).cards[0].title == "Over a read-only file"
    assert map_file.stat().st_mode & 0o777 == 0o444
    map_file.chmod(0o644)


def test_an_edit_on_disk_keeping_size_and_time_is_noticed_before_saving(
        window: MainWindow, map_file: Path) -> None:
    info = map_file.stat()
    data = map_file.read_bytes()
    map_file.write_bytes(data.replace(b"Sees an ad", b"SEES AN AD"))
    os.utime(map_file, ns=(info.st_atime_ns, info.st_mtime_ns))
    _rename_card(window, "Mine")
    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Cancel, seen)
    assert not window.save()
    assert seen and "was changed by another program" in seen[0]
    assert b"SEES AN AD" in map_file.read_bytes()


def test_a_file_opened_by_name_with_markup_keeps_a_literal_title(
        manager: WindowManager, tmp_path: Path) -> None:
    path = tmp_path / "<b>plan [*] R&D.journeymap"
    save_map(rich_map(), path)
    window = manager.open_path(path)
    assert window is not None
    assert window.windowTitle().startswith("<b>plan [*][*] R&D.journeymap[*] — ")
