"""What every export (PDF, SVG, PNG) can report, without importing any of their libraries."""

from __future__ import annotations

from pathlib import Path


class ExportError(Exception):
    """The file could not be written; `str()` is one line and the target was left as it was."""


class Cancelled(Exception):  # noqa: N818 - reads as what happened: the export was cancelled
    """The export was cancelled by its progress callback; no file was written."""


def check_target(path: Path) -> None:
    """Refuse a target that is a folder or lies in a folder that does not exist."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder, not a file name")
    parent = path.parent
    if not parent.is_dir():
        raise ExportError(f"the folder {parent} does not exist")
