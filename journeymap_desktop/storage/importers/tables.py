"""Reading tables (CSV or XLSX) as rows of text cells, with the limits that keep a hostile or
damaged file to a one-line refusal instead of a traceback or a memory blow-up.

`open_table(path)` looks at the file's first bytes, not its name, and returns a `Table`:
`rows()` yields `(row_number, cells)` with row numbers as a spreadsheet shows them (a blank
row is counted but not yielded), and `warnings` collects what was found along the way (an
encoding guessed, a file that seems cut short). Problems that stop the reading raise
`ImportRefused`, naming the row where there is one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from journeymap_desktop.storage.importers.errors import Diagnostic, ImportRefused

# A survey export of 100,000 answers with 40 columns is about 30 MB as CSV.
MAX_TABLE_BYTES = 100 * 1024 * 1024
# Excel allows 16,384 columns; a survey export with a thousand questions has ~5,000.
MAX_COLUMNS = 5_000
# Python's csv module refuses longer cells (csv.field_size_limit()); XLSX cells are held to it too.
MAX_CELL_CHARS = 131_072


class Table(Protocol):
    source: str
    format: str  # "csv" or "xlsx"
    encoding: str | None  # CSV only
    delimiter: str | None  # CSV only
    sheet: str | None  # XLSX only
    warnings: list[Diagnostic]

    def rows(self) -> Iterator[tuple[int, list[str]]]: ...


def open_table(path: str | Path, *, sheet: str | None = None,
               max_bytes: int = MAX_TABLE_BYTES) -> Table:
    """A CSV or XLSX file as a Table. Raises ImportRefused for anything else (a PDF, an old
    .xls, an OpenDocument sheet, binary data), for files over `max_bytes`, and for files that
    cannot be read."""
    from journeymap_desktop.storage.importers.csv_reader import read_csv_bytes
    from journeymap_desktop.storage.importers.xlsx_reader import XlsxTable

    path = Path(path)
    source = str(path)
    try:
        if path.is_dir():
            raise ImportRefused(source, "this is a folder, not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise ImportRefused(source, f"the file is {size / 2**20:,.0f} MB; JourneyMap reads "
                                        f"tables of up to {max_bytes / 2**20:,.0f} MB (export "
                                        "fewer responses, or split the file by date)")
        with path.open("rb") as handle:
            head = handle.read(8)
            if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
                return XlsxTable(path, sheet=sheet)
            handle.seek(0)
            raw = handle.read(max_bytes + 1)
    except OSError as error:
        raise ImportRefused(source, f"cannot read the file: {error.strerror or error}") \
            from None
    if len(raw) > max_bytes:  # it grew while being read, or is a device
        raise ImportRefused(source, f"the file is larger than {max_bytes / 2**20:,.0f} MB")
    return read_csv_bytes(raw, source)
