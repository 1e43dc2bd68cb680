"""A tiled poster: an assembly guide, then the poster cut into office-printer sheets.

The poster is drawn once into a PDF form and each sheet shows its window of it under a clip,
so twelve sheets cost hardly more than one poster, and every sheet is cut from the very same
drawing (the overlaps match to the point).
"""

from __future__ import annotations

from reportlab.lib.colors import Color

from journeymap_desktop.export import pdfops
from journeymap_desktop.export.context import ExportContext, Progress
from journeymap_desktop.export.draw import TextLayer
from journeymap_desktop.export.marks import corner_ticks, overlap_ticks
from journeymap_desktop.export.options import MM
from journeymap_desktop.export.plan import (
    ASSEMBLY_MARGIN_MM,
    Box,
    PagePlan,
    PosterPlan,
    row_label,
)
from journeymap_desktop.export.poster import draw_poster_art, prepare_poster_faces
from journeymap_desktop.layout import theme

POSTER_FORM = "jmposter"
GUIDE_COLOUR = theme.INSERTION_COLOUR  # the app's blue: the grid reads over any map colours
FORM_PROGRESS = 0.6  # drawing the poster is most of the work; placing it is cheap


def _define_poster_form(ctx: ExportContext, poster: PosterPlan, progress: Progress) -> None:
    c = ctx.canvas
    w, h = poster.trim_size
    prepare_poster_faces(ctx, poster)
    c.beginForm(POSTER_FORM, 0, 0, w, h)
    c.setFillColor(ctx.palette(theme.CANVAS_BACKGROUND))
    c.rect(0, 0, w, h, stroke=0, fill=1)
    draw_poster_art(ctx, poster, 0.0, 0.0, progress)
    c.endForm()


def _sheet_description(poster: PosterPlan, rows: int, columns: int, sheet: str,
                       overlap_mm: float) -> str:
    w, h = poster.trim_size
    return (f"{poster.paper} {poster.orientation} poster ({w / MM:.0f} × {h / MM:.0f} mm) on "
            f"{rows * columns} {sheet} sheets, {rows} row{'s' if rows != 1 else ''} × "
            f"{columns} column{'s' if columns != 1 else ''}, {overlap_mm:g} mm overlap")


INSTRUCTIONS = (
    "1. Print every sheet at actual size (100 %, not “fit to page”). The bar below must "
    "measure 100 mm.",
    "2. Lay the sheets out as shown: rows A, B, … from the top, columns 1, 2, … from the left.",
    "3. Cut off the left margin of each sheet not in column 1, and the top margin of each sheet "
    "not in row A, along the corner marks.",
    "4. Lay each cut edge on the dashed overlap marks of the sheet to its left or above, "
    "then tape or glue.",
)


def _on_guide(page: PagePlan, window: Box) -> Box:
    """A sheet's window of the poster, as drawn on the guide's miniature."""
    k, content = page.scale, page.content
    return Box(content.x0 + window.x0 * k, content.y0 + window.y0 * k,
               content.x0 + window.x1 * k, content.y0 + window.y1 * k)


def _miniature(ctx: ExportContext, page: PagePlan, tiles: list[PagePlan],
               text: TextLayer) -> None:
    """The poster small, with every sheet's outline and label over it."""
    c = ctx.canvas
    palette = ctx.palette
    content = page.content
    c.saveState()
    c.translate(content.x0, content.y0)
    c.scale(page.scale, page.scale)
    c.doForm(POSTER_FORM)
    c.restoreState()
    c.setStrokeColor(palette(theme.CARD_BORDER))
    c.setLineWidth(0.5)
    c.rect(content.x0, content.y0, content.width, content.height, stroke=1, fill=0)
    windows = [_on_guide(page, t.window) for t in tiles if t.window is not None]
    c.saveState()
    clip = c.beginPath()
    clip.rect(content.x0, content.y0, content.width, content.height)
    c.clipPath(clip, stroke=0, fill=0)
    c.setStrokeColor(palette(GUIDE_COLOUR))
    c.setLineWidth(0.75)
    for box in windows:
        c.rect(box.x0, box.y0, box.width, box.height, stroke=1, fill=0)
    c.restoreState()
    # Labels scale with the sheets on the miniature, within readable bounds.
    size = max(7.0, min(18.0, windows[0].height * 0.22))
    for tile, box in zip(tiles, windows, strict=True):
        visible = box.intersect(content)
        cx, cy = (visible.x0 + visible.x1) / 2, (visible.y0 + visible.y1) / 2
        width = text.width(tile.label, size, True)
        pad = size * 0.3
        c.setFillColor(palette("#FFFFFF"))
        c.setStrokeColor(palette(GUIDE_COLOUR))
        c.roundRect(cx - width / 2 - pad, cy - size * 0.55, width + 2 * pad, size * 1.3, 2,
                    stroke=1, fill=1)
        text.draw(tile.label, cx - width / 2, cy - size * 0.32, size, True, GUIDE_COLOUR)


def _scale_bar(ctx: ExportContext, x: float, y: float, text: TextLayer) -> None:
    """100 mm with ticks every 10 mm: the reader checks the printer did not scale."""
    c = ctx.canvas
    c.setStrokeColor(ctx.palette(theme.INK))
    c.setLineWidth(1.2)
    c.line(x, y, x + 100 * MM, y)
    c.setLineWidth(0.6)
    for mm in range(0, 101, 10):
        tick = 6 if mm in (0, 50, 100) else 3
        c.line(x + mm * MM, y, x + mm * MM, y + tick)
    text.draw("0", x - 2, y - 10, 7, False, theme.INK_SOFT)
    text.draw("100 mm", x + 100 * MM - 12, y - 10, 7, False, theme.INK_SOFT)


def _assembly_page(ctx: ExportContext, page: PagePlan, tiles: list[PagePlan],
                   poster: PosterPlan) -> None:
    c = ctx.canvas
    c.setPageSize(page.size)
    c.setTrimBox(page.trim.as_tuple())
    c.setBleedBox(page.bleed.as_tuple())
    margin = ASSEMBLY_MARGIN_MM * MM
    width = page.media.width - 2 * margin
    rows = max(t.row for t in tiles) + 1
    columns = max(t.column for t in tiles) + 1
    assert ctx.options.tile is not None
    text = TextLayer(c, ctx.palette, y_down=False)
    _miniature(ctx, page, tiles, text)

    top = page.media.height - margin
    text.draw(text.fit("Assembly guide", 20, True, width), margin, top - 20, 20, True,
              theme.INK)
    text.draw(text.fit(ctx.journey.title, 13, True, width), margin, top - 42, 13, True,
              theme.INK_SOFT)
    description = _sheet_description(poster, rows, columns, ctx.options.tile,
                                     ctx.options.overlap_mm)
    text.draw(text.fit(description, 10, False, width), margin, top - 60, 10, False,
              theme.INK_SOFT)

    y = margin + 100
    for line in INSTRUCTIONS:
        text.draw(text.fit(line, 8.5, False, width), margin, y, 8.5, False, theme.INK)
        y -= 13
    bar_y = margin + 22
    _scale_bar(ctx, margin, bar_y, text)
    note = f"This guide comes before sheet 1 of {len(tiles)}."
    text.draw(note, page.media.width - margin - text.width(note, 7, False), bar_y - 10, 7,
              False, theme.INK_SOFT)
    text.flush()
    c.showPage()


NEIGHBOUR_SIZE = 7.5
_ARROW = 2.4  # half the width of the arrow heads pointing at neighbouring sheets


def _arrow(ctx: ExportContext, x: float, y: float, dx: float, dy: float) -> None:
    """A small filled triangle at (x, y) pointing along (dx, dy), a unit axis direction.
    Drawn as a path so no symbol font has to be embedded for it."""
    tip = (x + dx * _ARROW, y + dy * _ARROW)
    side = (-dy * _ARROW, dx * _ARROW)
    back = (x - dx * _ARROW, y - dy * _ARROW)
    ctx.canvas.addLiteral(
        f"{ctx.palette.fill_op(GUIDE_COLOUR)} "
        + pdfops.polygon([tip, (back[0] + side[0], back[1] + side[1]),
                          (back[0] - side[0], back[1] - side[1])]) + " f")


def _neighbour_labels(ctx: ExportContext, text: TextLayer, sheet: tuple[float, float],
                      image: Box, around: dict[str, str]) -> None:
    """Which sheet joins on each side, with an arrow pointing at it, in the margins."""
    size = NEIGHBOUR_SIZE
    centre_x, centre_y = sheet[0] / 2, sheet[1] / 2
    gap = 2 * _ARROW + 3
    if around["top"]:
        label = around["top"]
        width = gap + text.width(label, size, True)
        x = centre_x - width / 2
        _arrow(ctx, x + _ARROW, image.y1 + 3.1 * MM, 0, 1)
        text.draw(label, x + gap, image.y1 + 2.2 * MM, size, True, GUIDE_COLOUR)
    if around["bottom"]:
        label = around["bottom"]
        width = gap + text.width(label, size, True)
        x = centre_x - width / 2
        _arrow(ctx, x + _ARROW, image.y0 - 3.65 * MM, 0, -1)
        text.draw(label, x + gap, image.y0 - 4.6 * MM, size, True, GUIDE_COLOUR)
    if around["left"]:
        label = around["left"]
        width = gap + text.width(label, size, True)
        y = centre_y - width / 2
        _arrow(ctx, image.x0 - 3.2 * MM, y + _ARROW, -1, 0)
        text.draw(label, image.x0 - 2.2 * MM, y + gap, size, True, GUIDE_COLOUR, rotate=90)
    if around["right"]:
        label = around["right"]
        width = gap + text.width(label, size, True)
        y = centre_y + width / 2
        _arrow(ctx, image.x1 + 3.2 * MM, y - _ARROW, 1, 0)
        text.draw(label, image.x1 + 2.2 * MM, y - gap, size, True, GUIDE_COLOUR, rotate=-90)


def _neighbour(tiles: dict[tuple[int, int], PagePlan], row: int, column: int) -> str:
    found = tiles.get((row, column))
    return found.label if found is not None else ""


def _sheet(ctx: ExportContext, tile: PagePlan, poster: PosterPlan, number: int, total: int,
           tiles: dict[tuple[int, int], PagePlan]) -> None:
    c = ctx.canvas
    palette = ctx.palette
    window = tile.window
    assert window is not None
    c.setPageSize(tile.size)
    c.setTrimBox(tile.trim.as_tuple())
    c.setBleedBox(tile.bleed.as_tuple())
    image = tile.content
    dx, dy = image.x0 - window.x0, image.y0 - window.y0
    pw, ph = poster.trim_size
    shown = image.intersect(Box(dx, dy, dx + pw, dy + ph))
    c.saveState()
    clip = c.beginPath()
    clip.rect(shown.x0, shown.y0, shown.width, shown.height)
    c.clipPath(clip, stroke=0, fill=0)
    c.translate(dx, dy)
    c.doForm(POSTER_FORM)
    c.restoreState()

    ink: Color = palette(theme.INK)
    corner_ticks(c, image, 1.5 * MM, 5 * MM, ink)
    row, column = tile.row, tile.column
    around = {"left": _neighbour(tiles, row, column - 1),
              "right": _neighbour(tiles, row, column + 1),
              "top": _neighbour(tiles, row - 1, column),
              "bottom": _neighbour(tiles, row + 1, column)}
    overlap = ctx.options.overlap_mm * MM
    overlap_ticks(c, image, overlap, {side: bool(name) for side, name in around.items()},
                  palette(GUIDE_COLOUR))

    # Labels sit between the cut marks and the overlap ticks, within 6 mm of the image so
    # that printers which cannot print near the paper's edge still print them.
    text = TextLayer(c, palette, y_down=False)
    inset = overlap + 3 * MM
    top_base = image.y1 + 2.5 * MM
    text.draw(tile.label, image.x0 + inset, top_base, 12, True, theme.INK)
    label_w = text.width(tile.label, 12, True)
    info = f"sheet {number} of {total} · row {row_label(row)}, column {column + 1}"
    text.draw(info, image.x0 + inset + label_w + 6, top_base, 7.5, False, theme.INK_SOFT)
    title = text.fit(ctx.journey.title, 7.5, False, image.width / 2 - inset - 30)
    text.draw(title, image.x1 - inset - text.width(title, 7.5, False), top_base, 7.5, False,
              theme.INK_FAINT)
    _neighbour_labels(ctx, text, tile.size, image, around)
    hint = (f"Cut the left and top margins at the corner marks · "
            f"{ctx.options.overlap_mm:g} mm overlap")
    hint = text.fit(hint, 6.5, False, image.width / 2 - inset - 30)
    text.draw(hint, image.x1 - inset - text.width(hint, 6.5, False), image.y0 - 4.2 * MM,
              6.5, False, theme.INK_FAINT)
    text.flush()
    c.showPage()


def write_tiles(ctx: ExportContext, pages: list[PagePlan], poster: PosterPlan,
                progress: Progress) -> None:
    _define_poster_form(ctx, poster, progress.part(0.0, FORM_PROGRESS))
    guide, tiles = pages[0], pages[1:]
    by_cell = {(t.row, t.column): t for t in tiles}
    _assembly_page(ctx, guide, tiles, poster)
    rest = progress.part(FORM_PROGRESS, 1.0)
    for number, tile in enumerate(tiles, start=1):
        _sheet(ctx, tile, poster, number, len(tiles), by_cell)
        rest(number / len(tiles))
