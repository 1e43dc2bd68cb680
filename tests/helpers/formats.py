"""Stand-ins for the formats other engineers add to the registry (journeymap_desktop/formats.py):
an import format and an export format, with readers and writers named as the registry names
every reader and writer. Register them for a test with `FORMATS.registered(OUTLINE)`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journeymap_desktop.formats import FileFormat, ReadResult
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.templates import service_journey

# A stand-in for the import formats another engineer adds (Mermaid, CSV, XLSX): its reader is
# this module's `read_outline`, named as the registry names every reader.
OUTLINE = FileFormat("outline", "Outline notes", (".outline", ".otl"), "import",
                     description="one stage per line",
                     reader="tests.helpers.formats:read_outline")
READ: list[Path] = []


def read_outline(path: Path) -> ReadResult:
    """Each line of the file names a stage of a new map (from the first); a line starting with
    "#" is skipped, with a warning."""
    READ.append(path)
    journey = service_journey()
    names: list[str] = []
    warnings: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#"):
            warnings.append(f"line {number}: a comment, skipped")
        elif line.strip():
            names.append(line.strip())
    for stage, name in zip(journey.stages, names, strict=False):
        stage.name = name
    journey.title = path.stem
    return ReadResult(journey, tuple(warnings))


WRITTEN: list[tuple[str, Path, tuple[Any, ...]]] = []


def write_text_poster(journey: JourneyMap, path: Path, *args: Any) -> Any:
    WRITTEN.append((journey.title, path, args))
    path.write_text(journey.title, encoding="utf-8")

    class Result:
        def summary(self) -> str:
            return "a text poster"

    return Result()


TEXT_POSTER = FileFormat("txt", "Text posters", (".txt",), "export",
                         writer="tests.helpers.formats:write_text_poster")
