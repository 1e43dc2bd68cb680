"""Text from a map, a draft, a file name or the clipboard is shown literally, never as markup.

One walk over every widget that can show such text (labels, message boxes and their details,
tooltips, the undo history, list and combo items, window titles, menus, the status bar, the
export dialog, the progress dialogs) with markup payloads in every text field and in the
file's name: each payload must be shown as typed, and no file may be opened because of it.
Opening is watched with inotify on a real image file the payloads point to: a QLabel that took
`<img src=...>` as markup would read it (Linux only; elsewhere that part is skipped).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import json
import os
import shutil
import struct
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtGui import Qt as QtGuiNamespace
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QMenu,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from journeymap_desktop import commands
from journeymap_desktop.model.emotion import EmotionScale
from journeymap_desktop.model.map import Card, Persona
from journeymap_desktop.model.templates import service_journey
from journeymap_desktop.storage import save_map
from journeymap_desktop.storage.files import FileStamp
from journeymap_desktop.storage.recovery import DamagedDraftFile, RecoveryStore
from journeymap_desktop.ui import dialogs
from journeymap_desktop.ui.main_window import MainWindow
from journeymap_desktop.ui.window_manager import WindowManager
from tests.helpers_model import feel

PROBE = "probe.png"
H1 = "<h1>All is well</h1>"
LINK = '<a href="https://evil.example/">click here</a>'
ENTITY = "&lt;b&gt;"
# The payload in a file name: no "/" possible, so a relative image and an unclosed heading.
NAME_PAYLOAD = f"<h1>Map is fine {ENTITY} <img src={PROBE}>"


def _payloads(image: str) -> list[tuple[str, str]]:
    """(payload, a part of it that says it was meant to be on screen, whether the payload
    came through as markup or as text)."""
    return [(image, image.split('"')[1]), (H1, "All is well"), (LINK, "evil.example"),
            (ENTITY, ENTITY), (NAME_PAYLOAD, f"src={PROBE}")]


# ----- watching the probe image --------------------------------------------------------------
class OpenWatch:
    """inotify on one file: did anything open it since the last look?"""

    IN_OPEN = 0x20
    IN_ACCESS = 0x01

    def __init__(self, path: Path) -> None:
        name = ctypes.util.find_library("c")
        libc = ctypes.CDLL(name, use_errno=True) if name else None
        if libc is None or not hasattr(libc, "inotify_init1"):
            pytest.skip("no inotify here (Linux only): cannot watch the probe file")
        self.fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        if self.fd < 0:
            pytest.skip("inotify_init1 failed")
        if libc.inotify_add_watch(self.fd, os.fsencode(path), self.IN_OPEN | self.IN_ACCESS) < 0:
            pytest.skip("inotify_add_watch failed")

    def opened(self) -> int:
        count = 0
        with contextlib.suppress(BlockingIOError):
            while data := os.read(self.fd, 4096):
                offset = 0
                while offset < len(data):
                    _wd, _mask, _cookie, length = struct.unpack_from("iIII", data, offset)
                    offset += 16 + length
                    count += 1
        return count

    def close(self) -> None:
        os.close(self.fd)


# ----- what a widget displays ----------------------------------------------------------------
def displayed(text: str, text_format: Qt.TextFormat = Qt.TextFormat.AutoText) -> str:
    """What Qt shows for `text` in a label (or tooltip) of that format."""
    rich = text_format == Qt.TextFormat.RichText or (
        text_format == Qt.TextFormat.AutoText and QtGuiNamespace.mightBeRichText(text))
    if not rich:
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def displayed_title(widget: QWidget) -> str:
    title = widget.windowTitle()
    marker = "*" if widget.isWindowModified() else ""
    return title.replace("[*][*]", "\0").replace("[*]", marker).replace("\0", "[*]")


class Walk:
    """Checks every widget on screen; collects what it saw for the final assertions."""

    def __init__(self, image: str) -> None:
        self.payloads = _payloads(image)
        self.problems: list[str] = []
        self.seen: set[str] = set()

    def check(self, source: str, shown: str, where: str) -> None:
        for payload, marker in self.payloads:
            if marker in source or marker in shown:
                if payload in shown:
                    self.seen.add(payload)
                else:
                    self.problems.append(f"{where}: {payload!r} shown as {shown[:160]!r}")

    def widgets(self, roots: list[QWidget] | None = None) -> None:
        everything = QApplication.allWidgets() if roots is None else [
            w for root in roots for w in [root, *root.findChildren(QWidget)]]
        for widget in everything:
            name = f"{type(widget).__name__} {widget.objectName()!r}"
            if isinstance(widget, QLabel):
                self.check(widget.text(), displayed(widget.text(), widget.textFormat()), name)
            if isinstance(widget, QTextEdit):
                self.check(widget.toPlainText(), widget.toPlainText(), name)
            if widget.toolTip():
                self.check(widget.toolTip(), displayed(widget.toolTip()), f"{name} tooltip")
            if widget.isWindow():
                self.check(widget.windowTitle(), displayed_title(widget), f"{name} title")
            if isinstance(widget, QComboBox):
                for row in range(widget.count()):
                    self.check(widget.itemText(row), widget.itemText(row), f"{name} item")
            if isinstance(widget, QAbstractItemView) and widget.model() is not None:
                model = widget.model()
                for row in range(model.rowCount(QModelIndex())):
                    text = str(model.data(model.index(row, 0), Qt.ItemDataRole.DisplayRole))
                    self.check(text, text, f"{name} row {row}")
            for action in widget.actions():
                if action.toolTip():
                    self.check(action.toolTip(), displayed(action.toolTip()),
                               f"{name} action tooltip")
                if isinstance(widget, QMenu):
                    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
                    self.check(action.text(), text, f"{name} entry")

    def render(self, widgets: list[QWidget]) -> None:
        """Paint them, as the screen would: a label with markup lays it out here, and
        loads its images."""
        for widget in widgets:
            widget.grab()
            for label in widget.findChildren(QLabel):
                label.grab()
            if widget.toolTip():
                _render_tooltip(widget.toolTip())
            for action in widget.actions():
                if action.toolTip():
                    _render_tooltip(action.toolTip())


def _render_tooltip(text: str) -> None:
    label = QLabel()  # what QToolTip uses: a label in AutoText
    label.setText(text)
    label.adjustSize()
    label.grab()
    label.deleteLater()


def inspect_dialogs(walk: Walk, log: list[str]) -> Callable[[], None]:
    """While a modal dialog is up: walk it, paint it, then close it (as Cancel)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.objectName() not in ("openProgress",):
            dialog.grab()
            walk.render([dialog])
            walk.widgets([dialog])
            log.append(dialog.objectName())
            dialog.done(0)
        timer.start()

    timer = QTimer()
    timer.setSingleShot(True)
    timer.setInterval(10)
    timer.timeout.connect(poll)
    timer.start()
    return timer.stop


# ----- the hostile world -------------------------------------------------------------------
@pytest.fixture
def probe_dir(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    # A short path: the payload must fit in labels that shorten long names.
    folder = Path(tempfile.mkdtemp(prefix="jm-probe-"))
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    assert image.save(str(folder / PROBE))
    monkeypatch.chdir(folder)  # where a relative <img src=probe.png> points
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _hostile_map(image: str) -> Any:
    journey = service_journey()
    journey.title = f"{H1} {ENTITY}"
    journey.description = LINK
    journey.meta.author = ENTITY
    journey.stages[0].name = image
    journey.stages[0].description = ENTITY
    journey.stages[1].name = H1
    journey.lanes[0].name = LINK
    journey.lanes[1].name = ENTITY
    touch = next(lane for lane in journey.lanes if lane.kind == "touchpoints")
    journey.personas = [Persona(id="p1", name=image, role=LINK, quote=H1, goals=[ENTITY])]
    journey.cards = [
        Card(id="c1", stage_id=journey.stages[0].id, lane_id=touch.id, order=0, title=image,
             body=H1, owner=LINK, tags=[ENTITY], emotions=feel(1, H1),
             persona_id="p1"),
        Card(id="c2", stage_id=journey.stages[1].id, lane_id=touch.id, order=0, title=LINK,
             body=ENTITY),
    ]
    # Level names of a custom scale: the faces' tooltips, the value boxes, the scale chooser.
    journey.scale = EmotionScale(preset="custom", min=-2, max=2,
                                 names=[image, H1, ENTITY, LINK, "Fine"])
    return journey


@pytest.fixture
def hostile_file(tmp_path: Path, probe_dir: Path) -> Path:
    image = f'<img src="{probe_dir / PROBE}">'
    path = tmp_path / f"{NAME_PAYLOAD}.journeymap"
    save_map(_hostile_map(image), path)
    return path


@contextlib.contextmanager
def watching(probe_dir: Path) -> Iterator[OpenWatch]:
    watch = OpenWatch(probe_dir / PROBE)
    try:
        yield watch
    finally:
        watch.close()


def test_the_probe_would_catch_a_label_rendering_markup(probe_dir: Path, qtbot: QtBot) -> None:
    """The checks below can fail: a label left in AutoText does read the image, and the walk
    does see the payload shown as something else."""
    image = f'<img src="{probe_dir / PROBE}">'
    with watching(probe_dir) as watch:
        label = QLabel()
        qtbot.addWidget(label)
        label.setText(f"{image} {H1}")
        label.grab()
        assert watch.opened() > 0
    walk = Walk(image)
    walk.widgets([label])
    assert len(walk.problems) == 2


def test_every_widget_shows_hostile_text_literally_and_opens_no_file(
        manager: WindowManager, hostile_file: Path, probe_dir: Path, tmp_path: Path,
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    image = f'<img src="{probe_dir / PROBE}">'
    walk = Walk(image)
    dialogs_seen: list[str] = []
    with watching(probe_dir) as watch:
        # Opening a big map: the progress dialog names the file.
        monkeypatch.setattr("journeymap_desktop.ui.window_manager.BUSY_NOTE_BYTES", 0)
        from journeymap_desktop.ui import open_progress

        real_report = open_progress.OpenProgress.report

        def report(self: open_progress.OpenProgress, fraction: float,
                   force: bool = False) -> None:
            if "openProgress" not in dialogs_seen:
                dialogs_seen.append("openProgress")
                walk.render([self.dialog])
                walk.widgets([self.dialog])
            real_report(self, fraction, force)

        monkeypatch.setattr(open_progress.OpenProgress, "report", report)
        window = manager.open_path(hostile_file)
        assert window is not None
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)

        def look() -> None:
            walk.render([window, window.inspector])
            walk.widgets()

        look()
        # The inspector, for each thing that can be selected.
        scene = window.scene
        for card_id in ("c1", "c2"):
            scene.select_cards([card_id])
            look()
        for item in [*scene.stage_items.values(), *scene.lane_items.values()]:
            scene.select_only([item])
            look()
        scene.select_only([])
        window.inspector.map_page.personas.setCurrentRow(0)
        look()
        # The undo history and the Undo button's tooltip name the map's stages.
        document = window.document
        stage_id = document.map.stages[0].id
        document.push(commands.DuplicateHeader(document, "stage", stage_id))
        look()
        assert f"Undo Duplicate stage “{image}”" in displayed(window.act_undo.toolTip())
        window.edits.add_stage()
        document.push(commands.SetFields(document, "stage", document.map.stages[-1].id,
                                         {"name": H1}))
        document.push(commands.DuplicateHeader(document, "stage", document.map.stages[-1].id))
        look()
        document.undo_stack.undo()
        look()
        assert f"Redo Duplicate stage “{H1}”" in displayed(window.act_redo.toolTip())
        # Open Recent, the status bar.
        window.manager.add_recent_file(hostile_file)
        window._fill_recent_menu()
        walk.widgets([window.recent_menu])
        window.statusBar().showMessage(f"Saved {hostile_file.name}")
        message = window.statusBar().currentMessage()
        walk.check(message, message, "status bar")

        stop = inspect_dialogs(walk, dialogs_seen)
        try:
            # Message boxes about this file and this map.
            dialogs.ask_save_changes(window, window.title_name())
            dialogs.ask_overwrite_changed_file(window, hostile_file.name)
            dialogs.confirm_read_only(window, hostile_file)
            window.edits.delete_header("stage", stage_id)  # it has cards: asks first
            broken = tmp_path / f"{NAME_PAYLOAD} broken.journeymap"
            broken.write_text(json.dumps({"format": "journeymap", "version": 1, H1: 1,
                                          image: 2, LINK: 3, ENTITY: 4}), encoding="utf-8")
            assert manager.open_path(broken, window) is None  # the error dialog
            # Recovery: a draft with hostile title and source, and a damaged one.
            store = RecoveryStore(tmp_path / "drafts")
            store.write("draft-0123456789abcdef", _hostile_map(image), hostile_file,
                        FileStamp(1, 1, "0" * 64))
            damaged = store.directory / f"{NAME_PAYLOAD}.draft.json"
            damaged.write_text("{", encoding="utf-8")
            dialogs.ask_restore_drafts(None, store.drafts())
            dialogs.ask_about_damaged_drafts(None, [DamagedDraftFile(damaged, H1)])
            # The export dialog: its file field, its problem line, its replace question.
            from journeymap_desktop.ui.export_dialog import ExportDialog

            export = ExportDialog(window)
            existing = tmp_path / f"{NAME_PAYLOAD}.pdf"
            existing.write_bytes(b"%PDF-1.4 old")
            export.output.setText(str(existing))
            export._show_problem(f"{H1} {image}")
            export.show()
            walk.render([export])
            walk.widgets([export])
            export._export()  # asks before replacing: answered Cancel
            export.done(0)
        finally:
            stop()
        opened = watch.opened()
    assert walk.problems == []
    assert opened == 0, "a payload made Qt open the probe image"
    assert {"askSaveChanges", "askOverwrite", "confirm", "errorMessage", "askRestore",
            "askDamagedDrafts", "openProgress"} <= set(dialogs_seen), dialogs_seen
    # The walk did meet every payload, shown literally.
    assert {p for p, _ in _payloads(image)} <= walk.seen


def test_pasting_deeply_nested_card_data_is_refused_quietly(window: MainWindow) -> None:
    from PySide6.QtCore import QMimeData

    from journeymap_desktop.canvas.mime import CARDS_MIME, cards_from_mime

    nested = QMimeData()
    nested.setData(CARDS_MIME, b'{"cards": ' + b"[" * 200_000 + b"]" * 200_000 + b"}")
    assert cards_from_mime(nested) == []
    wrong = QMimeData()
    wrong.setData(CARDS_MIME, b'{"cards": {"id": 1}}')
    assert cards_from_mime(wrong) == []
    QApplication.clipboard().setMimeData(nested)
    before = window.document.undo_stack.count()
    window.act_paste.trigger()  # nothing pasted, no traceback
    assert window.document.undo_stack.count() == before
