"""CSV files as tables: the encoding sniffed (byte-order marks, UTF-8, UTF-16, a Windows-1252
fallback), the delimiter sniffed among `,` `;` tab and `|` (or taken from Excel's `sep=` line),
quoted cells across lines, and a file cut short inside a quoted cell reported on its row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from journeymap_desktop.storage.importers.errors import Diagnostic, ImportRefused
from journeymap_desktop.storage.importers.tables import MAX_CELL_CHARS, MAX_COLUMNS
from journeymap_desktop.storage.importers.textfile import decode_text

DELIMITERS = (",", ";", "\t", "|")
_SNIFF_CHARS = 64 * 1024
_SNIFF_RECORDS = 60
_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


def delimiter_name(delimiter: str) -> str:
    return _NAMES.get(delimiter, repr(delimiter))


def sniff_delimiter(sample: str) -> str:
    """The delimiter that splits the first records of `sample` into the most columns, the
    same number on most rows (quotes respected). A one-column file gets a comma."""
    best, best_score = ",", (0.0, 0)
    cut = sample.rfind("\n")
    if 0 < cut < len(sample) - 1:
        sample = sample[: cut + 1]  # not the last, perhaps partial, line
    for delimiter in DELIMITERS:
        counts: list[int] = []
        try:
            for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
                if record:
                    counts.append(len(record))
                if len(counts) >= _SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if not counts:
            continue
        modal = max(set(counts), key=lambda n: (counts.count(n), n))
        if modal < 2:
            continue
        consistency = counts.count(modal) / len(counts)
        score = (round(consistency, 1), modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best


@dataclass
class CsvTable:
    source: str
    text: str
    encoding: str | None
    delimiter: str | None
    warnings: list[Diagnostic] = field(default_factory=list)
    skip_first_line: bool = False
    format: str = "csv"
    sheet: str | None = None

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        lines = _TrackedLines(io.StringIO(self.text, newline=""))
        if self.skip_first_line:
            next(lines, None)
            lines.current.clear()
        reader = csv.reader(lines, delimiter=self.delimiter or ",", quotechar='"', doublequote=True,
                            strict=False)
        row = 1 if self.skip_first_line else 0
        last_lines: list[str] = []
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                place = row + 1
                if "field larger" in str(error):
                    raise ImportRefused(self.source, f"a cell longer than {MAX_CELL_CHARS:,} "
                                        "characters: this is not a survey export or card list",
                                        place=place) from None
                raise ImportRefused(self.source, f"not readable as CSV ({error})",
                                    place=place) from None
            row += 1
            last_lines = lines.current[:]
            lines.current.clear()
            if not cells:
                continue
            if len(cells) > MAX_COLUMNS:
                raise ImportRefused(self.source, f"this row has {len(cells):,} cells; "
                                    f"JourneyMap reads at most {MAX_COLUMNS:,} columns",
                                    place=row)
            yield row, cells
        if sum(line.count('"') for line in last_lines) % 2:
            note = Diagnostic(row, "warning", "cut-short", "the file ends inside a quoted cell "
                              "that starts on this row: it seems cut short; the row is read as "
                              "far as it goes", unit="row")
            if note not in self.warnings:  # the rows may be read more than once
                self.warnings.append(note)


class _TrackedLines:
    """The lines of a text, remembering those that make up the record being read (the csv
    module reads exactly one record's lines before it yields it)."""

    def __init__(self, stream: io.StringIO) -> None:
        self._lines = iter(stream)
        self.current: list[str] = []

    def __iter__(self) -> _TrackedLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.current.append(line)
        return line


def read_csv_bytes(raw: bytes, source: str) -> CsvTable:
    decoded = decode_text(raw, source, what="a CSV file")
    text = decoded.text
    warnings = list(decoded.warnings)  # placed by line: the row unless a cell spans lines
    skip = False
    first_line = text.split("\n", 1)[0].strip().strip('"')
    if first_line.lower().startswith("sep=") and len(first_line) == 5:
        delimiter, skip = first_line[4], True  # Excel's "sep=;" hint
    else:
        delimiter = sniff_delimiter(text[:_SNIFF_CHARS])
    return CsvTable(source, text, decoded.encoding, delimiter, warnings, skip_first_line=skip)

