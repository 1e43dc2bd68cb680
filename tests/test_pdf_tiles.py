"""Tiled posters: read back from the PDF which part of the poster each sheet prints."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from journeymap_desktop.export import PdfOptions, export_pdf, plan_pages
from journeymap_desktop.export.pdf import layout_map
from journeymap_desktop.model.map import JourneyMap
from tests.helpers.pdf import MM, normalised, page_texts

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1


def _printed_windows(path: Path) -> tuple[list[Rect], set[str]]:
    """For each sheet after the guide: the part of the poster it shows, in poster points
    (its clip rectangle moved back by the translation applied before the poster form)."""
    reader = PdfReader(path)
    windows: list[Rect] = []
    forms: set[str] = set()
    for page in reader.pages[1:]:
        ops = ContentStream(page.get_contents(), reader).operations
        clip: Rect | None = None
        shift = (0.0, 0.0)
        for i, (operands, op) in enumerate(ops):
            if op == b"re" and i + 1 < len(ops) and ops[i + 1][1] in (b"W", b"W*"):
                x, y, w, h = (float(v) for v in operands)
                clip = (x, y, x + w, y + h)
            elif op == b"cm" and clip is not None:
                shift = (float(operands[4]), float(operands[5]))
            elif op == b"Do" and clip is not None:
                forms.add(str(operands[0]))
                dx, dy = shift
                windows.append((clip[0] - dx, clip[1] - dy, clip[2] - dx, clip[3] - dy))
                break
    return windows, forms


def _covers(windows: list[Rect], width: float, height: float) -> bool:
    """Every cell of the grid made by all window edges inside the poster is covered (edges
    within 0.01 pt, the file's rounding, count as one)."""
    def edges(values: set[float], end: float) -> list[float]:
        merged: list[float] = []
        for v in sorted(v for v in values if -0.01 < v < end + 0.01):
            if not merged or v - merged[-1] > 0.01:
                merged.append(v)
        return merged

    xs = edges({0.0, width, *(v for w in windows for v in (w[0], w[2]))}, width)
    ys = edges({0.0, height, *(v for w in windows for v in (w[1], w[3]))}, height)
    for x0, x1 in itertools.pairwise(xs):
        for y0, y1 in itertools.pairwise(ys):
            cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
            if not any(w[0] - 0.01 <= cx <= w[2] + 0.01 and w[1] - 0.01 <= cy <= w[3] + 0.01
                       for w in windows):
                return False
    return True


@pytest.mark.parametrize(("poster", "sheet", "overlap"), [
    ("A0", "A4", 10.0), ("A2", "A3", 0.0), ("A1", "Letter", 20.0),
])
def test_tiles_cover_the_whole_poster_with_the_overlap(small_map: JourneyMap, tmp_path: Path,
                                                       poster: str, sheet: str,
                                                       overlap: float) -> None:
    out = tmp_path / "tiles.pdf"
    options = PdfOptions(paper=poster, tile=sheet, overlap_mm=overlap)
    result = export_pdf(small_map, out, options)
    layout = layout_map(small_map)
    plan = plan_pages((layout.width, layout.height), options)
    reader = PdfReader(out)
    assert len(reader.pages) == result.pages == len(plan)

    windows, forms = _printed_windows(out)
    assert len(forms) == 1, "every sheet places the same poster form"
    assert len(windows) == len(plan) - 1
    guide = plan[0]
    width, height = guide.content.width / guide.scale, guide.content.height / guide.scale
    assert _covers(windows, width, height)

    # Neighbours share exactly `overlap` of poster (where both sheets are inside it).
    by_cell = {(t.row, t.column): w for t, w in zip(plan[1:], windows, strict=True)}
    for (row, column), window in by_cell.items():
        right = by_cell.get((row, column + 1))
        if right is not None:
            assert window[2] - right[0] == pytest.approx(overlap * MM, abs=0.01)
        below = by_cell.get((row + 1, column))
        if below is not None:
            assert below[3] - window[1] == pytest.approx(overlap * MM, abs=0.01)

    sheet_w, sheet_h = sorted(float(v) for v in reader.pages[1].mediabox[2:])
    expected = sorted(v * MM for v in {"A4": (210, 297), "A3": (297, 420),
                                       "Letter": (215.9, 279.4)}[sheet])
    assert sheet_w == pytest.approx(expected[0], abs=0.5)
    assert sheet_h == pytest.approx(expected[1], abs=0.5)


def test_sheets_are_labelled_and_the_guide_explains_the_assembly(small_map: JourneyMap,
                                                                  tmp_path: Path) -> None:
    out = tmp_path / "tiles.pdf"
    export_pdf(small_map, out, PdfOptions(paper="A1", tile="A4", overlap_mm=10))
    texts = [normalised(t) for t in page_texts(out)]
    guide, sheets = texts[0], texts[1:]
    total = len(sheets)
    assert "Assembly guide" in guide
    assert f"on {total} A4 sheets" in guide and "10 mm overlap" in guide
    assert re.search(r"\bA1\b", guide) and re.search(rf"\b{_last_label(total, guide)}\b", guide)
    for number, text in enumerate(sheets, start=1):
        assert f"sheet {number} of {total}" in text
    assert "B2 sheet" in sheets[_index_of(sheets, "B2")]
    assert "row B, column 2" in sheets[_index_of(sheets, "B2")]


def _index_of(sheets: list[str], label: str) -> int:
    return next(i for i, text in enumerate(sheets) if text.startswith(label + " ")
                or f" {label} sheet" in text or text.find(f"{label} sheet") >= 0)


def _last_label(total: int, guide: str) -> str:
    match = re.search(r"(\d+) rows? × (\d+) columns?", guide)
    assert match
    rows, columns = int(match.group(1)), int(match.group(2))
    assert rows * columns == total
    return f"{chr(ord('A') + rows - 1)}{columns}"


def test_tiles_cost_little_more_than_the_poster(small_map: JourneyMap, tmp_path: Path) -> None:
    poster = export_pdf(small_map, tmp_path / "poster.pdf", PdfOptions(paper="A0"))
    tiles = export_pdf(small_map, tmp_path / "tiles.pdf", PdfOptions(paper="A0", tile="A4"))
    assert tiles.pages > 10
    # The poster is drawn once; each sheet adds only its marks and labels.
    assert tiles.file_size < poster.file_size + 3000 * tiles.pages
