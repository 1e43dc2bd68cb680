"""A small XLSX writer of its own: one sheet of text and numbers, a bold frozen header row,
column widths, nothing else. Standard library only (zipfile + XML text), so exporting a
spreadsheet adds no runtime dependency; Excel, LibreOffice, Google Sheets and openpyxl open
what it writes (tests/test_cards_table.py reads it back with openpyxl).

Text cells are inline strings (`t="inlineStr"`), never formulas: a cell starting with `=`
stays text in the file itself. Callers still pass cells through `cells.neutralise_cell`,
because a user who saves the sheet as CSV, or edits a cell, would otherwise arm it.
Characters XML 1.0 cannot hold (control characters other than tab and line breaks, lone
surrogates, U+FFFE/U+FFFF) are written as the `_xHHHH_` escapes of the OOXML standard (and a
literal `_x` is escaped as `_x005F_`), which Excel and xlsx_reader decode back.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Sequence
from html import escape as _escape_html
from typing import BinaryIO

from journeymap_desktop.storage.importers.xlsx_reader import column_letters

Cell = str | int | float | None

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_LITERAL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_MAX_WIDTH = 60

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
    'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.extended-properties+xml"/>'
    '</Types>')
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/extended-properties" Target="docProps/app.xml"/>'
    '</Relationships>')
_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-'
    'properties"><Application>JourneyMap Desktop</Application></Properties>')
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/styles" Target="styles.xml"/>'
    '</Relationships>')
# Style 0: plain; style 1: bold (the header); both wrap nothing and use the default font.
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
    '</cellStyleXfs>'
    '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>')


def escape(text: str) -> str:
    """&, < and > as XML entities (xml.sax.saxutils would import urllib and ssl)."""
    return _escape_html(text, quote=False)


def xml_text(value: str) -> str:
    """`value` as the text of an XML element, with the OOXML escapes for what XML cannot
    hold."""
    value = _LITERAL_ESCAPE.sub(r"_x005F_\1", value)
    value = _NOT_XML.sub(lambda match: f"_x{ord(match.group()):04X}_", value)
    return escape(value)


def _sheet_name(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", " ", name).strip().strip("'") or "Sheet1"
    return cleaned[:31]


def _cell_xml(reference: str, value: Cell, style: int) -> str:
    style_attr = f' s="{style}"' if style else ""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, int | float):
        return f'<c r="{reference}"{style_attr}><v>{value!r}</v></c>'
    text = xml_text(value)
    space = ' xml:space="preserve"' if value != value.strip() or "\n" in value else ""
    return (f'<c r="{reference}"{style_attr} t="inlineStr"><is><t{space}>{text}</t></is>'
            "</c>")


def write_xlsx(handle: BinaryIO, header: Sequence[str], rows: Iterable[Sequence[Cell]], *,
               sheet: str = "Cards") -> int:
    """Write a workbook of one sheet (`header` in bold, frozen) to `handle`; the number of
    data rows written."""
    widths = [min(_MAX_WIDTH, max(8, len(name) + 2)) for name in header]
    body: list[str] = []
    count = 0
    letters = [column_letters(i) for i in range(max(len(header), 1))]
    for number, row in enumerate(rows, start=2):
        while len(letters) < len(row):
            letters.append(column_letters(len(letters)))
        cells = []
        for index, value in enumerate(row):
            cells.append(_cell_xml(f"{letters[index]}{number}", value, 0))
            if index < len(widths) and isinstance(value, str):
                longest = max((len(line) for line in value.split("\n")), default=0)
                widths[index] = min(_MAX_WIDTH, max(widths[index], longest + 2))
        body.append(f'<row r="{number}">{"".join(cells)}</row>')
        count += 1
    head = "".join(_cell_xml(f"{letters[i]}1", name, 1) for i, name in enumerate(header))
    columns = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{width}" customWidth="1"/>'
                      for i, width in enumerate(widths))
    sheet_xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        + (f"<cols>{columns}</cols>" if columns else "")
        + f'<sheetData><row r="1">{head}</row>{"".join(body)}</sheetData></worksheet>')
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{escape(_sheet_name(sheet))}" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>")
    with zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _ROOT_RELS),
                           ("docProps/app.xml", _APP), ("xl/workbook.xml", workbook),
                           ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
                           ("xl/styles.xml", _STYLES), ("xl/worksheets/sheet1.xml", sheet_xml)):
            archive.writestr(name, text.encode("utf-8"))
    return count


__all__ = ["write_xlsx", "xml_text"]
