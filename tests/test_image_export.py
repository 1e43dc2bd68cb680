"""SVG and PNG exports: text as text in the bundled fonts, words where the canvas puts them,
map text as data, the sizes asked for, and the command line choosing by suffix."""

from __future__ import annotations

import base64
import math
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from journeymap_desktop.cli import main
from journeymap_desktop.export import ExportError, export_png, export_svg
from journeymap_desktop.export.image import poster_picture
from journeymap_desktop.export.svg import number, svg_document
from journeymap_desktop.layout import typeface
from journeymap_desktop.layout.display import Group, Text
from journeymap_desktop.model.map import Card, JourneyMap
from journeymap_desktop.resources import example_maps, font_path
from journeymap_desktop.storage import load_map, save_map
from tests.helpers.maps import unicode_map

SVG = "{http://www.w3.org/2000/svg}"
EXAMPLE = example_maps()[0]


def _lines_as_drawn(items: Any) -> Any:
    for item in items:
        if isinstance(item, Group):
            yield from _lines_as_drawn(item.items)
        elif isinstance(item, Text):
            yield item


def _texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


@pytest.fixture
def map_file(small_map: JourneyMap, tmp_path: Path) -> Path:
    path = tmp_path / "journey.journeymap"
    save_map(small_map, path, keep_backup=False)
    return path


# ----- SVG ---------------------------------------------------------------------------------------
def test_svg_keeps_text_as_text_in_the_bundled_fonts(tmp_path: Path) -> None:
    journey = load_map(EXAMPLE)
    out = tmp_path / "map.svg"
    result = export_svg(journey, out)
    assert result.kind == "svg" and result.file_size == out.stat().st_size
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.findtext(f"{SVG}title") == journey.title
    texts = " ".join(_texts(root))
    for card in journey.cards:
        assert card.title.split()[0] in texts  # searchable: the words are there as text
    assert "Noto Sans" in root.get("font-family", "")
    style = root.findtext(f"{SVG}style") or ""
    fonts = re.findall(r"font-family:'([^']+)';font-weight:(\d+).*?base64,([A-Za-z0-9+/=]+)",
                       style)
    assert {(family, weight) for family, weight, _ in fonts} >= {("Noto Sans", "400"),
                                                                 ("Noto Sans", "700")}
    assert "font-kerning:none" in style


def test_the_embedded_fonts_keep_their_metrics_and_only_the_glyphs_drawn(
        tmp_path: Path) -> None:
    out = tmp_path / "map.svg"
    export_svg(load_map(EXAMPLE), out)
    style = ET.parse(out).getroot().findtext(f"{SVG}style") or ""
    data = re.search(r"font-weight:400.*?base64,([A-Za-z0-9+/=]+)", style)
    assert data is not None
    subset = tmp_path / "subset.ttf"
    subset.write_bytes(base64.b64decode(data.group(1)))
    original = typeface.face(typeface.PRIMARY_REGULAR)
    read = typeface.read_face("subset", subset, original.family, False)
    assert read.glyphs == original.glyphs and read.widths == original.widths
    assert (read.ascent, read.descent) == (original.ascent, original.descent)
    assert subset.stat().st_size < original.path.stat().st_size / 4
    from reportlab.pdfbase.ttfonts import TTFontFile

    TTFontFile(str(subset), validate=1)  # checksums and tables are in order


def test_svg_words_sit_where_the_canvas_draws_them(qapp: Any) -> None:
    """Every word of every line starts at the x of its first glyph on the canvas."""
    from journeymap_desktop.painter.render import renderer

    journey = load_map(EXAMPLE)
    items = poster_picture(journey).items
    root = ET.fromstring(svg_document(items, 100, 100, "t").encode("utf-8"))
    lines = list(_lines_as_drawn(items))  # in group coordinates, as the SVG has them
    elements = list(root.iter(f"{SVG}text"))
    assert len(elements) == len(lines)
    for line, element in zip(lines, elements, strict=True):
        assert element.get("y") == number(line.baseline)
        spans = list(element.iter(f"{SVG}tspan"))
        starts = [0]
        for span in spans[:-1]:
            starts.append(starts[-1] + len(span.text or ""))
        positions = [p.x() for run in renderer().glyph_runs(line.text, line.bold, line.size)
                     for p in run.positions()]
        for span, start in zip(spans, starts, strict=True):
            assert abs(float(span.get("x", "nan")) - (line.x + positions[start])) < 0.006


def test_map_text_is_data_in_svg(tmp_path: Path, small_map: JourneyMap) -> None:
    hostile = '<script>alert("x")</script> & ]]> <!-- --> \x01\x0b'
    small_map.title = hostile
    small_map.cards.append(Card(id="h", stage_id=small_map.stages[0].id,
                                lane_id=small_map.lanes[0].id, order=9, title=hostile,
                                body="<b>R&D</b> &amp; \ufffe"))
    out = tmp_path / "hostile.svg"
    export_svg(small_map, out)
    root = ET.parse(out).getroot()  # well-formed XML whatever the map says
    assert not list(root.iter(f"{SVG}script")) and not list(root.iter("script"))
    texts = _texts(root)
    assert '<script>alert("x")</script> & ]]> <!-- -->' in root.findtext(f"{SVG}title", "")
    assert any(t.startswith("<b>R&D</b> &amp;") for t in texts)


def test_right_to_left_lines_keep_their_words_for_screen_readers(tmp_path: Path) -> None:
    out = tmp_path / "rtl.svg"
    export_svg(unicode_map(), out)
    root = ET.parse(out).getroot()
    labels = [e.get("aria-label") for e in root.iter(f"{SVG}text") if e.get("aria-label")]
    titles = {card.title for card in unicode_map().cards}
    assert any(label in titles and "ש" in label for label in labels if label)


def _rendered_by(tool: str, svg: Path, png: Path, width: int, height: int) -> None:
    env = dict(os.environ)
    conf = svg.parent / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><include ignore_missing="yes">'
                    f'/etc/fonts/fonts.conf</include><dir>{font_path("").parent}</dir>'
                    f'<cachedir>{svg.parent / "fc"}</cachedir></fontconfig>')
    env["FONTCONFIG_FILE"] = str(conf)
    if tool == "rsvg-convert":
        command = ["rsvg-convert", "-w", str(width), "-h", str(height), str(svg), "-o",
                   str(png)]
    else:
        command = [tool, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                   f"--window-size={width},{height}", f"--screenshot={png}",
                   svg.as_uri()]
    subprocess.run(command, env=env, capture_output=True, timeout=120, check=True)


@pytest.mark.skipif(not (shutil.which("rsvg-convert") and shutil.which("chromium")),
                    reason="needs rsvg-convert and chromium")
def test_chromium_and_rsvg_draw_the_svg_alike(tmp_path: Path, qapp: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage

    svg = tmp_path / "map.svg"
    result = export_svg(load_map(EXAMPLE), svg)
    width, height = math.ceil(result.width), math.ceil(result.height)
    images = {}
    for tool in ("rsvg-convert", "chromium"):
        png = tmp_path / f"{tool}.png"
        _rendered_by(tool, svg, png, width, height)
        images[tool] = QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8)
    a, b = images["rsvg-convert"], images["chromium"]
    assert (a.width(), a.height()) == (b.width(), b.height()) == (width, height)
    # Average the ink in cells of 16 × 16 pixels: the same words in the same places give
    # the same grey in every cell (measured here: at most 0.03 apart; letters in another
    # font, or words shifted, make cells 0.3 or more apart).
    cells = [image.scaled(width // 16, height // 16, Qt.AspectRatioMode.IgnoreAspectRatio,
                          Qt.TransformationMode.SmoothTransformation) for image in (a, b)]
    worst = max(abs(cells[0].pixelColor(x, y).value() - cells[1].pixelColor(x, y).value())
                for x in range(cells[0].width()) for y in range(cells[0].height())) / 255
    assert worst < 0.08, f"the two renderings differ by {worst:.3f} in a 16-pixel cell"


# ----- PNG ---------------------------------------------------------------------------------------
def test_png_has_the_size_and_resolution_asked_for(tmp_path: Path, qapp: Any) -> None:
    from PySide6.QtGui import QColor, QImage

    journey = load_map(EXAMPLE)
    picture = poster_picture(journey)
    out = tmp_path / "map.png"
    result = export_png(journey, out, dpi=72)
    image = QImage(str(out))
    assert (image.width(), image.height()) == (math.ceil(picture.width),
                                               math.ceil(picture.height))
    assert (result.width, result.height) == (image.width(), image.height())
    assert round(image.dotsPerMeterX() * 0.0254) == 72
    assert image.pixelColor(2, 2).name() == QColor("#F6F6F3").name()
    doubled = export_png(journey, tmp_path / "map2.png", dpi=144)
    assert abs(doubled.width - 2 * result.width) <= 1


def test_a_png_too_large_is_refused_in_one_line_and_not_written(tmp_path: Path) -> None:
    out = tmp_path / "huge.png"
    with pytest.raises(ExportError) as caught:
        export_png(load_map(EXAMPLE), out, dpi=1200)
    assert "\n" not in str(caught.value) and "dpi or less" in str(caught.value)
    assert not out.exists() and not list(tmp_path.iterdir())


# ----- the command line ----------------------------------------------------------------------
def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "journeymap_desktop", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, check=False)


def test_export_picks_the_format_by_suffix(map_file: Path, tmp_path: Path, qapp: Any,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    # (qapp: in a test session the PNG export reuses the test's QApplication; alone, as in
    # `journeymap export`, it makes a display-less QGuiApplication of its own.)
    assert main(["export", str(map_file), "-o", str(tmp_path / "out.svg")]) == 0
    assert ET.parse(tmp_path / "out.svg").getroot().tag == f"{SVG}svg"
    assert main(["export", str(map_file), "-o", str(tmp_path / "out.PNG")]) == 0
    assert (tmp_path / "out.PNG").read_bytes().startswith(b"\x89PNG")
    assert "150 dpi" in capsys.readouterr().out
    assert main(["export", str(map_file), "-o", str(tmp_path / "low.png"), "--dpi", "50"]) == 0
    assert "50 dpi" in capsys.readouterr().out
    assert (tmp_path / "low.png").stat().st_size < (tmp_path / "out.PNG").stat().st_size


def test_an_unknown_suffix_is_one_line_from_the_command(map_file: Path, tmp_path: Path) -> None:
    result = _run("export", str(map_file), "-o", "x.docx", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "'.docx'" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize(("output", "extra", "message"), [
    ("x.docx", [], "'.docx'"),
    ("poster", [], "no suffix"),
    ("x.svg", ["--paper", "A1"], "--paper applies to PDF only"),
    ("x.png", ["--handout", "--cmyk"], "--cmyk, --handout apply to PDF only"),
    ("x.pdf", ["--dpi", "300"], "--dpi applies to PNG"),
    ("x.png", ["--dpi", "5"], "between 10 and 1200 dpi"),
])
def test_export_refuses_in_one_line_and_writes_nothing(
        map_file: Path, tmp_path: Path, output: str, extra: list[str], message: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    before = set(tmp_path.iterdir())
    assert main(["export", str(map_file), "-o", str(tmp_path / output), *extra]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err
    assert set(tmp_path.iterdir()) == before


@pytest.mark.parametrize(("given", "written"), [
    ("plan", "plan.journeymap"), ("plan.v2", "plan.v2.journeymap"),
    ("Plan.JourneyMap", "Plan.JourneyMap"),
])
def test_new_adds_the_journeymap_suffix(tmp_path: Path, given: str, written: str,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "-o", str(tmp_path / given)]) == 0
    assert load_map(tmp_path / written).stages
    assert [p.name for p in tmp_path.iterdir()] == [written]
    assert written in capsys.readouterr().out
