"""The geometry of a laid-out map: plain data the canvas and the PDF both draw from."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.shapes import Cubic, Point
from journeymap_desktop.layout.theme import FontRole


@dataclass(slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def centre(self) -> Point:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def contains(self, x: float, y: float) -> bool:
        return self.x <= x < self.right and self.y <= y < self.bottom

    def translated(self, dx: float, dy: float) -> Rect:
        return Rect(self.x + dx, self.y + dy, self.w, self.h)


@dataclass(frozen=True, slots=True)
class TextLine:
    """One line of text: `x` is its left edge, `baseline` where the glyphs sit."""

    text: str
    x: float
    baseline: float
    role: FontRole
    width: float

    def translated(self, dx: float, dy: float) -> TextLine:
        return TextLine(self.text, self.x + dx, self.baseline + dy, self.role, self.width)


@dataclass(frozen=True, slots=True)
class CardContent:
    """A card's inner arrangement, relative to its top-left corner (so a move keeps it)."""

    height: float
    kind_label: TextLine | None  # None on brief cards (layout.density)
    marker_centre: Point
    marker_radius: float
    channel_label: TextLine | None
    star_centre: Point | None
    title: tuple[TextLine, ...]
    body: tuple[TextLine, ...]
    meta: TextLine | None  # owner and tags
    face_centre: Point | None
    emotion_label: TextLine | None
    # The shown curve's value as a face tone (theme.face_tone), None without a value.
    face_tone: float | None
    face_as_dot: bool  # the scale's marks are plain dots
    vote_dots: tuple[Point, ...]
    votes_more: TextLine | None
    title_truncated: bool
    body_truncated: bool
    # What the card rests on (layout.card_depth): the confidence badge ("none", "some",
    # "strong"; None at the titles-only density), its centre and word (full cards only).
    badge: str | None = None
    badge_centre: Point | None = None
    badge_label: TextLine | None = None
    # A metric lane's card: its figure ("41%") and what, where from, when.
    figure: TextLine | None = None
    figure_caption: TextLine | None = None
    # A quote lane's card: the quote (in place of the title) and who said it where.
    quote_caption: TextLine | None = None


@dataclass(slots=True)
class CardBox:
    card_id: str
    rect: Rect
    content: CardContent


@dataclass(slots=True)
class StageBox:
    stage_id: str
    index: int
    header: Rect
    column: Rect  # the whole column below the header
    name: tuple[TextLine, ...]
    description: tuple[TextLine, ...]
    colour: str
    card_columns: int = 1  # cards side by side in this stage's cells


@dataclass(slots=True)
class LaneBox:
    lane_id: str
    index: int
    kind: str
    header: Rect
    row: Rect  # the row right of the header, across every stage
    title: tuple[TextLine, ...]
    kind_label: TextLine | None


@dataclass(slots=True)
class CurvePoint:
    card_id: str
    stage_id: str
    value: float  # on the map's scale
    tone: float  # the face's tone (theme.face_tone)
    centre: Point
    label: TextLine | None
    # A patch of the column's own colour behind the word, so the line never runs through it.
    label_box: Rect | None = None
    label_fill: str = theme.Role.CANVAS  # a colour role


@dataclass(frozen=True, slots=True)
class CurveStyle:
    """How one curve is drawn: its colour (by persona), its dash (by scenario), and whether it
    is the active curve (faces and words at its points; the others get small dots)."""

    curve_id: str
    name: str  # curves.curve_name: what the legend and the chooser call it
    colour: str  # a colour role (theme.Role.persona_curve)
    dash: tuple[float, ...] | None  # None: solid (as-is)
    active: bool = False


@dataclass(slots=True)
class CurveTrace:
    """One shown curve across the band: its points in journey order, its line, and the band
    of its evidence (one closed outline per run of neighbouring points whose values carry a
    distribution: the quartiles q1..q3 around the line)."""

    style: CurveStyle
    points: list[CurvePoint]
    segments: list[Cubic]
    spreads: list[tuple[Cubic, ...]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class CurveKey:
    """One row of the emotions lane header's key: a stretch of the curve's line from x0 to
    x1 at y, and its name."""

    style: CurveStyle
    x0: float
    x1: float
    y: float
    name: TextLine


@dataclass(slots=True)
class EmotionBand:
    lane_id: str
    rect: Rect
    level_y: dict[int, float]  # every level of the map's scale -> its guide's y
    points: list[CurvePoint]  # the active curve's (what faces, labels and drags use)
    segments: list[Cubic]
    level_tones: dict[int, float] = field(default_factory=dict)  # level -> its face's tone
    neutral: int | None = None  # the middle level, drawn as a darker baseline
    marks: str = "faces"  # the scale's marks: "faces" or "dots"
    # Every shown curve, the active one last (drawn on top); empty without curves.
    traces: list[CurveTrace] = field(default_factory=list)
    # With two curves or more: which line is which, in the lane header (bottom up).
    key: list[CurveKey] = field(default_factory=list)

    @property
    def active_trace(self) -> CurveTrace | None:
        return next((trace for trace in self.traces if trace.style.active), None)


@dataclass(frozen=True, slots=True)
class BlueprintLabel:
    line: TextLine
    stage_id: str  # the label's patch takes this stage's column colour


@dataclass(frozen=True, slots=True)
class BlueprintRule:
    """One line across the grid at `y` (the boundary of two lanes), from x0 to x1."""

    name: str  # "Line of interaction", "Line of visibility", "Line of internal interaction"
    y: float
    x0: float
    x1: float
    labels: tuple[BlueprintLabel, ...]


@dataclass(frozen=True, slots=True)
class DropTarget:
    stage_id: str
    lane_id: str
    index: int
    indicator: tuple[float, float, float, float]  # x1, y1, x2, y2 of the insertion line


@dataclass(slots=True)
class MapLayout:
    width: float
    height: float
    grid: Rect  # stage headers + lane rows, without the lane header column
    corner: Rect
    corner_title: tuple[TextLine, ...]
    stages: list[StageBox]
    lanes: list[LaneBox]
    cards: dict[str, CardBox]
    cells: dict[tuple[str, str], list[str]]
    bands: list[EmotionBand] = field(default_factory=list)
    captions: bool = True  # caption-sized text is shown (layout.density.captions)
    blueprint: list[BlueprintRule] = field(default_factory=list)  # layout.blueprint

    def stage_box(self, stage_id: str) -> StageBox:
        return next(s for s in self.stages if s.stage_id == stage_id)

    def lane_box(self, lane_id: str) -> LaneBox:
        return next(lane for lane in self.lanes if lane.lane_id == lane_id)

    def cell_rect(self, stage_id: str, lane_id: str) -> Rect:
        stage = self.stage_box(stage_id)
        lane = self.lane_box(lane_id)
        return Rect(stage.column.x, lane.row.y, stage.column.w, lane.row.h)

    def stage_at(self, x: float) -> StageBox | None:
        if not self.stages or x < self.stages[0].header.x or x >= self.stages[-1].header.right:
            return None
        index = bisect.bisect_right([s.header.x for s in self.stages], x) - 1
        return self.stages[index]

    def lane_at(self, y: float) -> LaneBox | None:
        if not self.lanes or y < self.lanes[0].row.y or y >= self.lanes[-1].row.bottom:
            return None
        index = bisect.bisect_right([lane.row.y for lane in self.lanes], y) - 1
        return self.lanes[index]

    def drop_target(self, x: float, y: float) -> DropTarget | None:
        """Where cards dropped at (x, y) would go: a cell, an index in it, and the line that
        shows it (between two stacked cards, or beside a card when cards sit side by side)."""
        stage = self.stage_at(x)
        lane = self.lane_at(y)
        if stage is None or lane is None:
            return None
        card_ids = self.cells.get((stage.stage_id, lane.lane_id), [])
        boxes = [self.cards[cid] for cid in card_ids]
        x1 = stage.column.x + theme.CELL_PAD_X
        gap = theme.CARD_GAP / 2
        if not boxes:
            top = lane.row.y + self.band_offset(lane.lane_id) + theme.CELL_PAD_Y - gap
            return DropTarget(stage.stage_id, lane.lane_id, 0,
                              (x1, top, x1 + theme.CARD_WIDTH, top))
        per_row = max(1, stage.card_columns)
        rows = [boxes[i:i + per_row] for i in range(0, len(boxes), per_row)]
        row_index = next((r for r, row in enumerate(rows)
                          if y < max(b.rect.bottom for b in row) + gap), None)
        if row_index is None:  # below the last row
            last = rows[-1]
            if len(last) < per_row:
                edge = last[-1].rect
                return DropTarget(stage.stage_id, lane.lane_id, len(boxes),
                                  _beside(edge.right + gap, edge))
            line_y = max(b.rect.bottom for b in last) + gap
            return DropTarget(stage.stage_id, lane.lane_id, len(boxes),
                              (x1, line_y, x1 + theme.CARD_WIDTH, line_y))
        row = rows[row_index]
        if per_row == 1:
            box = row[0].rect
            before = y < box.y + box.h / 2
            index = row_index + (0 if before else 1)
            line_y = box.y - gap if before else box.bottom + gap
            if not before and row_index + 1 < len(rows):
                line_y = (box.bottom + rows[row_index + 1][0].rect.y) / 2
            return DropTarget(stage.stage_id, lane.lane_id, index,
                              (x1, line_y, x1 + theme.CARD_WIDTH, line_y))
        column = sum(1 for b in row if b.rect.x + b.rect.w / 2 < x)
        index = row_index * per_row + column
        if column < len(row):
            edge = row[column].rect
            return DropTarget(stage.stage_id, lane.lane_id, index, _beside(edge.x - gap, edge))
        edge = row[-1].rect
        return DropTarget(stage.stage_id, lane.lane_id, index, _beside(edge.right + gap, edge))

    def band_offset(self, lane_id: str) -> float:
        """Height of the emotion curve band at the top of an emotions lane, else 0."""
        for band in self.bands:
            if band.lane_id == lane_id:
                return band.rect.h
        return 0.0

    def stage_insert_index(self, x: float) -> int:
        """Where a dragged stage header lands: before the first column whose middle is right
        of x (an index into the stage list as it is during the drag)."""
        return sum(1 for s in self.stages if s.header.x + s.header.w / 2 < x)

    def lane_insert_index(self, y: float) -> int:
        return sum(1 for lane in self.lanes if lane.row.y + lane.row.h / 2 < y)


def _beside(x: float, box: Rect) -> tuple[float, float, float, float]:
    """A vertical insertion line at x, as tall as the card beside it."""
    return (x, box.y, x, box.bottom)
