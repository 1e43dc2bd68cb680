"""Posters readable at any map size, measured on the produced PDFs: the smallest text in points
(pdfminer.six: font size times the text matrix and CTM), the thinnest line, the title block
sized by the paper, the emotion curve at 1,000 cards, custom paper orientation, and the notes
the CLI gives.

The maps (40-card example; generated 150, 300 and 1,000 cards) and their posters on A0-A3 are
made once per test session and shared by every test here.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import pytest

from journeymap_desktop.cli import main
from journeymap_desktop.export import OptionsError, PdfOptions, export_pdf
from journeymap_desktop.export.draw import MIN_LINE_PT
from journeymap_desktop.export.legibility import choose
from journeymap_desktop.export.pdf import ExportResult
from journeymap_desktop.layout.density import Density
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.storage import load_map, save_map
from tests.pdf_probe import TextSize, paint_ops
from tests.pdf_probe import text_sizes as read_text_sizes
from tests.test_pdf_support import MM

SIZES = (40, 150, 300, 1000)
PAPERS = ("A0", "A1", "A2", "A3")
HERE = Path(__file__).resolve().parent
Posters = dict[tuple[int, str], tuple[Path, ExportResult]]


@cache
def text_sizes(path: Path) -> list[TextSize]:
    """pdfminer.six reads each poster once per session (it is the slow part here)."""
    return read_text_sizes(path)


def smallest_inside_trim(path: Path) -> float:
    return min(t.size for t in text_sizes(path) if t.inside_trim)


@cache
def _journey(cards: int) -> JourneyMap:
    if cards == 40:
        from journeymap_desktop.resources import examples_dir

        return load_map(examples_dir() / "grocery-delivery.journeymap")
    spec = importlib.util.spec_from_file_location("make_map", HERE.parent / "benchmarks"
                                                  / "make_map.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_map(cards)  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def posters(tmp_path_factory: pytest.TempPathFactory) -> Posters:
    folder = tmp_path_factory.mktemp("posters")
    made = {}
    for cards in SIZES:
        for paper in PAPERS:
            out = folder / f"{cards}-{paper}.pdf"
            made[(cards, paper)] = (out, export_pdf(_journey(cards), out,
                                                    PdfOptions(paper=paper)))
    return made


@pytest.mark.parametrize("cards", SIZES)
@pytest.mark.parametrize("paper", PAPERS)
def test_smallest_text_as_printed(posters: Posters,
                                  cards: int, paper: str) -> None:
    path, result = posters[(cards, paper)]
    smallest = smallest_inside_trim(path)
    # What the export reports is what pdfminer reads off the page.
    assert smallest == pytest.approx(result.smallest_text_pt, abs=0.05)
    needs = [note for note in result.notes if "pt needs" in note]
    if smallest >= 9.0 - 0.01:
        assert not needs
    else:
        # Even titles alone cannot reach 9 pt here: the poster is as large as the paper
        # allows (titles only) and the note says what would hold it.
        assert result.density == Density.TITLES.value
        assert len(needs) == 1
    if cards <= 150 and paper in ("A0", "A1"):
        assert smallest >= 9.0 - 0.01
    if cards == 300 and paper == "A0":
        assert smallest >= 9.0 - 0.01


@pytest.mark.parametrize("cards", SIZES)
def test_denser_maps_show_briefer_cards(
        posters: Posters, cards: int) -> None:
    order = [d.value for d in (Density.FULL, Density.COMPACT, Density.TITLES)]
    ranks = [order.index(posters[(cards, paper)][1].density) for paper in PAPERS]
    assert ranks == sorted(ranks), "smaller paper, never richer cards"


@pytest.mark.parametrize("cards", SIZES)
def test_no_line_is_thinner_than_a_quarter_point(
        posters: Posters, cards: int) -> None:
    for paper in ("A0", "A3"):
        widths = [p.width for p in paint_ops(posters[(cards, paper)][0]) if p.kind == "stroke"]
        assert widths
        assert min(widths) >= MIN_LINE_PT - 0.005


def test_the_title_block_is_sized_by_the_paper_not_the_map(
        posters: Posters) -> None:
    for paper in PAPERS:
        sizes = set()
        for cards in SIZES:
            path = posters[(cards, paper)][0]
            found = text_sizes(path)
            sizes.add(round(max(t.size for t in found if t.inside_trim), 2))
        assert len(sizes) == 1, f"{paper}: the map title prints at {sizes}"
    a0 = max(t.size for t in text_sizes(posters[(1000, "A0")][0]))
    a3 = max(t.size for t in text_sizes(posters[(1000, "A3")][0]))
    assert a0 > 1.5 * a3 > 1.5 * 24


def test_the_emotion_curve_is_summarised_per_stage_when_points_crowd() -> None:
    measurer = FontMeasurer()
    big = choose(_journey(1000), measurer, PdfOptions(paper="A2"))
    small = choose(_journey(40), measurer, PdfOptions(paper="A0"))
    assert big.mood_by_stage
    assert not small.mood_by_stage
    from journeymap_desktop.layout.display import Face, flatten
    from journeymap_desktop.layout.picture import map_items

    faces = [i for i in flatten(map_items(big.layout, _journey(1000), mood_by_stage=True))
             if isinstance(i, Face) and i.radius > 10]
    assert len(faces) == len(_journey(1000).stages)


def test_the_advice_names_paper_and_tiles(posters: Posters) -> None:
    notes = " ".join(posters[(1000, "A0")][1].notes)
    assert "9 pt needs a " in notes and "A0 sheets" in notes and "--tile A3" in notes
    notes = " ".join(posters[(300, "A2")][1].notes)
    assert "9 pt needs A0 paper" in notes


def test_following_the_advice_gives_the_minimum(
        posters: Posters, tmp_path: Path) -> None:
    import re

    note = next(n for n in posters[(1000, "A0")][1].notes if "pt needs" in n)
    paper = re.search(r"--paper (\d+x\d+mm)", note)
    assert paper
    out = tmp_path / "big.pdf"
    result = export_pdf(_journey(1000), out, PdfOptions(paper=paper.group(1)))
    assert result.smallest_text_pt >= 9.0 - 0.01
    assert not [n for n in result.notes if "pt needs" in n]


@pytest.mark.parametrize(("paper", "trim_mm"), [("841x300mm", (841, 300)),
                                                 ("300x841mm", (300, 841))])
def test_a_custom_paper_keeps_its_orientation(small_map: JourneyMap, tmp_path: Path,
                                              paper: str, trim_mm: tuple[float, float]) -> None:
    result = export_pdf(small_map, tmp_path / "custom.pdf", PdfOptions(paper=paper))
    x0, y0, x1, y1 = result.boxes[0].trim
    assert (x1 - x0, y1 - y0) == pytest.approx((trim_mm[0] * MM, trim_mm[1] * MM), abs=0.5)


@pytest.mark.parametrize("value", [5.9, 0, -1, 100])
def test_the_minimum_text_size_has_bounds(value: float) -> None:
    with pytest.raises(OptionsError, match="smallest text size"):
        PdfOptions(min_text_pt=value)


def test_min_text_is_kept(small_map: JourneyMap, tmp_path: Path) -> None:
    out = tmp_path / "big-text.pdf"
    result = export_pdf(small_map, out, PdfOptions(paper="A1", min_text_pt=14))
    assert smallest_inside_trim(out) >= 14 - 0.01
    assert result.smallest_text_pt >= 14 - 0.01


def test_the_cli_names_cards_with_characters_no_font_draws(
        small_map: JourneyMap, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    small_map.cards[0].title = "Party 🎉 time"
    small_map.cards[1].body = "Ask in 日本語 and 한국어"
    path = tmp_path / "glyphs.journeymap"
    save_map(small_map, path, keep_backup=False)
    assert main(["export", str(path), "-o", str(tmp_path / "x.pdf")]) == 0
    err = capsys.readouterr().err
    line = next(line for line in err.splitlines() if "no bundled font" in line)
    assert 'card "Party 🎉 time" (🎉)' in line
    assert f'card "{small_map.cards[1].title}"' in line and "한" in line
    assert "日" not in line, "Japanese is drawn by the CJK fallback"


def test_cli_notes_escape_control_characters(small_map: JourneyMap, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    small_map.cards[0].title = "Evil \x1b[31mred\u202e 🎉"
    path = tmp_path / "evil.journeymap"
    save_map(small_map, path, keep_backup=False)
    assert main(["export", str(path), "-o", str(tmp_path / "x.pdf")]) == 0
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\u202e" not in err
    assert "\\x1b[31mred\\u202e" in err
