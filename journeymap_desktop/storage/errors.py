"""Errors the storage layer reports to people: one clear line, plus every problem for `validate`.

Everything in these messages may come from a hostile file (keys, ids, values, the file's own
name): it is escaped and bounded here, once, so no caller can print raw file text.
"""

from __future__ import annotations

from journeymap_desktop.safe_text import one_line, shown

MAX_PROBLEMS = 50  # listed one per line by `validate` and in the error dialog's details


class LoadError(Exception):
    """A file could not be opened as a journey map. `str()` is one line naming what and where."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = shown(source, middle=True)
        all_problems = [one_line(problem) for problem in problems[:MAX_PROBLEMS]]
        self.problem_count = max(len(problems), 1)
        if len(problems) > MAX_PROBLEMS:
            all_problems.append(f"… and {len(problems) - MAX_PROBLEMS} more problems")
        self.problems = all_problems or ["unknown problem"]
        first = self.problems[0]
        more = self.problem_count - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{self.source}: {first}{suffix}")


class SaveError(Exception):
    """A save failed; the message says why and that the file on disk was left as it was."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


class ReadOnlyError(SaveError):
    """The file is read-only: saving over it needs the user's explicit confirmation."""
