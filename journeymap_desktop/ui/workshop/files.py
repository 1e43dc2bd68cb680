"""File > Export Votes as CSV…: every vote of every round, for a spreadsheet
(export/votes.py: formula-looking cells neutralised, names only as anonymity allows)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from journeymap_desktop.export.votes import write_votes_csv
from journeymap_desktop.safe_text import file_name
from journeymap_desktop.storage import SaveError
from journeymap_desktop.ui.dialogs import ask_save_path, show_error

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow


def suggested_path(window: MainWindow) -> Path:
    path = window.document.path
    if path is None:
        return Path.home() / "votes.csv"
    return path.with_name(path.name.removesuffix(path.suffix) + " votes.csv")


def export_votes(window: MainWindow) -> Path | None:
    window.flush_edits()
    target = ask_save_path(window, "Export Votes as CSV", suggested_path(window),
                           "CSV files (*.csv)", "csv")
    if target is None:
        return None
    try:
        write_votes_csv(window.document.snapshot(), target)
    except (OSError, SaveError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        show_error(window, "Could not export the votes", f"{file_name(target)}: {reason}")
        return None
    window.statusBar().showMessage(f"Votes written to {file_name(target)}", 5_000)
    return target
