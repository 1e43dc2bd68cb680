"""The display list: what a map looks like, as plain drawing primitives.

`layout.picture` turns a laid-out map into these; the renderers only draw them: QPainter for the
canvas and PNG files (`painter/`), reportlab for PDF posters, tiles and handouts
(`export/draw.py`) and SVG elements (`export/svg.py`). Colours are roles (`theme.Role`), turned
into #RRGGBB by `theme.colour`. Lengths are layout units, y grows downwards.

Text arrives already wrapped and cut with an ellipsis, measured with the one measurer
(`layout.typeface`); a renderer draws the line's visual runs (`layout.textruns`) glyph after
glyph at the fonts' own advances, so it lands within `width` everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.shapes import Cubic, Point
from journeymap_desktop.layout.theme import FontRole

Segment = tuple[float, float, float, float]  # x1, y1, x2, y2


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle, with rounded corners when `radius` > 0. A stroke of width 0 is a hairline
    (one device pixel on screen, the thinnest line that prints on paper)."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None
    stroke: str | None = None
    stroke_width: float = 0.0
    radius: float = 0.0


@dataclass(frozen=True, slots=True)
class Bar:
    """The left `bar_width` of a box with rounded corners, filled: a card's kind colour."""

    x: float
    y: float
    w: float
    h: float
    radius: float
    bar_width: float
    fill: str


@dataclass(frozen=True, slots=True)
class Text:
    """One line: `x` is its left edge, `baseline` where the glyphs sit, `width` its measured
    width. Set in the role's font, `scale` times its size (the poster's title block)."""

    text: str
    x: float
    baseline: float
    role: FontRole
    colour: str
    width: float
    scale: float = 1.0

    @property
    def size(self) -> float:
        return theme.FONTS[self.role].size * self.scale

    @property
    def bold(self) -> bool:
        return theme.FONTS[self.role].bold


@dataclass(frozen=True, slots=True)
class Face:
    """An emotion face: a disc in its tone's colour (theme.Role.emotion) with ink features.
    `tone` is where the feeling lies on the map's scale, 0 most negative to 1 most positive
    (theme.face_tone)."""

    cx: float
    cy: float
    radius: float
    tone: float


@dataclass(frozen=True, slots=True)
class Marker:
    """A card kind's marker: circle, triangle, diamond or square in the kind's colour."""

    kind: str
    cx: float
    cy: float
    radius: float


@dataclass(frozen=True, slots=True)
class Star:
    """The moment-of-truth star."""

    cx: float
    cy: float
    radius: float


@dataclass(frozen=True, slots=True)
class Dots:
    centres: tuple[Point, ...]
    radius: float
    colour: str


@dataclass(frozen=True, slots=True)
class Lines:
    """Straight strokes. Width 0 is a hairline; `dash` is (dash, gap) in stroke widths."""

    segments: tuple[Segment, ...]
    colour: str
    width: float = 0.0
    dash: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class Curve:
    """A smooth stroke through cubic segments (an emotion curve), round caps and joins.
    `dash` is (dash, gap, ...) in stroke widths; round caps add one width to every dash."""

    segments: tuple[Cubic, ...]
    colour: str
    width: float
    dash: tuple[float, ...] | None = None


@dataclass(frozen=True, slots=True)
class Area:
    """A closed shape filled with `colour` at `opacity` (0..1), without a stroke: the band of
    an emotion value's evidence. `outline` runs end to start round the shape (the renderers
    close it)."""

    outline: tuple[Cubic, ...]
    colour: str
    opacity: float = 1.0


@dataclass(frozen=True, slots=True)
class Group:
    """Items drawn moved by (dx, dy): a card's items are relative to its top-left corner."""

    dx: float
    dy: float
    items: tuple[Item, ...]


Item = Box | Bar | Text | Face | Marker | Star | Dots | Lines | Curve | Area | Group


def flatten(items: tuple[Item, ...] | list[Item], dx: float = 0.0,
            dy: float = 0.0) -> list[Item]:
    """The items with every group dissolved into absolute positions (for tests and for
    comparing what two renderers receive)."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, Group):
            out += flatten(item.items, dx + item.dx, dy + item.dy)
        else:
            out.append(moved(item, dx, dy) if dx or dy else item)
    return out


def moved(item: Item, dx: float, dy: float) -> Item:
    """A copy of `item` moved by (dx, dy)."""
    if isinstance(item, Box):
        return Box(item.x + dx, item.y + dy, item.w, item.h, item.fill, item.stroke,
                   item.stroke_width, item.radius)
    if isinstance(item, Bar):
        return Bar(item.x + dx, item.y + dy, item.w, item.h, item.radius, item.bar_width,
                   item.fill)
    if isinstance(item, Text):
        return Text(item.text, item.x + dx, item.baseline + dy, item.role, item.colour,
                    item.width, item.scale)
    if isinstance(item, Face):
        return Face(item.cx + dx, item.cy + dy, item.radius, item.tone)
    if isinstance(item, Marker):
        return Marker(item.kind, item.cx + dx, item.cy + dy, item.radius)
    if isinstance(item, Star):
        return Star(item.cx + dx, item.cy + dy, item.radius)
    if isinstance(item, Dots):
        return Dots(tuple((x + dx, y + dy) for x, y in item.centres), item.radius, item.colour)
    if isinstance(item, Lines):
        return Lines(tuple((a + dx, b + dy, c + dx, d + dy) for a, b, c, d in item.segments),
                     item.colour, item.width, item.dash)
    if isinstance(item, Curve):
        return Curve(_moved_cubics(item.segments, dx, dy), item.colour, item.width, item.dash)
    if isinstance(item, Area):
        return Area(_moved_cubics(item.outline, dx, dy), item.colour, item.opacity)
    return Group(item.dx + dx, item.dy + dy, item.items)


def _moved_cubics(segments: tuple[Cubic, ...], dx: float, dy: float) -> tuple[Cubic, ...]:
    return tuple(Cubic(*((x + dx, y + dy) for x, y in (s.start, s.control1, s.control2, s.end)))
                 for s in segments)
