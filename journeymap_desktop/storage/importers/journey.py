"""The neutral journey the Mermaid reader produces and the Mermaid writer consumes.

Plain dataclasses, independent of the map's model: `line` fields say where an item came from
(1-based, None for items built in code) and are left out of equality, so a journey read back
from what the writer wrote compares equal to the one written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from journeymap_desktop.storage.importers.errors import Diagnostic


@dataclass
class JourneyTask:
    """A Mermaid task: `name: score: actor, actor`. `score` is the number as written (None
    when the file gives none, or not a number); it may be fractional or outside 1-5, which the
    reader reports. `extra` is any JSON object the writer carried in a `%%` comment."""

    name: str
    score: float | None = None
    actors: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    line: int | None = field(default=None, compare=False)


@dataclass
class JourneySection:
    """A Mermaid section with its tasks. Tasks written before any `section` line land in a
    section named "" (Mermaid draws them under an unnamed section)."""

    name: str
    tasks: list[JourneyTask] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    line: int | None = field(default=None, compare=False)


@dataclass
class JourneyComment:
    """A comment line as the user wrote it (without its `%%` or `#` marker)."""

    line: int
    text: str
    marker: Literal["%%", "#"] = "%%"


@dataclass
class Journey:
    title: str = ""
    acc_title: str = ""
    acc_descr: str = ""
    sections: list[JourneySection] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    # What the file held besides the journey itself: kept for the importer to show or store.
    comments: list[JourneyComment] = field(default_factory=list, compare=False)
    directives: list[str] = field(default_factory=list, compare=False)
    front_matter: str | None = field(default=None, compare=False)

    def tasks(self) -> list[JourneyTask]:
        return [task for section in self.sections for task in section.tasks]

    def actors(self) -> list[str]:
        """Every actor once, in order of first appearance (Mermaid's legend sorts them)."""
        seen: dict[str, None] = {}
        for task in self.tasks():
            for actor in task.actors:
                seen.setdefault(actor, None)
        return list(seen)


@dataclass
class MermaidReadResult:
    journey: Journey
    diagnostics: list[Diagnostic]
    encoding: str = "utf-8"

    @property
    def errors(self) -> list[Diagnostic]:
        """Lines for which Mermaid itself refuses to draw the diagram."""
        return [d for d in self.diagnostics if d.severity == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        """Lines Mermaid draws, but not as the text seems to say."""
        return [d for d in self.diagnostics if d.severity == "warning"]

    @property
    def mermaid_renders(self) -> bool:
        return not self.errors
