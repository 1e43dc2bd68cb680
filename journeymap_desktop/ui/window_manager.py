"""All open windows of the app, recent files, and crash recovery at start."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication

from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.templates import Template
from journeymap_desktop.resources import examples_dir
from journeymap_desktop.storage import LoadError
from journeymap_desktop.storage.recovery import Draft, RecoveryStore
from journeymap_desktop.ui.autosave import AUTOSAVE_INTERVAL_MS
from journeymap_desktop.ui.dialogs import RecoveryChoice, ask_restore_drafts, busy, show_error
from journeymap_desktop.ui.main_window import MainWindow

MAX_RECENT = 10
BUSY_NOTE_BYTES = 2_000_000  # about 3,000 cards: from here opening takes noticeable time


def default_recovery_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


class WindowManager(QObject):
    def __init__(self, recovery_dir: Path | None = None,
                 autosave_interval_ms: int = AUTOSAVE_INTERVAL_MS) -> None:
        super().__init__()
        self.windows: list[MainWindow] = []
        self.recovery = RecoveryStore(recovery_dir or default_recovery_dir())
        self.autosave_interval_ms = autosave_interval_ms
        self.settings = QSettings()

    # ----- windows -----------------------------------------------------------------------------
    def new_window(self, journey: JourneyMap, path: Path | None = None,
                   example_name: str | None = None) -> MainWindow:
        document = JourneyDocument(journey, path)
        return self.show_document(document, example_name)

    def show_document(self, document: JourneyDocument,
                      example_name: str | None = None) -> MainWindow:
        window = MainWindow(self, document, example_name)
        self.windows.append(window)
        geometry = self.settings.value("window/geometry")
        state = self.settings.value("window/state")
        window.restore_layout(state, geometry)
        if geometry is None:
            window.resize(1440, 900)
        if self.windows[:-1]:
            last = self.windows[-2]
            window.move(last.pos().x() + 32, last.pos().y() + 32)
        window.show()
        return window

    def window_closed(self, window: MainWindow) -> None:
        self.settings.setValue("window/geometry", window.saveGeometry())
        self.settings.setValue("window/state", window.saveState())
        if window in self.windows:
            self.windows.remove(window)

    def window_for(self, path: Path) -> MainWindow | None:
        resolved = path.resolve()
        for window in self.windows:
            if window.document.path is not None and window.document.path.resolve() == resolved:
                return window
        return None

    def open_path(self, path: Path, source: MainWindow | None = None) -> MainWindow | None:
        """Open a map file: in `source` if that window holds an untouched map, else in a new
        window; a file that is open already is brought to the front. Errors are shown."""
        existing = self.window_for(path)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        try:
            large = path.stat().st_size >= BUSY_NOTE_BYTES
        except OSError:
            large = False
        waiting = (busy(source, f"Opening {path.name}…") if large
                   else contextlib.nullcontext())
        with waiting:
            try:
                document = JourneyDocument.open(path)
            except LoadError as error:
                failure: LoadError | None = error
            else:
                failure = None
                window = self._show_opened(document, path, source)
        if failure is not None:
            show_error(source, "Could not open the map", str(failure),
                       "\n".join(failure.problems) if len(failure.problems) > 1 else "")
            return None
        return window

    def _show_opened(self, document: JourneyDocument, path: Path,
                     source: MainWindow | None) -> MainWindow:
        self.add_recent_file(path)
        example = None
        if _is_inside(path, examples_dir()):
            # Never let Save write into the installed examples: they open as untitled copies.
            example = path.stem.replace("-", " ").capitalize()
            document = JourneyDocument(document.map, None)
        window = self.show_document(document, example)
        if source is not None and source.is_pristine():
            source.close()
        return window

    def new_from_template(self, template: Template, source: MainWindow | None = None) -> None:
        window = self.new_window(template.build())
        if source is not None and source.is_pristine():
            source.close()
        window.activateWindow()

    def quit(self) -> None:
        for window in list(self.windows):
            if not window.close():
                return
        QApplication.quit()

    # ----- recent files ------------------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        stored = self.settings.value("recentFiles", [])
        # QSettings gives back a lone string for a one-item list on some platforms.
        names = [stored] if isinstance(stored, str) else [
            str(name) for name in stored] if isinstance(stored, list | tuple) else []
        return [Path(name) for name in names if name and Path(name).is_file()][:MAX_RECENT]

    def add_recent_file(self, path: Path) -> None:
        if _is_inside(path, examples_dir()):
            return
        path = path.resolve()
        names = [str(path)] + [str(p) for p in self.recent_files() if p.resolve() != path]
        self.settings.setValue("recentFiles", names[:MAX_RECENT])
        self.settings.setValue("lastDir", str(path.parent))

    def clear_recent_files(self) -> None:
        self.settings.setValue("recentFiles", [])

    def last_dir(self) -> str:
        return str(self.settings.value("lastDir", str(Path.home())))

    # ----- recovery ----------------------------------------------------------------------------
    def drafts_to_offer(self) -> list[Draft]:
        open_keys = {window.document.recovery_key for window in self.windows}
        return [draft for draft in self.recovery.drafts()
                if draft.key not in open_keys and not draft.owned_by_other_live_process()]

    def offer_recovery(self) -> list[MainWindow]:
        """After a crash: offer the drafts of unsaved work; restored maps open unsaved."""
        drafts = self.drafts_to_offer()
        if not drafts:
            return []
        choice = ask_restore_drafts(None, drafts)
        if choice == RecoveryChoice.DISCARD:
            for draft in drafts:
                with contextlib.suppress(OSError):
                    draft.path.unlink()
            return []
        if choice == RecoveryChoice.LATER:
            return []
        return [window for draft in drafts if (window := self.restore_draft(draft))]

    def restore_draft(self, draft: Draft) -> MainWindow | None:
        try:
            journey = draft.load()
        except (LoadError, OSError) as error:
            show_error(None, "Could not restore", f"The recovery draft could not be read: "
                                                  f"{error}")
            return None
        document = JourneyDocument(journey, draft.source)
        # The version the draft grew from: if the file changed since, Save asks first.
        document.stamp = draft.source_stamp
        window = self.show_document(document)
        document.mark_unsaved()
        if window.autosaver.keep_now() and draft.key != document.recovery_key:
            with contextlib.suppress(OSError):
                draft.path.unlink()
        return window


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True
