"""One picture: the canvas, the PDF, the SVG and the PNG draw the same display list, measured
by the same measurer, so lines break at the same words everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from journeymap_desktop.export import PdfOptions, export_pdf, export_png, export_svg
from journeymap_desktop.export.pdf import layout_map
from journeymap_desktop.layout import picture
from journeymap_desktop.layout.display import Group, Item, Text, flatten
from journeymap_desktop.layout.geometry import MapLayout
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.resources import example_maps
from journeymap_desktop.storage import load_map
from tests.helpers.maps import unicode_map
from tests.test_examples_and_generator import _load_generator

EXAMPLES = {path.stem: path for path in example_maps()}


def _scene(journey: JourneyMap) -> Any:
    """The canvas's scene for a map (what a window shows), without a window."""
    from journeymap_desktop.app import create_application
    from journeymap_desktop.canvas.scene import JourneyScene
    from journeymap_desktop.document import JourneyDocument

    create_application()
    return JourneyScene(JourneyDocument(journey))


def _text_of(layout: MapLayout) -> dict[str, object]:
    """Every line of text the layout wrapped or cut, by what it belongs to."""
    found: dict[str, object] = {}
    for card_id, box in layout.cards.items():
        c = box.content
        lines = [*c.title, *c.body, c.kind_label, c.channel_label, c.meta, c.emotion_label,
                 c.votes_more]
        found[card_id] = ([line.text if line else None for line in lines], c.title_truncated,
                          c.body_truncated, c.height)
    for stage in layout.stages:
        found[stage.stage_id] = [line.text for line in (*stage.name, *stage.description)]
    for lane in layout.lanes:
        found[lane.lane_id] = [line.text for line in lane.title]
    for band in layout.bands:
        found[f"curve {band.lane_id}"] = [p.label.text if p.label else None
                                         for p in band.points]
    found["corner"] = [line.text for line in layout.corner_title]
    return found


@pytest.mark.parametrize("source", [*EXAMPLES, "generated-150", "generated-1000", "unicode"])
def test_screen_and_paper_break_lines_at_the_same_words(source: str, qapp: Any) -> None:
    if source.startswith("generated-"):
        journey = _load_generator().make_map(int(source.split("-")[1]), seed=11)
    elif source == "unicode":
        journey = unicode_map()
    else:
        journey = load_map(EXAMPLES[source])
    on_screen = _scene(journey).layout
    on_paper = layout_map(journey)
    screen, paper = _text_of(on_screen), _text_of(on_paper)
    different = [key for key in screen if screen[key] != paper.get(key)]
    assert different == [], f"{len(different)} of {len(screen)} wrap differently"
    assert (on_screen.width, on_screen.height) == (on_paper.width, on_paper.height)


def test_the_one_measurer_reads_the_widths_pdf_viewers_use() -> None:
    """The PDF's font dictionaries list reportlab's widths: the TTF parser must agree with
    them to the last digit, character by character, in every bundled face."""
    from reportlab.pdfbase import pdfmetrics

    from journeymap_desktop.export import fonts
    from journeymap_desktop.layout import typeface

    fonts.register_fonts()
    for name, face in typeface.faces().items():
        fonts.ensure(name)  # the CJK face is registered when first used
        theirs = pdfmetrics.getFont(name).face
        assert {code: glyph for code, glyph in theirs.charToGlyph.items()
                if code != 0xFFFF} == face.glyphs
        assert all(face.widths[code] == pytest.approx(theirs.charWidths[code], abs=1e-9)
                   for code in face.glyphs)
        assert (face.ascent, face.descent) == (theirs.ascent, theirs.descent)


def test_qt_draws_the_glyphs_the_measurer_measured(qapp: Any) -> None:
    from journeymap_desktop.layout import typeface
    from journeymap_desktop.painter.render import renderer

    text = "Zażółć gęślą jaźń — “quotes” €5 Ωμέγα Привет"
    runs = renderer().glyph_runs(text, False, 12.0)
    assert len(runs) == 1
    face = typeface.face(typeface.PRIMARY_REGULAR)
    assert runs[0].glyphIndexes() == runs[0].rawFont().glyphIndexesForString(text)
    assert runs[0].glyphIndexes() == [face.glyphs[ord(ch)] for ch in text]
    last = runs[0].positions()[-1].x() + face.widths[ord(text[-1])] * 12 / 1000
    assert last == pytest.approx(face.advance(text, 12.0))


# ----- what the renderers receive ---------------------------------------------------------------
def _record(monkeypatch: pytest.MonkeyPatch, target: Any, name: str,
            seen: list[list[Item]], argument: int = 0) -> None:
    original = getattr(target, name)

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(list(args[argument]))
        return original(*args, **kwargs)

    monkeypatch.setattr(target, name, recording)


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_pdf_svg_and_png_receive_the_same_display_list(example: str, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from journeymap_desktop.export import draw, image, svg
    from journeymap_desktop.painter import image as painter_image

    journey = load_map(EXAMPLES[example])
    pdf: list[list[Item]] = []
    svg_lists: list[list[Item]] = []
    png: list[list[Item]] = []
    _record(monkeypatch, draw.PdfRenderer, "draw", pdf, argument=1)
    _record(monkeypatch, svg, "svg_document", svg_lists)
    _record(monkeypatch, painter_image, "render_png", png)
    # Full cards, as the files show them (a poster may choose briefer cards to stay legible).
    export_pdf(journey, tmp_path / "poster.pdf", PdfOptions(paper="A1", min_text_pt=6))
    export_svg(journey, tmp_path / "poster.svg")
    export_png(journey, tmp_path / "poster.png", dpi=20)
    assert len(svg_lists) == len(png) == 1
    # Files have no page under the picture: they get a background box first, nothing else.
    assert svg_lists[0] == png[0]
    assert svg_lists[0] == image.poster_picture(journey).items
    # On paper the header (title block, legend, rule) is sized by the paper and drawn as a
    # list of its own; the map is the very same list as in the files.
    assert len(pdf) == 2
    header, paper_map = pdf
    file_map = svg_lists[0][-1]
    assert isinstance(file_map, Group)
    assert paper_map == list(file_map.items)

    def words(items: list[Item]) -> list[str]:
        return " ".join(i.text for i in flatten(items) if isinstance(i, Text)).split()

    def kinds(items: list[Item]) -> list[str]:
        return sorted(type(i).__name__ for i in flatten(items) if not isinstance(i, Text))

    # The paper's header is sized by the paper, the file's by the map, so lines may wrap and
    # cut elsewhere; but every word the file shows whole is on paper too, and the legend has
    # the same marks.
    file_words = {w for w in words(svg_lists[0][1:-1]) if not w.endswith("…")}
    assert file_words <= set(words(header)), file_words - set(words(header))
    assert kinds(header) == kinds(svg_lists[0][1:-1])
    texts = [item.text for item in flatten(svg_lists[0]) if isinstance(item, Text)]
    assert journey.cards[0].title.split()[0] in " ".join(texts)


def _canvas_items(scene: Any) -> list[Item]:
    """What the canvas's items draw at 100 % with nothing selected or hovered, in the order
    the map's display list has it."""
    items: list[Item] = list(scene.grid_item.items)
    headers = [scene.stage_items[s.stage_id].picture for s in scene.layout.stages]
    headers.append(scene.corner_item.picture)
    headers += [scene.lane_items[lane.lane_id].picture for lane in scene.layout.lanes]
    for header in headers:
        items += header.background
    for band in scene.layout.bands:
        items += scene.curve_items[band.lane_id].display_items(1.0)
    for card_id, box in scene.layout.cards.items():
        items.append(Group(box.rect.x, box.rect.y,
                           scene.card_items[card_id].display_items(1.0)))
    for header in headers:
        items += header.words
    return items


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_the_canvas_draws_the_map_the_pdf_draws(example: str, qapp: Any) -> None:
    journey = load_map(EXAMPLES[example])
    scene = _scene(journey)
    on_paper = picture.map_items(layout_map(journey), journey)
    on_screen = _canvas_items(scene)
    assert len(on_screen) == len(on_paper)
    assert on_screen == on_paper
