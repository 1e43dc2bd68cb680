"""One window's files: open, the recent files, save, save as, export and import.

Every file format comes from the registry (journeymap_desktop/formats.py): the open and save
dialogs' filters, the suffix a saved map gets, and what a file's suffix says about how to open
it. The app-wide part of opening (which window a file opens in, big maps behind a progress
dialog, examples as untitled copies) is the window manager's (`WindowManager.open_path`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMenu

from journeymap_desktop.formats import FORMATS
from journeymap_desktop.safe_text import file_name, file_path
from journeymap_desktop.storage import SaveError, changed_on_disk
from journeymap_desktop.storage.errors import ReadOnlyError
from journeymap_desktop.storage.files import suggested_file_stem
from journeymap_desktop.ui.dialogs import (
    OverwriteChoice,
    SaveChoice,
    ask_overwrite_changed_file,
    ask_save_changes,
    ask_save_path,
    confirm_read_only,
    quoted_name,
    show_error,
)
from journeymap_desktop.ui.plain_text import menu_text, tooltip

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow


class FileController:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.document = window.document
        self.manager = window.manager

    # ----- opening -----------------------------------------------------------------------------
    def open_dialog(self) -> None:
        document = self.document
        start = str(document.path.parent) if document.path else self.manager.last_dir()
        name, _ = QFileDialog.getOpenFileName(self.window, "Open journey map", start,
                                              FORMATS.name_filter("open"))
        if name:
            self.manager.open_path(Path(name), self.window)

    def import_dialog(self) -> None:
        """File > Import: another tool's file (a Mermaid journey, a spreadsheet, a survey
        export). A Mermaid journey opens as a new map; a survey export asks how to read it,
        and may go into this window's map (one undo step)."""
        imports = [fmt for fmt in FORMATS.readable() if fmt.role == "import"]
        every = " ".join(f"*{s}" for fmt in imports for s in fmt.suffixes)
        name_filter = ";;".join([f"Everything JourneyMap imports ({every})",
                                 *(fmt.name_filter() for fmt in imports), "All files (*)"])
        document = self.document
        start = str(document.path.parent) if document.path else self.manager.last_dir()
        name, _ = QFileDialog.getOpenFileName(self.window, "Import into JourneyMap", start,
                                              name_filter)
        if name:
            self.manager.open_path(Path(name), self.window)

    def open_paths(self, paths: list[Path]) -> None:
        """Open files (dropped on the window): each in its own window, or in this one if it
        holds an untouched map."""
        for path in paths:
            self.manager.open_path(path, self.window)

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        recent = self.manager.recent_files()
        if not recent:
            empty = menu.addAction("No recent maps")
            empty.setEnabled(False)
            return
        for path in recent:
            action = menu.addAction(menu_text(path.name))
            action.setToolTip(tooltip(str(path)))
            action.setStatusTip(file_path(path))
            action.triggered.connect(
                lambda _=False, p=path: self.manager.open_path(p, self.window))
        menu.addSeparator()
        menu.addAction("Clear Menu", self.manager.clear_recent_files)

    # ----- saving ------------------------------------------------------------------------------
    def save(self) -> bool:
        self.window.flush_edits()
        path = self.document.path
        if path is None:
            return self.save_as()
        if changed_on_disk(path, self.document.stamp):
            choice = ask_overwrite_changed_file(self.window, path.name)
            if choice == OverwriteChoice.SAVE_AS:
                return self.save_as()
            if choice == OverwriteChoice.CANCEL:
                return False
        return self.save_to(path)

    def save_as(self) -> bool:
        self.window.flush_edits()
        native = FORMATS.native
        suggested = self.document.path or Path(self.manager.last_dir()) / (
            suggested_file_stem(self.document.map.title) + native.suffix)
        path = ask_save_path(self.window, "Save journey map", suggested,
                             FORMATS.name_filter("save"), native.suffix.lstrip("."))
        if path is None:
            return False
        other = self.manager.window_for(path)
        if other is not None and other is not self.window:
            show_error(self.window, "Could not save", f"{quoted_name(path)} is open in another "
                       "window. Close it there first, or choose another name.")
            return False
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        window = self.window
        try:
            try:
                self.document.save(path)
            except ReadOnlyError:
                if not confirm_read_only(window, path):
                    return False
                self.document.save(path, overwrite_read_only=True)
        except SaveError as error:
            show_error(window, "Could not save", str(error))
            return False
        window.untitled_name = None
        self.manager.add_recent_file(path)
        window.update_title()
        window.statusBar().showMessage(f"Saved {file_name(path)}", 3_000)
        return True

    def maybe_save(self) -> bool:
        """Ask about unsaved work; True when it is safe to close or replace this map."""
        self.window.flush_edits()
        if not self.document.is_modified():
            return True
        choice = ask_save_changes(self.window, self.window.title_name())
        if choice == SaveChoice.SAVE:
            return self.save()
        return choice == SaveChoice.DISCARD

    # ----- exporting ---------------------------------------------------------------------------
    def export(self) -> None:
        from journeymap_desktop.ui.export_dialog import run_export_dialog

        self.window.flush_edits()
        run_export_dialog(self.window)
