"""The one-page poster, checked the way a print shop's preflight checks it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from journeymap_desktop import __version__
from journeymap_desktop.export import Cancelled, ExportError, PdfOptions, export_pdf, layout_map
from journeymap_desktop.export.frame import poster_frame
from journeymap_desktop.export.marks import MARK_WIDTH
from journeymap_desktop.export.plan import plan_poster
from journeymap_desktop.model.map import JourneyMap
from tests.helpers.maps import RTL_TITLES, SYMBOL_TITLES, UNICODE_TITLES, unicode_map
from tests.helpers.pdf import MM, all_text, box, fonts, normalised, operators

TOLERANCE = 0.5  # points


def _close(actual: tuple[float, ...], expected: tuple[float, ...]) -> bool:
    return all(abs(a - e) <= TOLERANCE for a, e in zip(actual, expected, strict=True))


@pytest.mark.parametrize(
    ("paper", "orientation", "bleed", "trim_mm"),
    [
        ("A0", "portrait", 0.0, (841, 1189)),
        ("A1", "landscape", 3.0, (841, 594)),
        ("A3", "portrait", 5.0, (297, 420)),
        ("Letter", "landscape", 0.0, (279.4, 215.9)),
        ("ARCH-D", "landscape", 3.0, (914.4, 609.6)),
        ("600x400mm", "landscape", 2.0, (600, 400)),
    ],
)
def test_boxes_are_exact(small_map: JourneyMap, tmp_path: Path, paper: str, orientation: str,
                         bleed: float, trim_mm: tuple[float, float]) -> None:
    out = tmp_path / "poster.pdf"
    options = PdfOptions(paper=paper, orientation=orientation, bleed_mm=bleed)  # type: ignore[arg-type]
    result = export_pdf(small_map, out, options)
    page = PdfReader(out).pages[0]
    w, h = trim_mm[0] * MM, trim_mm[1] * MM
    b = bleed * MM
    assert _close(box(page, "/TrimBox"), (b, b, b + w, b + h))
    assert _close(box(page, "/MediaBox"), (0, 0, w + 2 * b, h + 2 * b))
    assert _close(box(page, "/BleedBox"), (0, 0, w + 2 * b, h + 2 * b))
    assert result.pages == 1
    assert _close(result.boxes[0].trim, (b, b, b + w, b + h))


def test_crop_marks_without_bleed_grow_the_media_not_the_trim(small_map: JourneyMap,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "marks.pdf"
    export_pdf(small_map, out, PdfOptions(paper="A2", orientation="portrait", crop_marks=True))
    page = PdfReader(out).pages[0]
    x0, y0, x1, y1 = box(page, "/TrimBox")
    assert _close((x1 - x0, y1 - y0), (420 * MM, 594 * MM))
    mx0, my0, mx1, my1 = box(page, "/MediaBox")
    assert x0 - mx0 >= 10 * MM - TOLERANCE  # room for the marks outside the trim
    assert _close((mx1 - x1, my1 - y1), (x0 - mx0, y0 - my0))
    assert _close(box(page, "/BleedBox"), (x0, y0, x1, y1))
    # The marks themselves: short strokes that start outside the trim, none inside it.
    strokes = _line_segments(out)
    assert len(strokes) == 8, "two marks at each corner"
    for sx0, sy0, sx1, sy1 in strokes:
        inside_x = x0 < min(sx0, sx1) and max(sx0, sx1) < x1
        inside_y = y0 < min(sy0, sy1) and max(sy0, sy1) < y1
        assert not (inside_x and inside_y)


def _line_segments(path: Path) -> list[tuple[float, float, float, float]]:
    """Strokes of the crop marks' hairline width on the page itself (not in forms)."""
    reader = PdfReader(path)
    segments = []
    start: tuple[float, float] | None = None
    width = 1.0
    for operands, op in ContentStream(reader.pages[0].get_contents(), reader).operations:
        if op == b"w":
            width = float(operands[0])
        elif op == b"m":
            start = (float(operands[0]), float(operands[1]))
        elif op == b"l" and start is not None and abs(width - MARK_WIDTH) < 1e-6:
            segments.append((*start, float(operands[0]), float(operands[1])))
    return segments


def test_auto_orientation_picks_the_larger_scale(small_map: JourneyMap) -> None:
    layout = layout_map(small_map)
    size = (layout.width, layout.height)
    auto = plan_poster(size, PdfOptions(paper="A1"))
    landscape = plan_poster(size, PdfOptions(paper="A1", orientation="landscape"))
    portrait = plan_poster(size, PdfOptions(paper="A1", orientation="portrait"))
    assert auto.scale == max(landscape.scale, portrait.scale)
    assert auto.landscape == (landscape.scale >= portrait.scale)
    # The art is never cut off: it sits inside the safe margins of the trim.
    w, h = auto.trim_size
    frame = poster_frame(*size)
    assert auto.art.x0 >= auto.safe_margin - 1e-6 and auto.art.y0 >= auto.safe_margin - 1e-6
    assert auto.art.x1 <= w - auto.safe_margin + 1e-6
    assert auto.art.y1 <= h - auto.safe_margin + 1e-6
    assert auto.art.width == pytest.approx(frame.width * auto.scale)


def test_every_font_is_embedded_and_no_base14_font_sneaks_in(tmp_path: Path) -> None:
    out = tmp_path / "fonts.pdf"
    export_pdf(unicode_map(), out, PdfOptions(paper="A2"))
    used = fonts(out)
    assert used
    for name, font in used.items():
        descriptor = font["/FontDescriptor"]
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
        assert "+" in name, f"{name} is not a subset"
    names = " ".join(used)
    assert "NotoSans" in names and "DejaVuSans" in names  # the fallback drew the symbols
    assert "Helvetica" not in names and "Times" not in names


def test_every_card_title_is_real_searchable_text(tmp_path: Path) -> None:
    out = tmp_path / "text.pdf"
    journey = unicode_map()
    export_pdf(journey, out, PdfOptions(paper="A1"))
    text = all_text(out)
    for title in (*UNICODE_TITLES, "Done ✓ → next"):
        assert normalised(title) in text, title
    assert "Ünïcödé & <map>" in text  # the title block prints the map title literally
    assert "Persona: Zoë" in text


def test_right_to_left_and_missing_glyphs_keep_the_words_as_actual_text(
        tmp_path: Path) -> None:
    out = tmp_path / "rtl.pdf"
    export_pdf(unicode_map(), out, PdfOptions(paper="A1"))
    marked = [operands for operands, op in operators(out) if op == b"BDC"]
    actual = {str(props["/ActualText"]) for _, props in marked}  # type: ignore[index]
    for title in RTL_TITLES:
        assert title in actual
    assert SYMBOL_TITLES[1] in actual  # the emoji became a box on paper, but not in the text


@pytest.mark.parametrize("options", [
    PdfOptions(paper="A2", cmyk=True, bleed_mm=3, crop_marks=True),
    PdfOptions(paper="A1", cmyk=True, tile="A3"),
    PdfOptions(cmyk=True, handout=True),
])
def test_cmyk_has_no_rgb_or_grey_operators(tmp_path: Path, options: PdfOptions) -> None:
    out = tmp_path / "cmyk.pdf"
    export_pdf(unicode_map(), out, options)
    ops = {op for _, op in operators(out)}
    assert b"k" in ops and b"K" in ops
    assert not ops & {b"rg", b"RG", b"g", b"G", b"sc", b"SC", b"scn", b"SCN", b"cs", b"CS"}


def test_rgb_export_uses_rgb(small_map: JourneyMap, tmp_path: Path) -> None:
    out = tmp_path / "rgb.pdf"
    export_pdf(small_map, out, PdfOptions(paper="A3"))
    ops = {op for _, op in operators(out)}
    assert b"rg" in ops and b"k" not in ops


def test_metadata(small_map: JourneyMap, tmp_path: Path) -> None:
    out = tmp_path / "meta.pdf"
    small_map.meta.author = "Ana Kowalska"
    export_pdf(small_map, out, PdfOptions(paper="A1"))
    info = PdfReader(out).metadata
    assert info is not None
    assert info.title == small_map.title
    assert info.author == "Ana Kowalska"
    assert "poster" in (info.subject or "")
    assert info.creator == f"JourneyMap Desktop {__version__}"


def test_long_text_is_cut_with_an_ellipsis_inside_its_card(tmp_path: Path) -> None:
    from journeymap_desktop.export.draw import text_width
    from journeymap_desktop.layout import theme

    journey = unicode_map()
    journey.cards[0].body = "Lorem ipsum dolor sit amet " * 80
    journey.cards[0].title = "Averyveryverylongwordwithoutanyspacesthatmustbebrokensomewhere" * 2
    layout = layout_map(journey)
    card_box = layout.cards[journey.cards[0].id]
    content = card_box.content
    assert content.body_truncated and content.body[-1].text.endswith("…")
    for line in (*content.title, *content.body):
        spec = theme.FONTS[line.role]
        right = line.x + text_width(line.text, spec.size, spec.bold)
        assert right <= theme.CARD_WIDTH - theme.CARD_PAD + 0.01
    out = tmp_path / "cut.pdf"
    export_pdf(journey, out, PdfOptions(paper="A1"))
    assert content.body[-1].text in all_text(out)


def test_export_pulls_in_no_qt() -> None:
    code = ("import sys; import journeymap_desktop.export as e; e.export_pdf; e.plan_pages; "
            "import journeymap_desktop.export.cli, journeymap_desktop.export.handout, "
            "journeymap_desktop.export.tiles; "
            "assert not [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_a_failed_export_leaves_the_old_file_and_no_temp(small_map: JourneyMap,
                                                         tmp_path: Path) -> None:
    out = tmp_path / "keep.pdf"
    out.write_bytes(b"%PDF-old")

    def explode(fraction: float) -> None:
        if fraction > 0.2:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        export_pdf(small_map, out, PdfOptions(paper="A1"), progress=explode)
    assert out.read_bytes() == b"%PDF-old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.pdf"]


def test_cancelling_writes_nothing(small_map: JourneyMap, tmp_path: Path) -> None:
    out = tmp_path / "cancelled.pdf"
    seen: list[float] = []

    def cancel_half_way(fraction: float) -> bool:
        seen.append(fraction)
        return fraction < 0.5

    with pytest.raises(Cancelled):
        export_pdf(small_map, out, PdfOptions(paper="A1", tile="A4"), progress=cancel_half_way)
    assert not list(tmp_path.iterdir())
    assert seen == sorted(seen) and seen[0] == 0.0


def test_progress_runs_from_zero_to_one(small_map: JourneyMap, tmp_path: Path) -> None:
    seen: list[float] = []
    export_pdf(small_map, tmp_path / "p.pdf", PdfOptions(), progress=seen.append)
    assert seen[0] == 0.0 and seen[-1] == 1.0 and seen == sorted(seen)


def test_unwritable_target_is_a_one_line_error(small_map: JourneyMap, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_pdf(small_map, tmp_path / "missing" / "x.pdf", PdfOptions())
    with pytest.raises(ExportError, match="folder"):
        export_pdf(small_map, tmp_path, PdfOptions())


def test_empty_map_still_exports(tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    result = export_pdf(JourneyMap(), out, PdfOptions(paper="A4"))
    assert result.pages == 1 and out.stat().st_size > 1000
