"""Errors the storage layer reports to people: one clear line, plus every problem for `validate`."""

from __future__ import annotations


class LoadError(Exception):
    """A file could not be opened as a journey map. `str()` is one line naming what and where."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems or ["unknown problem"]
        first = self.problems[0]
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{source}: {first}{suffix}")


class SaveError(Exception):
    """A save failed; the message says why and that the file on disk was left as it was."""
