"""All open windows of the app, recent files, and crash recovery at start."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QObject, QRect, QSettings, QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication

from journeymap_desktop.canvas.scene import JourneyScene
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.formats import FORMATS, FileFormat, ReadResult
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.templates import Template
from journeymap_desktop.resources import examples_dir
from journeymap_desktop.safe_text import file_name
from journeymap_desktop.storage import LoadError
from journeymap_desktop.storage.recovery import Draft, RecoveryStore
from journeymap_desktop.ui import window_layout
from journeymap_desktop.ui.autosave import AUTOSAVE_INTERVAL_MS
from journeymap_desktop.ui.dialogs import (
    DamagedChoice,
    RecoveryChoice,
    ask_about_damaged_drafts,
    ask_restore_drafts,
    reveal_in_file_manager,
    show_error,
)
from journeymap_desktop.ui.inspector.base import TYPING_PAUSE_MS
from journeymap_desktop.ui.main_window import MainWindow
from journeymap_desktop.ui.notes_dialog import show_import_notes
from journeymap_desktop.ui.open_progress import (
    OpenCancelled,
    OpenProgress,
    ProgressScene,
    load_document,
)

MAX_RECENT = 10
# About 3,000 cards: from here opening takes noticeable time, so it shows its progress and
# can be cancelled.
BUSY_NOTE_BYTES = 2_000_000
log = logging.getLogger(__name__)


def default_recovery_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


class WindowManager(QObject):
    def __init__(self, recovery_dir: Path | None = None,
                 autosave_interval_ms: int = AUTOSAVE_INTERVAL_MS,
                 typing_pause_ms: int = TYPING_PAUSE_MS) -> None:
        super().__init__()
        self.windows: list[MainWindow] = []
        self.recovery = RecoveryStore(recovery_dir or default_recovery_dir())
        self.autosave_interval_ms = autosave_interval_ms
        self.typing_pause_ms = typing_pause_ms
        self.settings = QSettings()
        # Windows of big maps whose objects gc.freeze() keeps out of collections.
        self._frozen_windows: list[MainWindow] = []

    # ----- windows -----------------------------------------------------------------------------
    def new_window(self, journey: JourneyMap, path: Path | None = None,
                   untitled_name: str | None = None) -> MainWindow:
        document = JourneyDocument(journey, path)
        return self.show_document(document, untitled_name)

    def show_document(self, document: JourneyDocument, untitled_name: str | None = None,
                      scene: JourneyScene | None = None) -> MainWindow:
        window = MainWindow(self, document, untitled_name, scene, self.typing_pause_ms)
        self.windows.append(window)
        after = self.windows[-2] if self.windows[:-1] else None
        maximized = window_layout.place_window(window, self.settings, self.screen_area(),
                                               after, window_layout.other_screen_areas())
        if maximized:
            window.showMaximized()
        else:
            window.show()
        return window

    def screen_area(self) -> QRect:
        """Where windows open: the available area of the screen under the mouse (a test may
        put another here, for a laptop's screen)."""
        return window_layout.screen_area()

    def window_closed(self, window: MainWindow) -> None:
        window_layout.remember_window(window, self.settings)
        if window in self.windows:
            self.windows.remove(window)
        if window in self._frozen_windows:
            self._frozen_windows.remove(window)
            # Once the window is really gone, let the collector see what it left behind.
            QTimer.singleShot(500, self._collect_closed_window)

    def _collect_closed_window(self) -> None:
        gc.unfreeze()
        gc.collect()  # one pause now, as a window closes, rather than later while editing
        if self._frozen_windows:
            gc.freeze()

    @contextlib.contextmanager
    def _making_long_lived_objects(self) -> Iterator[list[MainWindow]]:
        """While a big map opens, the garbage collector would only scan the hundreds of
        thousands of new objects again and again (seconds for 100,000 cards, stalls the
        progress dialog); they live as long as their window, so collection waits, and once
        the window stands they are frozen out of later collections (gc.freeze). Yields a
        list to put the new window in."""
        opened: list[MainWindow] = []
        collecting = gc.isenabled()
        gc.disable()
        try:
            yield opened
        finally:
            if opened:
                gc.freeze()
                self._frozen_windows.append(opened[0])
            if collecting:
                gc.enable()

    def window_for(self, path: Path) -> MainWindow | None:
        resolved = path.resolve()
        for window in self.windows:
            if window.document.path is not None and window.document.path.resolve() == resolved:
                return window
        return None

    def open_path(self, path: Path, source: MainWindow | None = None) -> MainWindow | None:
        """Open a file: in `source` if that window holds an untouched map, else in a new
        window; a file that is open already is brought to the front. Errors are shown.

        The format registry decides how by the file's suffix: the app's own maps open with
        their path; another tool's file (an import format) is read into a new untitled map.
        A suffix no format claims is read as a map: its loader tells a map saved under
        another name from a file that is none, and says what the file is."""
        fmt = FORMATS.for_opening(path)
        if fmt is not None and fmt.role == "import":
            return self.import_path(path, fmt, source)
        existing = self.window_for(path)
        if existing is not None:
            existing.raise_()
            existing.activateWindow()
            return existing
        try:
            large = path.stat().st_size >= BUSY_NOTE_BYTES
        except (OSError, ValueError):
            large = False
        if large:
            return self._open_with_progress(path, source)
        try:
            document = JourneyDocument.open(path)
        except LoadError as error:
            self._show_load_error(source, error)
            return None
        return self._show_opened(document, path, source)

    def _open_with_progress(self, path: Path, source: MainWindow | None) -> MainWindow | None:
        """Open a big map behind a progress dialog with Cancel (see ui/open_progress.py)."""
        with self._making_long_lived_objects() as opened:
            window = self._open_big(path, source)
            if window is not None:
                opened.append(window)
        return window

    def _open_big(self, path: Path, source: MainWindow | None) -> MainWindow | None:
        progress = OpenProgress(source, path)
        try:
            document = load_document(path, progress)
            if _is_inside(path, examples_dir()):
                document = JourneyDocument(document.map, None)
            scene: JourneyScene = ProgressScene(document, progress)
        except OpenCancelled:
            return None
        except LoadError as error:
            failure: LoadError | None = error
        else:
            failure = None
        finally:
            progress.close()
        if failure is not None:
            self._show_load_error(source, failure)
            return None
        return self._show_opened(document, path, source, scene)

    @staticmethod
    def _show_load_error(source: MainWindow | None, error: LoadError) -> None:
        show_error(source, "Could not open the map", str(error),
                   "\n".join(error.problems) if len(error.problems) > 1 else "")

    def _show_opened(self, document: JourneyDocument, path: Path, source: MainWindow | None,
                     scene: JourneyScene | None = None) -> MainWindow:
        self.add_recent_file(path)
        example = None
        if _is_inside(path, examples_dir()):
            # Never let Save write into the installed examples: they open as untitled copies.
            example = f"{path.stem.replace('-', ' ').capitalize()} (example)"
            if document.path is not None:
                document = JourneyDocument(document.map, None)
                scene = None
        window = self.show_document(document, example, scene)
        if source is not None and source.is_pristine():
            source.close()
        return window

    def import_path(self, path: Path, fmt: FileFormat,
                    source: MainWindow | None = None) -> MainWindow | None:
        """Read another tool's file (`fmt`, an import format of the registry) into a new map,
        which opens untitled and unsaved: Save asks where to keep it. Its wizard, if it has
        one, asks how to read the file first (None: cancelled)."""
        wizard = fmt.load_wizard()
        try:
            result: ReadResult | None = wizard(source, path) if wizard else fmt.read(path)
        except LoadError as error:
            self._show_load_error(source, error)
            return None
        if result is None:
            return None
        document = JourneyDocument(result.map, None)
        window = self.show_document(document, f"{file_name(path)} (imported)")
        document.mark_unsaved()
        if result.warnings:
            show_import_notes(window, f"Imported {file_name(path)}", "Read with these notes:",
                              result.warnings)
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
        """After a crash: offer the drafts of unsaved work; restored maps open unsaved.
        Damaged drafts are listed as such, to delete or look at. Nothing in a draft stops
        the app from starting."""
        try:
            self.recovery.sweep()
            self._offer_damaged_drafts()
            return self._offer_drafts()
        except Exception:  # a last guard: a start without recovery beats no start at all
            log.exception("could not offer the recovery drafts")
            return []

    def _offer_damaged_drafts(self) -> None:
        damaged = self.recovery.damaged()
        if not damaged:
            return
        choice = ask_about_damaged_drafts(None, damaged)
        if choice == DamagedChoice.DELETE:
            for draft in damaged:
                with contextlib.suppress(OSError):
                    draft.path.unlink()
        elif choice == DamagedChoice.REVEAL:
            reveal_in_file_manager(self.recovery.directory)

    def _offer_drafts(self) -> list[MainWindow]:
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
                                                  f"{error}",
                       f"The draft stays in {self.recovery.directory}, to look at or delete.")
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
