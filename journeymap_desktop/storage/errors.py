"""Errors the storage layer reports to people: one clear line, plus every problem for `validate`."""

from __future__ import annotations


class LoadError(Exception):
    """A file could not be opened as a journey map. `str()` is one line naming what and where."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = _printable(source)
        # A file may hold lone surrogates (\ud800); echoed into a message they could not even
        # be printed: show them as escapes.
        self.problems = [_printable(problem) for problem in problems] or ["unknown problem"]
        first = self.problems[0]
        more = len(self.problems) - 1
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        super().__init__(f"{self.source}: {first}{suffix}")


class SaveError(Exception):
    """A save failed; the message says why and that the file on disk was left as it was."""


def _printable(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")
