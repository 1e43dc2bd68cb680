"""Export options and page planning: pure, shared by the export dialog and the CLI."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from journeymap_desktop.export import OptionsError, PdfOptions, plan_pages
from journeymap_desktop.export.options import (
    HANDOUT_PAPER_NAMES,
    MAX_PAGE_PT,
    MM,
    PAPER_NAMES,
    TILE_PAPER_NAMES,
    parse_paper,
)
from journeymap_desktop.export.plan import print_margin

SIZE = (1400.0, 1100.0)  # a typical map layout, in layout units


@pytest.mark.parametrize(("text", "name", "size"), [
    ("A0", "A0", (841, 1189)),
    ("a4", "A4", (210, 297)),
    ("letter", "Letter", (215.9, 279.4)),
    ("TABLOID", "Tabloid", (279.4, 431.8)),
    ("arch-e", "ARCH-E", (914.4, 1219.2)),
    ("600x400mm", "600x400mm", (600, 400)),
    (" 600 × 400.5 MM ", "600x400.5mm", (600, 400.5)),
])
def test_paper_names(text: str, name: str, size: tuple[float, float]) -> None:
    paper = parse_paper(text)
    assert paper.name == name
    assert (paper.width_mm, paper.height_mm) == size


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"paper": "B7"}, 'unknown paper "B7"'),
    ({"paper": "10x400mm"}, "too small"),
    ({"paper": "6000x400mm"}, "larger than PDF allows"),
    ({"orientation": "diagonal"}, "unknown orientation"),
    ({"bleed_mm": -1}, "bleed must be between 0 and 20 mm"),
    ({"bleed_mm": math.nan}, "bleed must be a number"),
    ({"overlap_mm": 80, "tile": "A4"}, "overlap must be between 0 and 50 mm"),
    ({"tile": "A2"}, 'cannot tile on "A2" sheets'),
    ({"handout": True, "paper": "A1"}, "handouts print on A4 or Letter, not A1"),
    ({"handout": True, "tile": "A4"}, "cannot be tiled"),
    ({"handout": True, "orientation": "landscape"}, "handouts are portrait"),
    ({"tile": "A4", "bleed_mm": 3}, "not tiled posters"),
    ({"handout": True, "crop_marks": True}, "not handouts"),
    ({"cmyk": "yes"}, "cmyk must be true or false"),
])
def test_bad_options_are_one_line_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(OptionsError) as caught:
        PdfOptions(**kwargs)  # type: ignore[arg-type]
    text = str(caught.value)
    assert message in text
    assert "\n" not in text


def test_defaults_and_names() -> None:
    assert PdfOptions().paper_name == "A1"
    assert PdfOptions(handout=True).paper_name == "A4"
    assert PdfOptions(paper="a3").paper == "A3"
    assert PdfOptions(tile="letter").tile == "Letter"
    assert PAPER_NAMES[:5] == ("A0", "A1", "A2", "A3", "A4")
    assert set(TILE_PAPER_NAMES) <= set(PAPER_NAMES)
    assert set(HANDOUT_PAPER_NAMES) <= set(PAPER_NAMES)


@given(
    paper=st.sampled_from([*PAPER_NAMES, "700x500mm", None]),
    orientation=st.sampled_from(["auto", "landscape", "portrait"]),
    bleed=st.floats(0, 20),
    crop_marks=st.booleans(),
    cmyk=st.booleans(),
)
def test_settings_round_trip(paper: str | None, orientation: str, bleed: float,
                             crop_marks: bool, cmyk: bool) -> None:
    options = PdfOptions(paper=paper, orientation=orientation,  # type: ignore[arg-type]
                         bleed_mm=bleed, crop_marks=crop_marks, cmyk=cmyk)
    assert PdfOptions.from_dict(options.to_dict()) == options


def test_stale_settings_fall_back_to_defaults() -> None:
    assert PdfOptions.from_dict_or_default({"paper": "B9"}) == PdfOptions()
    assert PdfOptions.from_dict_or_default("nonsense") == PdfOptions()
    future = {**PdfOptions(paper="A2").to_dict(), "a_future_setting": 1}
    assert PdfOptions.from_dict(future) == PdfOptions(paper="A2")


def test_poster_plan_with_bleed_and_marks() -> None:
    options = PdfOptions(paper="A1", orientation="landscape", bleed_mm=3, crop_marks=True)
    (page,) = plan_pages(SIZE, options)
    outer = print_margin(options)
    assert page.trim.width == pytest.approx(841 * MM)
    assert page.trim.height == pytest.approx(594 * MM)
    assert page.trim.x0 == pytest.approx(outer)
    assert page.bleed.x0 == pytest.approx(outer - 3 * MM)
    assert page.media.width == pytest.approx(841 * MM + 2 * outer)
    # The art lies inside the trim, never cut off.
    assert page.trim.x0 < page.content.x0 and page.content.x1 < page.trim.x1
    assert page.trim.y0 < page.content.y0 and page.content.y1 < page.trim.y1


def test_pages_larger_than_200_inches_are_refused() -> None:
    limit_mm = MAX_PAGE_PT / MM
    with pytest.raises(OptionsError, match="larger than PDF allows"):
        plan_pages(SIZE, PdfOptions(paper=f"{limit_mm - 1:.0f}x1000mm", bleed_mm=5))


@pytest.mark.parametrize(("poster", "sheet", "overlap"), [
    ("A0", "A4", 10.0), ("A1", "A3", 0.0), ("ARCH-E", "Letter", 25.0), ("A3", "A4", 5.0),
    ("1500x700mm", "A4", 12.5),
])
def test_tiles_cover_the_poster_with_the_asked_overlap(poster: str, sheet: str,
                                                       overlap: float) -> None:
    pages = plan_pages(SIZE, PdfOptions(paper=poster, tile=sheet, overlap_mm=overlap))
    guide, tiles = pages[0], pages[1:]
    assert guide.kind == "assembly" and all(t.kind == "tile" for t in tiles)
    rows = max(t.row for t in tiles) + 1
    columns = max(t.column for t in tiles) + 1
    assert len(tiles) == rows * columns
    assert guide.label == f"{rows}x{columns}"
    poster_w, poster_h = (guide.content.width / guide.scale, guide.content.height / guide.scale)
    windows = {(t.row, t.column): t.window for t in tiles}
    for (row, column), window in windows.items():
        assert window is not None
        # Printed at 1:1 into the sheet's image area.
        tile = next(t for t in tiles if (t.row, t.column) == (row, column))
        assert window.width == pytest.approx(tile.content.width)
        assert window.height == pytest.approx(tile.content.height)
        right = windows.get((row, column + 1))
        if right is not None:
            assert window.x1 - right.x0 == pytest.approx(overlap * MM)
        below = windows.get((row + 1, column))
        if below is not None:
            assert below.y1 - window.y0 == pytest.approx(overlap * MM)
    # No gap: the first windows start at the poster's top-left, the last reach past its edges.
    assert windows[(0, 0)].x0 == pytest.approx(0)  # type: ignore[union-attr]
    assert windows[(0, 0)].y1 == pytest.approx(poster_h)  # type: ignore[union-attr]
    assert windows[(rows - 1, columns - 1)].x1 >= poster_w - 1e-6  # type: ignore[union-attr]
    assert windows[(rows - 1, columns - 1)].y0 <= 1e-6  # type: ignore[union-attr]
    labels = [t.label for t in tiles]
    assert labels[0] == "A1" and len(set(labels)) == len(labels)


def test_too_many_tiles_is_a_clear_error() -> None:
    with pytest.raises(OptionsError, match="sheets; the limit is"):
        plan_pages(SIZE, PdfOptions(paper="5000x5000mm", tile="A4"))


def test_handout_plan_is_portrait_with_the_map_inside_the_margins() -> None:
    (page,) = plan_pages(SIZE, PdfOptions(handout=True, paper="Letter"))
    assert page.kind == "handout_overview"
    assert page.media.width == pytest.approx(215.9 * MM)
    assert page.media.height == pytest.approx(279.4 * MM)
    assert page.content.x0 > 0 and page.content.x1 < page.media.width
    assert page.content.width == pytest.approx(SIZE[0] * page.scale)


def test_same_options_same_plan() -> None:
    """The dialog and the CLI share this function: equal options give equal geometry."""
    a = PdfOptions(paper="A0", tile="A3", overlap_mm=8)
    b = PdfOptions.from_dict(a.to_dict())
    assert plan_pages(SIZE, a) == plan_pages(SIZE, b)
