"""XLSX workbooks as tables, read with the standard library only and defensively.

Why not openpyxl: it loads every shared string into memory before the first row, applies no
limit to what a ZIP entry inflates to, and parses whatever XML it is given. This reader
streams each part out of the ZIP archive through a byte counter (a "zip bomb" stops at the
limit, whatever sizes the archive claims), refuses any XML with a document type declaration
(the home of entity tricks such as "billion laughs" and external entities, which no
spreadsheet program writes), bounds the shared strings, the columns and the cell length, and
turns every failure into a one-line ImportRefused.

What it reads: the first worksheet (or one named), shared and inline strings (rich text runs
joined, phonetic runs left out), numbers as written, booleans as TRUE/FALSE, error values as
written (#N/A), cached formula results, and dates (cells whose number format is a date) as
ISO text. Transitional and Strict OOXML namespaces alike.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, XMLPullParser

from journeymap_desktop.storage.importers.errors import Diagnostic, ImportRefused
from journeymap_desktop.storage.importers.tables import MAX_CELL_CHARS, MAX_COLUMNS

# A 100,000-row, 40-column sheet is ~140 MB of XML (reading it takes ~6 s); shared strings a
# few MB.
MAX_PART_BYTES = 256 * 1024 * 1024
MAX_SHARED_STRINGS_BYTES = 128 * 1024 * 1024
MAX_SHARED_STRINGS = 2_000_000
MAX_ZIP_ENTRIES = 10_000
_CHUNK = 256 * 1024
_DOCTYPE_MARKERS = tuple("<!DOCTYPE".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be")) \
    + tuple("<!ENTITY".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be"))
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships"
_CELL_REF = re.compile(r"([A-Za-z]{1,3})([0-9]*)$")
# Built-in number formats that show dates or times (ECMA-376 18.8.30, and the CJK ones).
_DATE_FORMAT_IDS = frozenset([*range(14, 23), *range(27, 37), *range(45, 48), *range(50, 59)])


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def column_index(letters: str) -> int:
    """"A" -> 0, "Z" -> 25, "AA" -> 26."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + (ord(letter) - 64)
    return index - 1


def column_letters(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


class XlsxTable:
    format = "xlsx"
    encoding: str | None = None
    delimiter: str | None = None

    def __init__(self, path: str | Path, *, sheet: str | None = None) -> None:
        self.path = Path(path)
        self.source = str(self.path)
        self.warnings: list[Diagnostic] = []
        try:
            self._zip = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile:
            raise self._refuse("not a readable XLSX workbook (a damaged ZIP archive: was the "
                               "file cut short?)") from None
        except OSError as error:
            raise self._refuse(f"cannot read the file: {error.strerror or error}") from None
        infos = self._zip.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise self._refuse(f"the archive holds {len(infos):,} files; an XLSX workbook holds "
                               "a few dozen")
        self._names = {info.filename: info for info in infos}
        if "xl/workbook.xml" not in self._names:
            raise self._refuse(self._what_instead())
        workbook = self._parse_whole("xl/workbook.xml")
        relations = self._relations("xl/_rels/workbook.xml.rels")
        sheets: list[tuple[str, str]] = []
        self._date1904 = False
        for element in workbook.iter():
            name = _local(element.tag)
            if name == "sheet":
                rel = element.get(f"{{{_REL_NS}}}id") or element.get(f"{{{_STRICT_REL_NS}}}id")
                sheets.append((element.get("name", ""), relations.get(rel or "", "")))
            elif name == "workbookPr":
                self._date1904 = element.get("date1904", "0").lower() in ("1", "true")
        if not sheets:
            raise self._refuse("the workbook has no worksheet")
        if sheet is None:
            chosen = sheets[0]
        else:
            found = [entry for entry in sheets if entry[0] == sheet]
            if not found:
                names = ", ".join(name for name, _ in sheets)
                raise self._refuse(f'no sheet named "{sheet}" (the sheets are: {names})')
            chosen = found[0]
        self.sheet: str | None = chosen[0]
        self.sheet_names = [name for name, _ in sheets]
        self._sheet_part = self._part_name("xl/workbook.xml", chosen[1])
        shared = next((target for target, kind in self._typed_relations(
            "xl/_rels/workbook.xml.rels") if kind == "sharedStrings"), "sharedStrings.xml")
        self._shared_part = self._part_name("xl/workbook.xml", shared)
        styles = next((target for target, kind in self._typed_relations(
            "xl/_rels/workbook.xml.rels") if kind == "styles"), "styles.xml")
        self._date_styles = self._read_date_styles(self._part_name("xl/workbook.xml", styles))
        self._date_style_texts = frozenset(str(index).encode() for index in self._date_styles)
        self._shared: list[str] | None = None
        self._last_row = 0

    # ----- reading ------------------------------------------------------------------------
    def rows(self) -> Iterator[tuple[int, list[str]]]:
        if self._sheet_part not in self._names:
            raise self._refuse(f"the worksheet part {self._sheet_part} is missing")
        shared = self._shared_strings()
        if self._canonical_markup():
            yield from self._rows_fast(shared)
        else:
            yield from self._rows_tree(shared)

    def _canonical_markup(self) -> bool:
        """Is the sheet UTF-8 XML with unprefixed tags, as Excel, LibreOffice, Google Sheets
        and openpyxl write it? Then rows can be read with the fast path."""
        head = next(self._chunks(self._sheet_part, MAX_PART_BYTES), b"")[:4096]
        if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head:
            return False
        declaration = re.match(rb"\s*<\?xml[^>]*?encoding=[\"']([^\"']+)", head)
        if declaration and declaration.group(1).lower().replace(b"-", b"") != b"utf8":
            return False
        root = re.search(rb"<([A-Za-z_][\w.:-]*)", head.replace(b"<?", b"").replace(b"<!", b""))
        return root is not None and b":" not in root.group(1)

    def _rows_fast(self, shared: list[str]) -> Iterator[tuple[int, list[str]]]:
        """Rows found with regular expressions over the inflated bytes: a row whose cells are
        all in the canonical form is read directly (about ten times faster than an XML
        parser); any other row is handed to the XML parser. Chunks wait in a list until one
        ends a row, so a sheet without row ends costs one join, not one per chunk."""
        pending: list[bytes] = []
        tail = b""
        row_number = 0
        namespaces = b""
        saw_data = saw_end = False
        for chunk in self._chunks(self._sheet_part, MAX_PART_BYTES):
            seam = tail + chunk  # markers may straddle two chunks
            tail = chunk[-16:]
            pending.append(chunk)
            saw_data = saw_data or b"<sheetData" in seam
            saw_end = saw_end or b"</sheetData>" in seam or b"<sheetData/>" in seam
            if b"</row>" not in seam and b"<sheetData/>" not in seam:
                continue
            buffer = b"".join(pending)
            if not namespaces:
                root = re.search(rb"<worksheet\b([^>]*)>", buffer)
                namespaces = root.group(1) if root else b" "
            cut = max(buffer.rfind(b"</row>"), buffer.rfind(b"<sheetData/>"))
            cut = buffer.find(b">", cut) + 1
            pending = [buffer[cut:]]
            yield from self._fast_rows_of(buffer[:cut], namespaces, shared, row_number)
            row_number = self._last_row
        if not saw_data:
            raise self._refuse("the worksheet has no sheetData: the workbook is damaged")
        if not saw_end:
            raise self._refuse("the worksheet's data is cut short (it never ends): the "
                               "workbook is damaged", place=row_number + 1)
        yield from self._fast_rows_of(b"".join(pending), namespaces, shared, row_number)

    def _fast_rows_of(self, ready: bytes, namespaces: bytes, shared: list[str],
                      row_number: int) -> Iterator[tuple[int, list[str]]]:
        found = _ROW.findall(ready)
        if len(found) != ready.count(b"<row ") + ready.count(b"<row>") + ready.count(b"<row/"):
            raise self._refuse("a row of the worksheet never ends: the workbook is damaged",
                               place=row_number + 1)
        for attributes, content in found:
            row_number = self._row_number(attributes, row_number)
            cells = self._fast_cells(content, shared, row_number)
            if cells is None:
                cells = self._tree_cells(attributes, content, namespaces, shared, row_number)
            if cells:
                yield row_number, cells
        self._last_row = row_number

    @staticmethod
    def _row_number(attributes: bytes, previous: int) -> int:
        match = _ROW_NUMBER.search(attributes)
        return int(match.group(1)) if match else previous + 1

    def _fast_cells(self, content: bytes, shared: list[str], row: int) -> list[str] | None:
        """The row's cells if all are in the canonical form, else None. (Counting `<c` tags
        against matches is as sure as a full match and costs a tenth of it.)"""
        found = _CELL.findall(content)
        if len(found) != content.count(b"<c ") + content.count(b"<c>") + content.count(b"<c/"):
            return None
        cells: dict[int, str] = {}
        columns = _COLUMNS
        date_styles = self._date_style_texts
        for letters, style, kind, number, inline in found:
            index = columns.get(letters)
            if index is None:
                index = column_index(letters.decode("ascii"))
                if index >= MAX_COLUMNS:
                    raise self._refuse(f"a cell in column {letters.decode('ascii')} (column "
                                       f"{index + 1:,}); JourneyMap reads at most "
                                       f"{MAX_COLUMNS:,} columns", place=row)
                columns[letters] = index
            if not kind or kind == b"n":
                if not number:
                    continue
                if style and style in date_styles:
                    value = self._number(number.decode("ascii", "replace"), style.decode())
                else:
                    value = number.decode("ascii", "replace").strip()
            elif kind == b"s":
                try:
                    value = shared[int(number)]
                except (ValueError, IndexError):
                    raise self._refuse(f"a cell points to shared string {number[:20]!r}, "
                                       "which the workbook does not have", place=row) from None
            elif kind == b"inlineStr":
                value = _unescape(inline)
            elif kind == b"b":
                value = "TRUE" if number.strip() == b"1" else "FALSE"
            else:  # str (a formula's text), e (an error such as #N/A), d (an ISO date)
                value = _unescape(number)
            if value:
                if len(value) > MAX_CELL_CHARS:
                    raise self._refuse(f"a cell longer than {MAX_CELL_CHARS:,} characters",
                                       place=row)
                cells[index] = value
        if not cells:
            return []
        return [cells.get(i, "") for i in range(max(cells) + 1)]

    def _tree_cells(self, attributes: bytes, content: bytes, namespaces: bytes,
                    shared: list[str], row: int) -> list[str]:
        document = b"<worksheet" + namespaces + b"><row" + attributes + b">" + content + \
            b"</row></worksheet>"
        parser: XMLPullParser[Element] = XMLPullParser(events=("end",))
        try:
            parser.feed(document)
            parser.close()
        except ParseError as error:
            raise self._refuse(f"the worksheet is not well-formed XML ({error})",
                               place=row) from None
        cells: dict[int, str] = {}
        next_index = 0
        for _, element in _element_events(parser):
            if _local(element.tag) == "c":
                index, value = self._cell(element, shared, row, next_index)
                next_index = index + 1
                if value:
                    cells[index] = value
        return [cells.get(i, "") for i in range(max(cells) + 1)] if cells else []

    def _rows_tree(self, shared: list[str]) -> Iterator[tuple[int, list[str]]]:
        """Rows through the XML parser: any namespace prefix or encoding, slower."""
        row_number = 0
        cells: dict[int, str] = {}
        next_index = 0
        sheet_data: Element | None = None
        for event, element in self._events(self._sheet_part, MAX_PART_BYTES):
            name = _local(element.tag)
            if event == "start":
                if name == "sheetData":
                    sheet_data = element
                elif name == "row":
                    given = element.get("r")
                    row_number = int(given) if given and given.isdigit() else row_number + 1
                    cells, next_index = {}, 0
                continue
            if name == "c":
                index, value = self._cell(element, shared, row_number, next_index)
                next_index = index + 1
                if value != "":
                    cells[index] = value
            elif name == "row":
                if cells:
                    width = max(cells) + 1
                    yield row_number, [cells.get(i, "") for i in range(width)]
                if sheet_data is not None:
                    sheet_data.clear()  # keep memory flat: rows are done with

    def _cell(self, element: Element, shared: list[str], row: int,
              position: int) -> tuple[int, str]:
        reference = element.get("r")
        if reference:
            match = _CELL_REF.match(reference)
            if not match:
                raise self._refuse(f"a cell reference {reference[:20]!r} that is no cell",
                                   place=row)
            index = column_index(match.group(1))
        else:
            index = position
        if index >= MAX_COLUMNS:
            raise self._refuse(f"a cell in column {column_letters(index)} (column "
                               f"{index + 1:,}); JourneyMap reads at most {MAX_COLUMNS:,} "
                               "columns", place=row)
        kind = element.get("t", "n")
        value_element = None
        inline = None
        for child in element:
            child_name = _local(child.tag)
            if child_name == "v":
                value_element = child
            elif child_name == "is":
                inline = child
        raw = value_element.text or "" if value_element is not None else ""
        if kind == "s":
            try:
                value = shared[int(raw)]
            except (ValueError, IndexError):
                raise self._refuse(f"cell {reference or index + 1} points to shared string "
                                   f"{raw[:20]!r}, which the workbook does not have",
                                   place=row) from None
        elif kind == "inlineStr":
            value = _rich_text(inline) if inline is not None else ""
        elif kind == "b":
            value = "TRUE" if raw.strip() == "1" else "FALSE"
        elif kind in ("str", "e", "d"):
            value = raw
        else:
            value = self._number(raw, element.get("s"))
        element.clear()
        if len(value) > MAX_CELL_CHARS:
            raise self._refuse(f"a cell longer than {MAX_CELL_CHARS:,} characters", place=row)
        return index, value

    def _number(self, raw: str, style: str | None) -> str:
        raw = raw.strip()
        if not raw or style is None or not style.isdigit() or int(style) not in self._date_styles:
            return raw
        try:
            serial = float(raw)
        except ValueError:
            return raw
        if not 0 <= serial < 2_958_466:  # Excel's last day is 9999-12-31
            return raw
        base = dt.datetime(1904, 1, 1) if self._date1904 else dt.datetime(1899, 12, 30)
        moment = base + dt.timedelta(days=serial)
        moment = moment.replace(microsecond=0) + dt.timedelta(
            seconds=round(moment.microsecond / 1e6))
        if serial == int(serial):
            return moment.date().isoformat()
        if serial < 1:
            return moment.time().isoformat()
        return moment.isoformat(sep=" ")

    def _shared_strings(self) -> list[str]:
        if self._shared is not None:
            return self._shared
        strings: list[str] = []
        if self._shared_part in self._names:
            container: Element | None = None
            for event, element in self._events(self._shared_part, MAX_SHARED_STRINGS_BYTES):
                name = _local(element.tag)
                if event == "start":
                    if name == "sst":
                        container = element
                    continue
                if name != "si":
                    continue
                strings.append(_rich_text(element))
                if len(strings) > MAX_SHARED_STRINGS:
                    raise self._refuse(f"more than {MAX_SHARED_STRINGS:,} distinct texts")
                if container is not None:
                    container.clear()
        self._shared = strings
        return strings

    def _read_date_styles(self, part: str) -> frozenset[int]:
        """Indexes of the cell formats (cellXfs) that show a number as a date or time."""
        if part not in self._names:
            return frozenset()
        custom: dict[int, str] = {}
        formats: list[int] = []
        in_cell_xfs = False
        for event, element in self._events(part, 16 * 1024 * 1024):
            name = _local(element.tag)
            if name == "cellXfs":
                in_cell_xfs = event == "start"
            elif event == "end" and name == "numFmt":
                try:
                    custom[int(element.get("numFmtId", "-1"))] = element.get("formatCode", "")
                except ValueError:
                    continue
            elif event == "end" and name == "xf" and in_cell_xfs:
                number_format = element.get("numFmtId", "0")
                formats.append(int(number_format) if number_format.isdigit() else 0)
        return frozenset(index for index, number_format in enumerate(formats)
                         if number_format in _DATE_FORMAT_IDS
                         or _is_date_format(custom.get(number_format, "")))

    # ----- parts of the package -----------------------------------------------------------
    def _chunks(self, part: str, limit: int) -> Iterator[bytes]:
        """The bytes of one part, inflated chunk by chunk through a byte counter, with any
        document type declaration before the root element refused."""
        info = self._names.get(part)
        if info is None:
            raise self._refuse(f"the part {part} is missing from the workbook")
        if info.flag_bits & 0x1:
            raise self._refuse("the workbook is encrypted (password-protected)")
        if info.file_size > limit:
            raise self._refuse(f"{part} inflates to {info.file_size / 1e6:,.0f} MB, more than "
                               f"the {limit / 1e6:,.0f} MB JourneyMap reads")
        read = 0
        prolog: bytes | None = b""  # everything before the root element's tag
        try:
            with self._zip.open(info) as stream:
                while True:
                    chunk = stream.read(_CHUNK)
                    if not chunk:
                        return
                    read += len(chunk)
                    if read > limit:
                        raise self._refuse(f"{part} inflates to more than "
                                           f"{limit / 1e6:,.0f} MB (a ZIP bomb?)")
                    if prolog is not None:
                        prolog = self._check_prolog(part, prolog + chunk)
                    yield chunk
        except (zipfile.BadZipFile, EOFError, OSError, RuntimeError) as error:
            raise self._refuse(f"{part} cannot be unpacked ({error}): the workbook is damaged "
                               "or cut short") from None
        except ValueError as error:  # e.g. zlib "invalid distance" inside zipfile
            raise self._refuse(f"{part} cannot be unpacked ({error})") from None

    def _check_prolog(self, part: str, head: bytes) -> bytes | None:
        """Refuse a DTD (entity tricks live there); None once the root element has begun,
        after which XML allows no DTD."""
        if any(marker in head for marker in _DOCTYPE_MARKERS):
            raise self._refuse(f"{part} declares a document type or entities, which "
                               "spreadsheet programs never write; refused as a precaution")
        text = head.lstrip(b"\xef\xbb\xbf")
        position = 0
        while True:
            start = text.find(b"<", position)
            if start < 0 or start + 1 >= len(text):
                return head if len(head) < 1024 * 1024 else self._too_long_prolog(part)
            if text[start + 1:start + 2] not in (b"?", b"!"):
                return None
            end = text.find(b">", start)
            if end < 0:
                return head
            position = end + 1

    def _too_long_prolog(self, part: str) -> bytes:
        raise self._refuse(f"{part} has over a megabyte before its first element")

    def _events(self, part: str, limit: int) -> Iterator[tuple[str, Element]]:
        """Start and end events of one XML part, streamed."""
        parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
        try:
            for chunk in self._chunks(part, limit):
                parser.feed(chunk)
                yield from _element_events(parser)
            parser.close()
            yield from _element_events(parser)
        except ParseError as error:
            line = getattr(error, "position", (0, 0))[0]
            raise self._refuse(f"{part} is not well-formed XML (line {line:,}): the workbook "
                               "is damaged or cut short") from None

    def _parse_whole(self, part: str) -> Element:
        root: Element | None = None
        for event, element in self._events(part, 16 * 1024 * 1024):
            if event == "start" and root is None:
                root = element
        if root is None:
            raise self._refuse(f"{part} is empty")
        return root

    def _typed_relations(self, part: str) -> list[tuple[str, str]]:
        if part not in self._names:
            return []
        found = []
        for element in self._parse_whole(part).iter():
            if _local(element.tag) == "Relationship":
                kind = element.get("Type", "").rsplit("/", 1)[-1]
                found.append((element.get("Target", ""), kind))
        return found

    def _relations(self, part: str) -> dict[str, str]:
        if part not in self._names:
            raise self._refuse(f"{part} is missing: the workbook is damaged")
        return {element.get("Id", ""): element.get("Target", "")
                for element in self._parse_whole(part).iter()
                if _local(element.tag) == "Relationship"}

    @staticmethod
    def _part_name(base: str, target: str) -> str:
        if target.startswith("/"):
            return target.lstrip("/")
        return posixpath.normpath(posixpath.join(posixpath.dirname(base), target))

    def _what_instead(self) -> str:
        if "mimetype" in self._names:
            try:
                with self._zip.open("mimetype") as stream:
                    mimetype = stream.read(200).decode("ascii", "replace")
            except (OSError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError):
                mimetype = ""
            if "opendocument.spreadsheet" in mimetype:
                return "this is an OpenDocument spreadsheet (.ods): save it as .xlsx or CSV"
            if "opendocument" in mimetype:
                return "this is an OpenDocument file, not a spreadsheet"
        if "word/document.xml" in self._names:
            return "this is a Word document, not a spreadsheet"
        if "ppt/presentation.xml" in self._names:
            return "this is a PowerPoint presentation, not a spreadsheet"
        return "a ZIP archive, but not an Excel workbook (no xl/workbook.xml)"

    def _refuse(self, reason: str, *, place: int | None = None) -> ImportRefused:
        return ImportRefused(self.source, reason, place=place)

    def close(self) -> None:
        self._zip.close()

    def __del__(self) -> None:
        zip_file: Any = getattr(self, "_zip", None)
        if zip_file is not None:
            zip_file.close()


def _element_events(parser: XMLPullParser[Element]) -> Iterator[tuple[str, Element]]:
    pairs: Iterator[Any] = parser.read_events()
    for event, item in pairs:
        if isinstance(item, Element):  # start/end events carry elements; others are ignored
            yield event, item


_ROW = re.compile(rb"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.DOTALL)
_ROW_NUMBER = re.compile(rb'\br="([0-9]+)"')
# A cell as Excel, LibreOffice and openpyxl write it: r, then s, then t; an optional formula;
# a value or an inline string.
_CELL = re.compile(rb'<c r="([A-Z]{1,3})[0-9]+"(?: s="([0-9]+)")?(?: t="([a-zA-Z]+)")?'
                   rb'(?:/>|>(?:<f[^>]*>[^<]*</f>|<f[^>]*/>)?'
                   rb'(?:<v>([^<]*)</v>|<is><t[^>]*>([^<]*)</t></is>)?</c>)')
_COLUMNS: dict[bytes, int] = {}
_XML_ENTITY = re.compile(r"&(#[0-9]+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);")
_XML_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def decode_ooxml_escapes(text: str) -> str:
    """`_x000B_` -> the character U+000B: how OOXML strings hold what XML cannot (Excel
    writes them; a literal "_x0041_" is written "_x005F_x0041_")."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def _unescape(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace")
    if "&" not in text:
        return decode_ooxml_escapes(text)

    def replace(match: re.Match[str]) -> str:
        body = match.group(1)
        if body.startswith("#x"):
            code = int(body[2:], 16)
        elif body.startswith("#"):
            code = int(body[1:])
        else:
            return _XML_ENTITIES[body]
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
    return decode_ooxml_escapes(_XML_ENTITY.sub(replace, text))


def _rich_text(element: Element) -> str:
    """Text of a shared or inline string: plain `<t>`, or runs `<r><t>`, never `<rPh>`."""
    parts = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            for grandchild in child:
                if _local(grandchild.tag) == "t":
                    parts.append(grandchild.text or "")
    return decode_ooxml_escapes("".join(parts))


_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')


def _is_date_format(code: str) -> bool:
    """Does a custom number format show dates or times (d, m, y, h, s outside quotes)?"""
    if not code:
        return False
    bare = _FORMAT_NOISE.sub("", code.split(";", 1)[0]).lower()
    return any(letter in bare for letter in "dmyhs")


__all__ = ["XlsxTable", "column_index", "column_letters"]
