"""The map itself, drawn from the shared MapLayout exactly as the canvas draws it.

Every position comes from the layout (absolute for stages, lanes and bands; relative to the
card's top-left inside a card). Shapes go first, layer by layer as the canvas stacks its items,
then all text in one text object on top: nothing overlaps text in the layout, so the result
looks the same and the PDF is far smaller and faster to write.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.pdfgen.canvas import Canvas

from journeymap_desktop.export import pdfops
from journeymap_desktop.export.colours import Palette, mix
from journeymap_desktop.export.draw import Shapes, TextLayer
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.geometry import CardBox, EmotionBand, MapLayout
from journeymap_desktop.model.map import Card, JourneyMap

LANE_SCALE_FACE_RADIUS = 7.0  # the little emotion scale in the emotions lane's header
SHADOW_ALPHA = 22 / 255  # the canvas's card shadow, as a solid tint (print has no alpha here)
SHADOW_OFFSET = 1.5
FACE_RADII = (float(theme.FACE_RADIUS_CARD), float(theme.FACE_RADIUS_CURVE),
              LANE_SCALE_FACE_RADIUS)

Progress = Callable[[float], None]


class MapPainter:
    def __init__(self, canvas: Canvas, palette: Palette, shapes: Shapes, scale: float) -> None:
        self.c = canvas
        self.palette = palette
        self.shapes = shapes
        # Screen hairlines are one device pixel; on paper keep them visible but fine.
        self.hairline = max(0.75, 0.25 / max(scale, 1e-6))

    # ----- helpers ----------------------------------------------------------------------------
    def _fill(self, colour: str) -> None:
        self.c.setFillColor(self.palette(colour))

    def _stroke(self, colour: str, width: float) -> None:
        self.c.setStrokeColor(self.palette(colour))
        self.c.setLineWidth(width)

    def _rect(self, x: float, y: float, w: float, h: float, colour: str) -> None:
        self._fill(colour)
        self.c.rect(x, y, w, h, stroke=0, fill=1)

    # ----- the map ----------------------------------------------------------------------------
    def draw(self, layout: MapLayout, journey: JourneyMap, background: bool = False,
             progress: Progress | None = None) -> None:
        c = self.c
        if background:
            self._rect(0, 0, layout.width, layout.height, theme.CANVAS_BACKGROUND)
        c.setLineCap(0)
        c.setDash([])
        self._grid(layout)
        self._headers(layout)
        for band in layout.bands:
            self._band(layout, band)
        self._cards(layout, journey, progress)
        text = TextLayer(c, self.palette)
        self._header_text(layout, text)
        for band in layout.bands:
            for point in band.points:
                text.line(point.label, theme.INK_SOFT)
        self._card_text(layout, journey, text)
        text.flush()

    def _grid(self, layout: MapLayout) -> None:
        for stage in layout.stages:
            col = stage.column
            self._rect(col.x, col.y, col.w, col.h, theme.stage_column_fill(stage.colour))
        lines = [(s.column.x, s.column.y, s.column.x, s.column.bottom) for s in layout.stages]
        if layout.stages:
            last = layout.stages[-1].column
            lines.append((last.right, last.y, last.right, last.bottom))
        lines += [(lane.row.x, lane.row.bottom, lane.row.right, lane.row.bottom)
                  for lane in layout.lanes]
        self._hairlines(lines)

    def _hairlines(self, lines: list[tuple[float, float, float, float]]) -> None:
        if lines:
            self.c.addLiteral(f"{self.palette.stroke_op(theme.GRID_LINE)} "
                              f"{self.hairline:.3f} w 0 J {pdfops.lines(lines)} S")

    def _headers(self, layout: MapLayout) -> None:
        lines: list[tuple[float, float, float, float]] = []
        for stage in layout.stages:
            h = stage.header
            self._rect(h.x, h.y, h.w, h.h, theme.stage_header_fill(stage.colour))
            self._rect(h.x, h.y, h.w, theme.STAGE_BAND, stage.colour)
            lines += [(h.x, h.y, h.x, h.bottom), (h.x, h.bottom, h.right, h.bottom)]
        corner = layout.corner
        self._rect(corner.x, corner.y, corner.w, corner.h, theme.CORNER_FILL)
        lines += [(corner.x, corner.y, corner.right, corner.y),
                  (corner.x, corner.bottom, corner.right, corner.bottom),
                  (corner.x, corner.y, corner.x, corner.bottom),
                  (corner.right, corner.y, corner.right, corner.bottom)]
        for lane in layout.lanes:
            h = lane.header
            self._rect(h.x, h.y, h.w, h.h, theme.LANE_HEADER_FILL)
            lines += [(h.x, h.y, h.right, h.y), (h.x, h.bottom, h.right, h.bottom),
                      (h.right, h.y, h.right, h.bottom)]
        self._hairlines(lines)

    def _band(self, layout: MapLayout, band: EmotionBand) -> None:
        c = self.c
        rect = band.rect
        for level, y in band.level_y.items():
            # Qt's DashLine: dashes of 4 and gaps of 2 pen widths.
            width = 1.2 if level == 0 else 1.0
            self._stroke(theme.BASELINE_COLOUR if level == 0 else theme.GRID_LINE, width)
            c.setDash([4 * width, 2 * width])
            c.line(rect.x, y, rect.right, y)
        c.setDash([])
        if band.segments:
            self._stroke(theme.CURVE_COLOUR, theme.CURVE_WIDTH)
            c.setLineCap(1)
            c.setLineJoin(1)
            path = c.beginPath()
            path.moveTo(*band.segments[0].start)
            for segment in band.segments:
                path.curveTo(*segment.control1, *segment.control2, *segment.end)
            c.drawPath(path, stroke=1, fill=0)
            c.setLineCap(0)
        for point in band.points:
            if point.label_box is not None:
                box = point.label_box
                self._fill(point.label_fill)
                c.roundRect(box.x, box.y, box.w, box.h, 3, stroke=0, fill=1)
        for point in band.points:
            self.shapes.face(point.centre, theme.FACE_RADIUS_CURVE, point.level)
        lane = layout.lane_box(band.lane_id)
        for level, y in band.level_y.items():
            self.shapes.face((lane.header.right - 16, y), LANE_SCALE_FACE_RADIUS, level)

    def _cards(self, layout: MapLayout, journey: JourneyMap, progress: Progress | None) -> None:
        column_fill = {s.stage_id: theme.stage_column_fill(s.colour) for s in layout.stages}
        by_id = {card.id: card for card in journey.cards}
        total = max(1, len(layout.cards))
        for index, box in enumerate(layout.cards.values()):
            card = by_id.get(box.card_id)
            if card is None:
                continue
            self._card(box, card, column_fill.get(card.stage_id, theme.CANVAS_BACKGROUND))
            if progress is not None and index % 250 == 249:
                progress(index / total)

    def _card(self, box: CardBox, card: Card, behind: str) -> None:
        r = box.rect
        content = box.content
        palette = self.palette
        outline = pdfops.round_rect(r.x, r.y, r.w, r.h, theme.CARD_RADIUS)
        shadow = pdfops.round_rect(r.x, r.y + SHADOW_OFFSET, r.w, r.h, theme.CARD_RADIUS)
        bar = pdfops.rect(r.x, r.y, theme.CARD_MARKER_WIDTH + 0.5, r.h)
        # Shadow, card (fill and border), then the kind bar clipped to the rounded outline.
        self.c.addLiteral(
            f"{palette.fill_op(mix(behind, '#000000', SHADOW_ALPHA))} {shadow} f "
            f"{palette.fill_op(theme.card_fill(card.colour))} "
            f"{palette.stroke_op(theme.CARD_BORDER)} 0.75 w {outline} b "
            f"q {outline} W n {palette.fill_op(theme.KIND_COLOURS[card.kind])} {bar} f Q "
            f"q {pdfops.translate(r.x, r.y)}"
        )
        shapes = self.shapes
        shapes.kind_marker(card.kind, content.marker_centre, content.marker_radius)
        if content.star_centre is not None:
            shapes.star(content.star_centre, 6)
        if content.face_centre is not None and card.emotion is not None:
            shapes.face(content.face_centre, theme.FACE_RADIUS_CARD, card.emotion)
        if content.vote_dots:
            shapes.dots(content.vote_dots, theme.VOTE_DOT_RADIUS, theme.VOTE_COLOUR)
        self.c.addLiteral("Q")

    # ----- text -------------------------------------------------------------------------------
    def _header_text(self, layout: MapLayout, text: TextLayer) -> None:
        text.lines(layout.corner_title, theme.INK)
        for stage in layout.stages:
            text.lines(stage.name, theme.INK)
            text.lines(stage.description, theme.INK_SOFT)
        for lane in layout.lanes:
            text.lines(lane.title, theme.INK)
            text.line(lane.kind_label, theme.INK_FAINT)

    def _card_text(self, layout: MapLayout, journey: JourneyMap, text: TextLayer) -> None:
        by_id = {card.id: card for card in journey.cards}
        for box in layout.cards.values():
            card = by_id.get(box.card_id)
            if card is None:
                continue
            content = box.content
            dx, dy = box.rect.x, box.rect.y
            text.line(content.kind_label, theme.KIND_INK[card.kind], dx, dy)
            text.line(content.channel_label, theme.INK_SOFT, dx, dy)
            text.lines(content.title, theme.INK, dx, dy)
            text.lines(content.body, theme.INK_SOFT, dx, dy)
            text.line(content.meta, theme.INK_FAINT, dx, dy)
            text.line(content.emotion_label, theme.INK_SOFT, dx, dy)
            text.line(content.votes_more, theme.INK_SOFT, dx, dy)
