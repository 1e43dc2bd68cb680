"""What the writers of this layer report, and how they write: atomically, as the map's own
saves do (storage.files.atomic_write), so a failed export leaves no partial file and never
damages the one it would have replaced."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from journeymap_desktop.safe_text import file_name


class WriteError(Exception):
    """A file could not be written; `str()` is one line, and the target was left as it was."""


@dataclass(frozen=True)
class WriteResult:
    """A file written: where, what it holds (one line), and notes the user should read
    (e.g. "Mermaid draws at most 50,000 characters")."""

    path: Path
    description: str
    file_size: int
    notes: tuple[str, ...] = field(default=())

    def summary(self) -> str:
        size = (f"{self.file_size / 1024:.0f} KB" if self.file_size >= 10 * 1024
                else f"{self.file_size:,} bytes")
        return f"{self.description}, {size}"


def check_target(path: Path) -> None:
    if path.is_dir():
        raise WriteError(f"{file_name(path)} is a folder, not a file name")
    if not path.parent.is_dir():
        raise WriteError(f"the folder {file_name(path.parent)} does not exist")


def write_atomically(path: Path, write: Callable[[BinaryIO], None]) -> int:
    """Write through a temporary file swapped in when complete; the file's size. Raises
    WriteError (one line) when the folder cannot be written."""
    from journeymap_desktop.storage.files import atomic_write

    check_target(path)
    try:
        atomic_write(path, write)
    except OSError as error:
        raise WriteError(f"could not write {file_name(path)}: "
                         f"{error.strerror or error}") from None
    return path.stat().st_size
