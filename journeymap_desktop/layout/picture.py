"""What a laid-out map looks like, as display lists: the one place that decides it.

The canvas items draw the parts (each card its own card's items, relative to its corner; the
grid, the headers and the emotion curve theirs), the PDF, SVG and PNG the whole map from
`map_items`. Both go through the functions below, so a card, a face or a header looks the same
on screen and on paper.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from journeymap_desktop.layout import far, theme
from journeymap_desktop.layout.card_depth import BADGE_RADIUS, BRIEF_BADGE_RADIUS
from journeymap_desktop.layout.display import (
    Area,
    Bar,
    Box,
    Curve,
    Dots,
    Face,
    Group,
    Item,
    Lines,
    Marker,
    Segment,
    Star,
    Text,
)
from journeymap_desktop.layout.geometry import (
    CardContent,
    CurvePoint,
    CurveStyle,
    CurveTrace,
    EmotionBand,
    LaneBox,
    MapLayout,
    Rect,
    StageBox,
    TextLine,
)
from journeymap_desktop.layout.shapes import Cubic, Point, monotone_curve
from journeymap_desktop.layout.theme import Role
from journeymap_desktop.model.map import Card, JourneyMap

CardState = Literal["normal", "hover", "selected"]

SHADOW_OFFSET = 1.5
STAR_RADIUS = 6.0
LANE_SCALE_FACE_RADIUS = 7.0  # the little emotion scale in the emotions lane's header
LABEL_PATCH_RADIUS = 3.0
RANGE_BAR_WIDTH = 10.0  # a stage's spread of feelings when the curve is summarised
MOOD_FACE_RADIUS = 18.0  # one face per stage: fewer, so larger
BADGE_RING = 1.2  # the confidence badge's ring
FAR_FACE_SCALE = 0.8  # a face too small to show its expression: a dot this much smaller
# Every face radius a map uses (the PDF defines each face once per radius, as a form).
FACE_RADII = (float(theme.FACE_RADIUS_CARD), float(theme.FACE_RADIUS_CURVE),
              LANE_SCALE_FACE_RADIUS, MOOD_FACE_RADIUS)

_BORDERS: dict[str, tuple[str, float]] = {
    "normal": (Role.CARD_BORDER, 0.75),
    "hover": (Role.HOVER_BORDER, 1.0),
    "selected": (Role.SELECTED, 2.0),
}


def text(line: TextLine, colour: str) -> Text:
    return Text(line.text, line.x, line.baseline, line.role, colour, line.width)


def texts(lines: tuple[TextLine, ...] | list[TextLine], colour: str) -> list[Text]:
    return [Text(line.text, line.x, line.baseline, line.role, colour, line.width)
            for line in lines]


# ----- cards -------------------------------------------------------------------------------------
def card_items(card: Card, content: CardContent, behind: str,
               state: CardState = "normal") -> tuple[Item, ...]:
    """A card, relative to its top-left corner. `behind` is the colour role of what the card
    lies on (its stage's column), for the shadow."""
    w, h = float(theme.CARD_WIDTH), content.height
    radius = theme.CARD_RADIUS
    border, border_width = _BORDERS[state]
    items: list[Item] = [
        Box(0.0, SHADOW_OFFSET, w, h, Role.shadow(behind), radius=radius),
        Box(0.0, 0.0, w, h, Role.card(card.colour), border, border_width, radius),
        Bar(0.0, 0.0, w, h, radius, theme.CARD_MARKER_WIDTH + 0.5, Role.kind(card.kind)),
        Marker(card.kind, *content.marker_centre, content.marker_radius),
    ]
    if content.kind_label is not None:
        items.append(text(content.kind_label, Role.kind_ink(card.kind)))
    if content.channel_label is not None:
        items.append(text(content.channel_label, Role.INK_SOFT))
    if content.star_centre is not None:
        items.append(Star(*content.star_centre, STAR_RADIUS))
    items += texts(content.title, Role.INK)
    items += card_depth_items(content)
    items += texts(content.body, Role.INK_SOFT)
    if content.meta is not None:
        items.append(text(content.meta, Role.INK_FAINT))
    if content.face_centre is not None and content.face_tone is not None:
        items.append(feeling_mark(*content.face_centre, float(theme.FACE_RADIUS_CARD),
                                  content.face_tone, content.face_as_dot))
        if content.emotion_label is not None:
            items.append(text(content.emotion_label, Role.INK_SOFT))
    if content.vote_dots:
        items.append(Dots(content.vote_dots, float(theme.VOTE_DOT_RADIUS), Role.VOTE))
        if content.votes_more is not None:
            items.append(text(content.votes_more, Role.INK_SOFT))
    return tuple(items)


def card_depth_items(content: CardContent) -> list[Item]:
    """What a card shows of what it rests on (layout.card_depth): its confidence badge, a
    metric lane card's figure and a quote lane card's attribution."""
    items: list[Item] = []
    if content.quote_caption is not None:
        items.append(text(content.quote_caption, Role.INK_SOFT))
    if content.figure is not None:
        items.append(text(content.figure, Role.INK))
    if content.figure_caption is not None:
        items.append(text(content.figure_caption, Role.INK_FAINT))
    if content.badge is not None and content.badge_centre is not None:
        # Full cards have a header row (and a kind label); brief ones a larger badge alone.
        radius = BADGE_RADIUS if content.kind_label is not None else BRIEF_BADGE_RADIUS
        items += confidence_badge(*content.badge_centre, radius, content.badge)
        if content.badge_label is not None:
            items.append(text(content.badge_label, Role.INK_SOFT if content.badge != "none"
                              else Role.INK_FAINT))
    return items


def confidence_badge(cx: float, cy: float, radius: float, level: str) -> list[Box | Dots]:
    """How sure a reader may be of a card, as a shape that reads in grey too: an empty ring
    (no evidence), a ring with a dot (some), a full disc (strong)."""
    if level == "strong":
        return [Dots(((cx, cy),), radius, Role.INK_SOFT)]
    ring = Box(cx - radius, cy - radius, 2 * radius, 2 * radius, None,
               Role.INK_SOFT if level == "some" else Role.INK_FAINT, BADGE_RING, radius)
    if level == "some":
        return [ring, Dots(((cx, cy),), radius * 0.45, Role.INK_SOFT)]
    return [ring]


def card_far_items(card: Card, height: float, selected: bool,
                   tone: float | None = None) -> tuple[Item, ...]:
    """A card seen from afar (its text would be a few pixels high): a plain box in its colours,
    the kind's bar, and the feeling (`tone`, CardContent.face_tone) as a patch in the corner.
    No text."""
    w = float(theme.CARD_WIDTH)
    items: list[Item] = []
    if selected:
        items.append(Box(0.0, 0.0, w, height, Role.SELECTED))
        items.append(Box(6.0, 6.0, w - 12, height - 12, Role.card(card.colour)))
    else:
        items.append(Box(0.0, 0.0, w, height, Role.card(card.colour)))
    items.append(Box(0.0, 0.0, theme.CARD_MARKER_WIDTH * 2.0, height, Role.kind(card.kind)))
    if tone is not None:
        size = min(28.0, height / 2)
        items.append(Box(w - size - 4, 4.0, size, size, Role.emotion(tone)))
    return tuple(items)


def card_title_items(card: Card, height: float, selected: bool, tone: float | None,
                     title: tuple[Text, ...], scale: float) -> tuple[Item, ...]:
    """A card seen from a distance where its own text would be too small to read: its box
    and kind bar, its title alone set larger (`title`: layout.far.title_lines at font
    `scale`), and the feeling (`tone`) as a strip down the right edge."""
    w = float(theme.CARD_WIDTH)
    border, border_width = _BORDERS["selected" if selected else "normal"]
    items: list[Item] = [
        Box(0.0, 0.0, w, height, Role.card(card.colour), border, border_width * scale,
            theme.CARD_RADIUS),
        Bar(0.0, 0.0, w, height, theme.CARD_RADIUS, theme.CARD_MARKER_WIDTH * 2.0,
            Role.kind(card.kind)),
    ]
    if tone is not None:
        strip = far.strip_width(scale)
        items.append(Box(w - strip - 1.0, 1.0, strip, height - 2.0, Role.emotion(tone)))
    items += title
    return tuple(items)


# ----- grid and headers ----------------------------------------------------------------------
def grid_items(layout: MapLayout) -> list[Item]:
    """Stage column tints and the hairlines between stages and lanes."""
    items: list[Item] = [Box(s.column.x, s.column.y, s.column.w, s.column.h,
                             Role.stage_column(s.colour)) for s in layout.stages]
    segments: list[Segment] = [(s.column.x, s.column.y, s.column.x, s.column.bottom)
                               for s in layout.stages]
    if layout.stages:
        last = layout.stages[-1].column
        segments.append((last.right, last.y, last.right, last.bottom))
    segments += [(lane.row.x, lane.row.bottom, lane.row.right, lane.row.bottom)
                 for lane in layout.lanes]
    if segments:
        items.append(Lines(tuple(segments), Role.GRID))
    items += blueprint_items(layout)
    return items


# Each blueprint line in a stroke of its own (width, dash in stroke widths): solid, dashed,
# dotted, so they differ without colour.
BLUEPRINT_STROKES: dict[str, tuple[float, tuple[float, float] | None]] = {
    "Line of interaction": (1.5, None),
    "Line of visibility": (1.5, (5.0, 2.5)),
    "Line of internal interaction": (1.5, (1.0, 2.0)),
}
BLUEPRINT_LABEL_PAD = 4.0


def blueprint_stroke(name: str, segments: tuple[Segment, ...]) -> Lines:
    width, dash = BLUEPRINT_STROKES.get(name, (1.5, None))
    return Lines(segments, Role.INK_SOFT, width, dash)


def blueprint_items(layout: MapLayout) -> list[Item]:
    """The service blueprint's lines across the grid, each named on a patch of its stage's
    column colour (so the line breaks around its name)."""
    items: list[Item] = []
    colours = {stage.stage_id: stage.colour for stage in layout.stages}
    for rule in layout.blueprint:
        items.append(blueprint_stroke(rule.name, ((rule.x0, rule.y, rule.x1, rule.y),)))
        for label in rule.labels:
            line = label.line
            height = theme.line_height(line.role)
            items.append(Box(line.x - BLUEPRINT_LABEL_PAD, rule.y - height / 2,
                             line.width + 2 * BLUEPRINT_LABEL_PAD, height,
                             Role.stage_column(colours.get(label.stage_id)),
                             radius=LABEL_PATCH_RADIUS))
            items.append(text(line, Role.INK_SOFT))
    return items


@dataclass(frozen=True, slots=True)
class HeaderPicture:
    """A header's box (which stays put) and its words (which slide along on the canvas)."""

    background: tuple[Item, ...]
    words: tuple[Item, ...]


def stage_header(stage: StageBox) -> HeaderPicture:
    h = stage.header
    background = (
        Box(h.x, h.y, h.w, h.h, Role.stage_header(stage.colour)),
        Box(h.x, h.y, h.w, float(theme.STAGE_BAND), Role.stage(stage.colour)),
        Lines(((h.x, h.y, h.x, h.bottom), (h.x, h.bottom, h.right, h.bottom)), Role.GRID),
    )
    words = (*texts(stage.name, Role.INK), *texts(stage.description, Role.INK_SOFT))
    return HeaderPicture(background, words)


def lane_header(lane: LaneBox, band: EmotionBand | None) -> HeaderPicture:
    h = lane.header
    background: list[Item] = [
        Box(h.x, h.y, h.w, h.h, Role.LANE_HEADER),
        Lines(((h.x, h.y, h.right, h.y), (h.x, h.bottom, h.right, h.bottom),
               (h.right, h.y, h.right, h.bottom)), Role.GRID),
    ]
    if band is not None:
        # The emotion scale, level by level, beside the curve's guides (every other level
        # when the levels lie too close for a face each).
        step = _scale_face_step(band)
        dots = band.marks == "dots"
        background += [feeling_mark(h.right - 16, y, LANE_SCALE_FACE_RADIUS,
                                    band.level_tones[level], dots)
                       for i, (level, y) in enumerate(band.level_y.items())
                       if i % step == 0 or i == len(band.level_y) - 1]
    words: list[Item] = list(texts(lane.title, Role.INK))
    if lane.kind_label is not None:
        words.append(text(lane.kind_label, Role.INK_FAINT))
    if band is not None and band.key:
        background += curve_key_items(lane, band)
    return HeaderPicture(tuple(background), tuple(words))


def curve_key_items(lane: LaneBox, band: EmotionBand) -> list[Item]:
    """Which line is which, down the emotions lane's header: each curve's line and name,
    the rows that would reach the lane's title left out (the legend and the Curves menu
    list them all)."""
    last = lane.kind_label or (lane.title[-1] if lane.title else None)
    clear_below = (last.baseline + 8.0) if last is not None else lane.header.y
    items: list[Item] = []
    for row in band.key:
        if row.name.baseline - theme.font_size(row.name.role) < clear_below:
            continue
        a, b = (row.x0, row.y), (row.x1, row.y)
        items.append(curve_line((Cubic(a, a, b, b),), row.style))
        items.append(text(row.name, Role.INK_SOFT))
    return items


def corner(layout: MapLayout) -> HeaderPicture:
    c = layout.corner
    return HeaderPicture((Box(c.x, c.y, c.w, c.h, Role.CORNER, Role.GRID),),
                         tuple(texts(layout.corner_title, Role.INK)))


def selection_outline(rect: Rect) -> Box:
    """The blue frame of a selected header, inside its box."""
    return Box(rect.x + 1, rect.y + 1, rect.w - 2, rect.h - 2, None, Role.SELECTED, 2.0)


def _scale_face_step(band: EmotionBand) -> int:
    ys = list(band.level_y.values())
    gap = abs(ys[0] - ys[1]) if len(ys) > 1 else 2 * LANE_SCALE_FACE_RADIUS
    step = 1
    while gap * step < 2 * LANE_SCALE_FACE_RADIUS + 1 and step < len(ys):
        step += 1
    return step


def feeling_mark(cx: float, cy: float, radius: float, tone: float,
                 as_dot: bool = False) -> Face | Dots:
    """How a value is drawn: a face in its tone, or (for a scale drawn with plain dots) a
    disc of the tone's colour."""
    if as_dot:
        return Dots(((cx, cy),), radius * FAR_FACE_SCALE, Role.emotion(tone))
    return Face(cx, cy, radius, tone)


# ----- the emotion curve ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CurvePointPicture:
    centre: Point
    patch: Box | None  # behind the label, so the line never runs through the word
    face: Face | Dots  # a dot for a scale drawn with plain dots
    dot: Dots  # the face from afar
    label: Text | None


@dataclass(frozen=True, slots=True)
class BandPicture:
    guides: tuple[Item, ...]  # a dashed line per level; the neutral one darker
    curve: Curve | None  # the active curve's line
    points: tuple[CurvePointPicture, ...]  # the active curve's faces and words
    # Under the active curve: every drawn curve's evidence band, then the other curves'
    # lines and their small dots.
    overlays: tuple[Item, ...] = ()


def curve_line(segments: Sequence[Cubic], style: CurveStyle | None) -> Curve:
    """A curve's stroke: its persona's colour and its scenario's dash; the active curve
    thicker than the others."""
    if style is None:
        return Curve(tuple(segments), Role.CURVE, theme.CURVE_WIDTH)
    width = theme.CURVE_WIDTH if style.active else theme.OVERLAY_CURVE_WIDTH
    return Curve(tuple(segments), style.colour, width, style.dash)


def spread_areas(traces: Sequence[CurveTrace]) -> list[Item]:
    """Each curve's evidence band (quartiles around its line), translucent in its colour."""
    return [Area(outline, trace.style.colour, theme.SPREAD_OPACITY)
            for trace in traces for outline in trace.spreads]


def overlay_items(traces: Sequence[CurveTrace]) -> list[Item]:
    """Under the active curve: all bands, then the other curves, each with a small dot per
    point (faces and words only on the active curve, so the lane stays readable)."""
    items = spread_areas(traces)
    others = [trace for trace in traces if not trace.style.active]
    for trace in others:
        if trace.segments:
            items.append(curve_line(trace.segments, trace.style))
    for trace in others:
        if trace.points:
            items.append(Dots(tuple(point.centre for point in trace.points),
                              theme.OVERLAY_DOT_RADIUS, trace.style.colour))
    return items


def band_picture(band: EmotionBand,
                 previous: tuple[EmotionBand, BandPicture] | None = None) -> BandPicture:
    """The band's guides, curve and points; with the `previous` band and its picture, the
    points that are the very same objects there (an edit changed a few) keep their
    pictures."""
    rect = band.rect
    kept: dict[int, CurvePointPicture] = {}
    if previous is not None and previous[0].marks == band.marks:
        old_points, old_pictures = previous[0].points, previous[1].points
        kept = {i: old_pictures[i] for i, point in enumerate(band.points[:len(old_points)])
                if point is old_points[i]}
    guides: list[Item] = []
    for level, y in band.level_y.items():
        if level == band.neutral:
            guides.append(Lines(((rect.x, y, rect.right, y),), Role.BASELINE, 1.2, (4.0, 2.0)))
        else:
            guides.append(Lines(((rect.x, y, rect.right, y),), Role.GRID, 1.0, (4.0, 2.0)))
    active = band.active_trace
    curve = (curve_line(band.segments, active.style if active is not None else None)
             if band.segments else None)
    radius = float(theme.FACE_RADIUS_CURVE)
    points = []
    for i, point in enumerate(band.points):
        reused = kept.get(i)
        if reused is not None:
            points.append(reused)
            continue
        box = point.label_box
        patch = (Box(box.x, box.y, box.w, box.h, point.label_fill, radius=LABEL_PATCH_RADIUS)
                 if box is not None else None)
        points.append(CurvePointPicture(
            point.centre, patch,
            feeling_mark(*point.centre, radius, point.tone, band.marks == "dots"),
            Dots((point.centre,), radius * FAR_FACE_SCALE, Role.emotion(point.tone)),
            text(point.label, Role.INK_SOFT) if point.label is not None else None,
        ))
    overlays = (previous[1].overlays if previous is not None
                and _same_overlays(previous[0].traces, band.traces)
                else tuple(overlay_items(band.traces)))
    return BandPicture(tuple(guides), curve, tuple(points), overlays)


def _same_overlays(old: Sequence[CurveTrace], new: Sequence[CurveTrace]) -> bool:
    """Whether `overlay_items` would draw the same: the other curves are the very same
    traces, and every curve keeps the same evidence bands (an edit of the active curve's
    values leaves both)."""
    return len(old) == len(new) and all(
        (a is b or (a.style.active and b.style.active and a.style == b.style))
        and a.spreads is b.spreads for a, b in zip(old, new, strict=True))


def point_spacing(band: EmotionBand) -> float:
    """The least horizontal distance between neighbouring points of the curve (layout units;
    infinite with fewer than two points)."""
    xs = sorted(point.centre[0] for point in band.points)
    return min((b - a for a, b in itertools.pairwise(xs)), default=float("inf"))


def _stage_means(points: Sequence[CurvePoint], stages: list[StageBox],
                 y_of: Callable[[float], float]) -> list[tuple[StageBox, Point, list[float]]]:
    """Per stage with points: the stage, the point at its middle and mean value, the values."""
    by_stage: dict[str, list[float]] = {}
    for point in points:
        by_stage.setdefault(point.stage_id, []).append(point.value)
    out = []
    for stage in stages:
        values = by_stage.get(stage.stage_id)
        if values:
            centre = (stage.column.x + stage.column.w / 2, y_of(sum(values) / len(values)))
            out.append((stage, centre, values))
    return out


def stage_mood_picture(band: EmotionBand, stages: list[StageBox]) -> BandPicture:
    """The curves summarised, for when their points would crowd (a big map on paper): one
    point per stage at the mean feeling, with a bar from the lowest to the highest feeling
    in it for the active curve; the other curves as lines through their stage means (no
    evidence bands: they belong to single touchpoints)."""
    rect = band.rect
    lowest, highest = min(band.level_y), max(band.level_y)
    top, bottom = band.level_y[highest], band.level_y[lowest]
    span = max(highest - lowest, 1)

    def y_of(value: float) -> float:
        return bottom + (top - bottom) * (value - lowest) / span

    guides = band_picture(EmotionBand(band.lane_id, rect, band.level_y, [], [],
                                      band.level_tones, band.neutral, band.marks)).guides
    radius = MOOD_FACE_RADIUS
    centres: list[Point] = []
    bars: list[Item] = []
    points = []
    for stage, centre, values in _stage_means(band.points, stages, y_of):
        cx = centre[0]
        mean = sum(values) / len(values)
        centres.append(centre)
        low, high = y_of(min(values)), y_of(max(values))
        if high < low - 1:
            bars.append(Box(cx - RANGE_BAR_WIDTH / 2, high - RANGE_BAR_WIDTH / 2,
                            RANGE_BAR_WIDTH, low - high + RANGE_BAR_WIDTH,
                            Role.stage(stage.colour), radius=RANGE_BAR_WIDTH / 2))
        tone = theme.face_tone((mean - lowest) / span)
        points.append(CurvePointPicture(
            centre, None, feeling_mark(*centre, radius, tone, band.marks == "dots"),
            Dots((centre,), radius * FAR_FACE_SCALE, Role.emotion(tone)), None))
    overlays: list[Item] = []
    for other in band.traces:
        if other.style.active:
            continue
        means = [centre for _stage, centre, _values in _stage_means(other.points, stages, y_of)]
        if len(means) > 1:
            overlays.append(curve_line(monotone_curve(means), other.style))
        if means:
            overlays.append(Dots(tuple(means), theme.OVERLAY_DOT_RADIUS, other.style.colour))
    active = band.active_trace
    segments = monotone_curve(centres)
    curve = (curve_line(segments, active.style if active is not None else None)
             if segments else None)
    return BandPicture((*guides, *bars), curve, tuple(points), tuple(overlays))


def band_items(picture: BandPicture) -> list[Item]:
    """The whole band in drawing order: guides, the line, label patches, faces, labels."""
    items: list[Item] = list(picture.guides)
    items += picture.overlays
    if picture.curve is not None:
        items.append(picture.curve)
    items += [p.patch for p in picture.points if p.patch is not None]
    items += [p.face for p in picture.points]
    items += [p.label for p in picture.points if p.label is not None]
    return items


# ----- the whole map -------------------------------------------------------------------------
def map_items(layout: MapLayout, journey: JourneyMap,
              background: bool = False, mood_by_stage: bool = False) -> list[Item]:
    """The whole map as the canvas shows it at 100 % with nothing selected, for paper and
    files: grid, headers, emotion curve, then every card as a group at its place. With
    `mood_by_stage` the curve is summarised per stage (see stage_mood_picture)."""
    items: list[Item] = []
    if background:
        items.append(Box(0.0, 0.0, layout.width, layout.height, Role.CANVAS))
    items += grid_items(layout)
    bands = {band.lane_id: band for band in layout.bands}
    headers = [stage_header(stage) for stage in layout.stages]
    headers.append(corner(layout))
    headers += [lane_header(lane, bands.get(lane.lane_id)) for lane in layout.lanes]
    for header in headers:
        items += header.background
    for band in layout.bands:
        items += band_items(stage_mood_picture(band, layout.stages) if mood_by_stage
                            else band_picture(band))
    behind = {s.stage_id: Role.stage_column(s.colour) for s in layout.stages}
    by_id = {card.id: card for card in journey.cards}
    for box in layout.cards.values():
        card = by_id.get(box.card_id)
        if card is None:
            continue
        items.append(Group(box.rect.x, box.rect.y,
                           card_items(card, box.content, behind.get(card.stage_id,
                                                                    Role.CANVAS))))
    for header in headers:
        items += header.words
    return items
