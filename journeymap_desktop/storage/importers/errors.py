"""What the importers report: a refusal (one line, raised) and diagnostics (kept, with a place).

Text from the file is shown through `shown()`, so a message is always one printable line of
bounded length, whatever bytes the file holds.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]

# Longest piece of file text quoted in a message; longer text is cut with an ellipsis.
QUOTE_LIMIT = 60


def shown(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text` quoted for a one-line message: control, format (bidi) and separator characters
    escaped, lone surrogates escaped, cut to `limit` characters with an ellipsis."""
    cut = len(text) > limit
    if cut:
        text = text[: limit - 1]
    parts = []
    for char in text:
        category = unicodedata.category(char)
        if category in ("Cc", "Cf", "Zl", "Zp", "Cs") and char != "\u200d":
            code = ord(char)
            parts.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            parts.append(char)
    return '"' + "".join(parts) + ("…" if cut else "") + '"'


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in a file that did not stop the import.

    `place` is a 1-based line (Mermaid) or row (tables, as a spreadsheet numbers them), or None
    for the file as a whole. For Mermaid, severity "error" means Mermaid itself refuses to draw
    the diagram because of this line; "warning" means Mermaid draws it, but not as the text
    seems to say (a score that is not a number, a name cut at a colon, ...).
    """

    place: int | None
    severity: Severity
    code: str
    message: str
    unit: Literal["line", "row"] = "line"

    def __str__(self) -> str:
        where = f"{self.unit} {self.place:,}: " if self.place is not None else ""
        return f"{where}{self.severity}: {self.message}"


class ImportRefused(Exception):  # noqa: N818 -- a refusal, not a bug: named for what the user sees
    """A file that cannot be imported at all. `str()` is one line: `source: [row N: ]reason`."""

    def __init__(self, source: str, reason: str, *, place: int | None = None,
                 unit: Literal["line", "row"] = "row") -> None:
        self.source = source
        self.reason = reason
        self.place = place
        self.unit = unit
        where = f"{unit} {place:,}: " if place is not None else ""
        name = shown(source, 120)[1:-1]
        super().__init__(f"{name}: {where}{reason}")
