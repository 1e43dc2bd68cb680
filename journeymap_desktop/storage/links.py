"""Files a map links to as evidence (model.evidence.FileLink): kept beside the map, named by a
path relative to the map's folder, and never followed outside that folder.

A map may come from anyone; its links must not become a way to open /etc/passwd or a
symbolic link planted next to it that points into the user's home. So a link is resolved
here, once, with every symbolic link followed, and refused unless it ends at a regular file
inside the (resolved) folder of the map.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from journeymap_desktop.model.evidence import check_link_path
from journeymap_desktop.safe_text import shown


class LinkError(Exception):
    """A link that cannot be opened; `str()` is one line for people."""


def linked_file(map_path: Path, link: str) -> Path:
    """The file `link` names, beside the map saved at `map_path`. Raises LinkError when the
    path is not a valid link, leaves the map's folder (also through a symbolic link), is
    missing, or is not a regular file (a folder, a device, a pipe)."""
    try:
        check_link_path(link)
    except ValueError as error:
        raise LinkError(f"{shown(link, 80)}: {error}") from None
    # The folder of the file itself: a map opened through a symbolic link is saved to (and
    # keeps its files beside) the file the link points to.
    folder = Path(os.path.realpath(map_path)).parent
    try:
        target = Path(os.path.realpath(folder / link, strict=True))
    except (OSError, RuntimeError):  # missing, or a loop of symbolic links
        raise LinkError(f"{shown(link, 80)}: no such file beside the map") from None
    if not target.is_relative_to(folder):
        raise LinkError(f"{shown(link, 80)}: leads outside the map's folder")
    try:
        mode = target.stat().st_mode
    except OSError:
        raise LinkError(f"{shown(link, 80)}: cannot be read") from None
    if not stat.S_ISREG(mode):
        raise LinkError(f"{shown(link, 80)}: not a regular file")
    return target


# Kinds of file that run code when "opened" (Windows runs them, desktops launch them): a
# map's evidence is documents, recordings and spreadsheets, never these.
PROGRAM_SUFFIXES = frozenset({
    ".app", ".appimage", ".bat", ".cmd", ".com", ".command", ".cpl", ".desktop", ".exe",
    ".hta", ".jar", ".js", ".jse", ".lnk", ".msc", ".msi", ".msp", ".pif", ".ps1", ".py",
    ".pyw", ".reg", ".scr", ".sh", ".url", ".vb", ".vbe", ".vbs", ".ws", ".wsf", ".wsh",
})


def linked_document(map_path: Path, link: str) -> Path:
    """`linked_file`, and refused as well when the file is a program or a script (by its
    suffix, or its executable bit where files have one): opening it with the system would
    run it."""
    target = linked_file(map_path, link)
    if target.suffix.casefold() in PROGRAM_SUFFIXES or (
            os.name == "posix" and os.access(target, os.X_OK)):
        raise LinkError(f"{shown(link, 80)}: a program or script; JourneyMap opens only "
                        "documents beside the map")
    return target
