"""A neutral `Journey` -> Mermaid `journey` text that Mermaid draws, and that reads back equal.

Names are written so Mermaid's grammar cannot misread them and Mermaid still draws the same
characters: `:`, `#`, `;`, `<` (and `,` in actors, `%%`) become Mermaid's entity codes
(`Pay: card` -> `Pay#58; card`, drawn "Pay: card"); a line break becomes a space (Mermaid's
journey draws `<br>` literally); a task whose name starts like a keyword (`Journey review`,
`Section A`) gets its first letter as an entity code.

What Mermaid cannot hold at all (end spaces, control characters, an empty name, a score that
is missing, fractional or outside 1-5, a nameless or repeated actor) is written as near as
Mermaid allows, and the exact value goes into a `%% journeymap task {...}` comment line just
before the task (`section` and `map` likewise), together with the `extra` objects the caller
wants carried along (lanes, other curves, evidence). Mermaid ignores those lines;
`read_mermaid` puts everything back, unless the line was edited in Mermaid since, in which
case the edit wins.
"""

from __future__ import annotations

from typing import Any

from journeymap_desktop.storage.importers.journey import Journey, JourneySection, JourneyTask
from journeymap_desktop.storage.importers.mermaid_syntax import (
    MERMAID_MAX_TEXT,
    ValueKind,
    actor_texts,
    clean,
    mermaid_score,
    payload_line,
    read_value,
)

INDENT = "    "


def write_mermaid(journey: Journey) -> str:
    """Mermaid text for the journey, with "\\n" line ends and a final newline.

    Raises ValueError if an `extra` object cannot be written as JSON (NaN, a set, ...) or a
    score is not finite."""
    lines = ["journey"]
    map_payload: dict[str, Any] = {}
    body: list[str] = []
    title = _value("title", journey.title, map_payload)
    if title:
        body.append(f"{INDENT}title {title}")
    acc_title = _value("acc_title", journey.acc_title, map_payload)
    if acc_title:
        body.append(f"{INDENT}accTitle: {acc_title}")
    acc_descr = _value("acc_descr", journey.acc_descr, map_payload)
    if "\n" in acc_descr:
        body.append(f"{INDENT}accDescr {{")
        body += [f"{INDENT * 2}{line}" if line else "" for line in acc_descr.split("\n")]
        body.append(f"{INDENT}}}")
    elif acc_descr:
        body.append(f"{INDENT}accDescr: {acc_descr}")
    if journey.extra:
        map_payload["extra"] = journey.extra
    if map_payload:
        lines.append(INDENT + payload_line("map", map_payload))
    lines += body
    for section in journey.sections:
        lines += _section_lines(section)
    return "\n".join(lines) + "\n"


def drawn_text_size(text: str) -> int:
    """How many characters of `text` count against Mermaid's limit (`MERMAID_MAX_TEXT`): all
    but the comment lines. Above it, Mermaid draws an error box instead of the journey."""
    return sum(len(line) + 1 for line in text.split("\n")
               if not line.lstrip().startswith("%%"))


def fits_mermaid(text: str) -> bool:
    return drawn_text_size(text) <= MERMAID_MAX_TEXT


def _value(kind: ValueKind, value: str, payload: dict[str, Any]) -> str:
    """Cleaned text for `value`; the original goes into `payload` if it would not survive."""
    text = clean(kind, value)
    if read_value(kind, text) != value:
        payload[kind] = value
    return text


def _section_lines(section: JourneySection) -> list[str]:
    payload: dict[str, Any] = {}
    name = clean("section", section.name)
    if read_value("section", name) != section.name:
        payload["name"] = section.name
    if section.extra:
        payload["extra"] = section.extra
    lines = [INDENT + payload_line("section", payload)] if payload else []
    lines.append(f"{INDENT}section {name}")
    for task in section.tasks:
        lines += _task_lines(task)
    return lines


def _task_lines(task: JourneyTask) -> list[str]:
    payload: dict[str, Any] = {}
    name = clean("task", task.name)
    if read_value("task", name) != task.name:
        payload["name"] = task.name
    score = mermaid_score(task.score)
    if task.score is None or float(task.score) != score:
        payload["score"] = task.score
    actors = actor_texts(task.actors)
    if [read_value("actor", actor) for actor in actors] != task.actors:
        payload["actors"] = list(task.actors)
    if task.extra:
        payload["extra"] = task.extra
    lines = [INDENT * 2 + payload_line("task", payload)] if payload else []
    data = f": {score}" + (f": {', '.join(actors)}" if actors else "")
    lines.append(f"{INDENT * 2}{name}{data}")
    return lines


__all__ = ["drawn_text_size", "fits_mermaid", "write_mermaid"]
