"""The prioritisation matrix laid out: pain points and opportunities placed by two of their
scores (value against effort unless chosen otherwise), drawn as display items.

Pure Python, like the rest of `layout/`: the matrix window (`canvas/matrix/`) and the handout's
matrix page (`export/handout_matrix.py`) draw what this module decides, so screen and paper
agree. Every card is a mark: its kind's marker (colour and shape, colour-blind safe) at the
place its scores give, and its title beside it, placed where it overlaps no other title, dot
or quadrant name (with a thin leader line when it had to move away). Cards that share a
place are set side by side along the effort axis (whose scores are whole numbers anyway).
Cards not yet scored on both axes wait in a tray beside the matrix (on screen), from where
they can be dragged in.

    layout = matrix_layout(cards, measurer, width, height, MatrixAxes("effort", "value"))
    layout.plot.place(2, 75.0)      -> the point of effort 2, value 75 %
    layout.plot.scores_at(x, y)     -> (2, 75): the scores a point stands for, rounded
    matrix_items(layout)            -> the whole picture as display items
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.display import Box, Group, Item, Lines, Marker, Text
from journeymap_desktop.layout.geometry import Rect
from journeymap_desktop.layout.text import TextMeasurer, Wrapper
from journeymap_desktop.layout.theme import FontRole, Role
from journeymap_desktop.model.fields import SCORED_KINDS
from journeymap_desktop.model.map import Card
from journeymap_desktop.model.priority import (
    PriorityAxis,
    Quadrant,
    axis_divide,
    axis_range,
    axis_value,
    matrix_position,
    priority_score,
    ranked_by_priority,
)

AXIS_TITLES: dict[str, str] = {
    "value": "Value (mean of customer and business value)",
    "customer_value": "Customer value",
    "business_value": "Business value",
    "effort": "Effort",
}
QUADRANT_NAMES: dict[str, str] = {
    "quick_win": "Quick wins",
    "major_project": "Major projects",
    "fill_in": "Fill-ins",
    "money_pit": "Money pits",
}
QUADRANT_WORDS: dict[str, str] = {
    "quick_win": "high value, low effort",
    "major_project": "high value, high effort",
    "fill_in": "low value, low effort",
    "money_pit": "low value, high effort",
}
# A light tint says where to look first (and where not to go); the name says it in words.
QUADRANT_FILLS: dict[str, str] = {
    "quick_win": Role.stage_column("#009E73"),
    "major_project": Role.PAPER,
    "fill_in": Role.PAPER,
    "money_pit": Role.stage_column("#D55E00"),
}

DOT_RADIUS = 7.0
LABEL_WIDTH = 150.0
LABEL_LINES = 2
# A crowded matrix gives titles to this many best-ranked cards; the others show their kind
# (and on paper their rank, which the table beside names).
MAX_TITLES = 60
LABEL_GAP = 7.0  # clear of the ring a selected mark gets
PAD = 12.0
TICK_GAP = 6.0
TRAY_WIDTH = 224.0
TRAY_GAP = 20.0
CHIP_HEIGHT = 38.0
CHIP_GAP = 6.0
# How far beyond its range an axis runs, so a mark at 0 or at the top stays inside the plot.
_OVERHANG = {"effort": 0.45, "percent": 6.0}

_BELOW_THEN_ABOVE = (1.0, -1.0)  # y grows downwards
MarkState = Literal["normal", "selected", "dragged"]
Segment = tuple[float, float, float, float]


@dataclass(frozen=True)
class MatrixAxes:
    """Which score runs across (x) and which runs up (y)."""

    x: PriorityAxis = "effort"
    y: PriorityAxis = "value"

    def __post_init__(self) -> None:
        if self.x == self.y:
            raise ValueError("the matrix needs two different axes")

    @property
    def has_quadrants(self) -> bool:
        """Quick wins and money pits need a value and effort."""
        return (self.x == "effort") != (self.y == "effort")


def _overhang(axis: PriorityAxis) -> float:
    return _OVERHANG["effort" if axis == "effort" else "percent"]


@dataclass(frozen=True)
class Plot:
    """The plotting area and the two axes' scales: scores to points and back."""

    rect: Rect
    axes: MatrixAxes

    def _span(self, axis: PriorityAxis) -> tuple[float, float]:
        low, high = axis_range(axis)
        return low - _overhang(axis), high + _overhang(axis)

    def place(self, x_score: float, y_score: float) -> tuple[float, float]:
        """The point of two scores (y grows downwards, high scores at the top)."""
        x0, x1 = self._span(self.axes.x)
        y0, y1 = self._span(self.axes.y)
        r = self.rect
        return (r.x + (x_score - x0) / (x1 - x0) * r.w,
                r.bottom - (y_score - y0) / (y1 - y0) * r.h)

    def raw_scores(self, x: float, y: float) -> tuple[float, float]:
        x0, x1 = self._span(self.axes.x)
        y0, y1 = self._span(self.axes.y)
        r = self.rect
        return (x0 + (x - r.x) / r.w * (x1 - x0), y0 + (r.bottom - y) / r.h * (y1 - y0))

    def scores_at(self, x: float, y: float) -> tuple[int, int]:
        """The whole scores a point stands for, within each axis's range."""
        raw_x, raw_y = self.raw_scores(x, y)
        lx, hx = axis_range(self.axes.x)
        ly, hy = axis_range(self.axes.y)
        return (max(lx, min(hx, round(raw_x))), max(ly, min(hy, round(raw_y))))

    def snapped(self, x: float, y: float) -> tuple[float, float]:
        """The point of the scores a point stands for (a drag shows where it will land)."""
        return self.place(*self.scores_at(x, y))

    def contains(self, x: float, y: float) -> bool:
        r = self.rect
        return r.x <= x <= r.right and r.y <= y <= r.bottom


@dataclass(frozen=True)
class MatrixMark:
    """One card on the matrix. `items` are relative to the dot's centre `dot`; `exact` is
    where its scores put it (the dot moves aside only when another card has the same
    place)."""

    card_id: str
    kind: str
    scores: tuple[float, float]
    exact: tuple[float, float]
    dot: tuple[float, float]
    label: Rect  # relative to the dot, like the items
    label_items: tuple[Text, ...]  # the title's lines, relative to the dot
    leader: Segment | None
    title: str
    radius: float = DOT_RADIUS

    def items(self, state: MarkState = "normal") -> tuple[Item, ...]:
        return mark_items(self, state)


@dataclass(frozen=True)
class TrayChip:
    """A card waiting to be scored, in the tray beside the matrix; `rect` in layout
    coordinates, `items` relative to its top-left corner."""

    card_id: str
    kind: str
    rect: Rect
    items: tuple[Item, ...]


@dataclass(frozen=True)
class MatrixLayout:
    width: float
    height: float
    plot: Plot
    background: tuple[Item, ...]
    marks: dict[str, MatrixMark]
    tray: Rect | None
    chips: dict[str, TrayChip] = field(default_factory=dict)
    unscored: tuple[str, ...] = ()  # card ids not on the matrix (on screen: in the tray)

    def mark_at(self, x: float, y: float) -> MatrixMark | None:
        """The mark whose dot or title is at a point (the topmost: the last placed)."""
        for mark in reversed(list(self.marks.values())):
            dx, dy = x - mark.dot[0], y - mark.dot[1]
            if dx * dx + dy * dy <= (DOT_RADIUS + 3) ** 2:
                return mark
            label = mark.label
            if label.x <= dx <= label.right and label.y <= dy <= label.bottom:
                return mark
        return None

    def chip_at(self, x: float, y: float) -> TrayChip | None:
        return next((chip for chip in self.chips.values() if chip.rect.contains(x, y)), None)


class _Scaled:
    """A text measurer for text set `factor` times its role's size (paper sets the matrix
    smaller than the screen)."""

    def __init__(self, base: TextMeasurer, factor: float) -> None:
        self.base = base
        self.factor = factor

    def width(self, text: str, role: FontRole) -> float:
        return self.base.width(text, role) * self.factor

    def ascent(self, role: FontRole) -> float:
        return self.base.ascent(role) * self.factor

    def descent(self, role: FontRole) -> float:
        return self.base.descent(role) * self.factor


class _Text:
    """Text items at one scale."""

    def __init__(self, measurer: TextMeasurer, scale: float) -> None:
        self.measurer = _Scaled(measurer, scale) if scale != 1.0 else measurer
        self.wrapper = Wrapper(self.measurer)
        self.scale = scale

    def line_height(self, role: FontRole) -> float:
        return theme.line_height(role) * self.scale

    def baseline(self, top: float, role: FontRole) -> float:
        m = self.measurer
        ascent, descent = m.ascent(role), m.descent(role)
        return top + (self.line_height(role) - (ascent + descent)) / 2 + ascent

    def width(self, text: str, role: FontRole) -> float:
        return self.wrapper.width(text, role)

    def item(self, text: str, x: float, top: float, role: FontRole, colour: str) -> Text:
        return Text(text, x, self.baseline(top, role), role, colour, self.width(text, role),
                    self.scale)

    def fit(self, text: str, role: FontRole, width: float) -> str:
        return self.wrapper.fit(text, role, width)

    def wrap(self, text: str, role: FontRole, width: float, lines: int) -> tuple[str, ...]:
        return self.wrapper.wrap(text, role, width, lines).lines


class _Grid:
    """Rectangles bucketed by where they lie, so a label's candidate place is checked only
    against its neighbours (hundreds of cards stay fast)."""

    CELL = 64.0

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[Rect]] = {}

    def _keys(self, rect: Rect) -> list[tuple[int, int]]:
        c = self.CELL
        return [(i, j) for i in range(int(rect.x // c), int(rect.right // c) + 1)
                for j in range(int(rect.y // c), int(rect.bottom // c) + 1)]

    def add(self, rect: Rect) -> None:
        for key in self._keys(rect):
            self._cells.setdefault(key, []).append(rect)

    def near(self, rect: Rect) -> list[Rect]:
        found: dict[int, Rect] = {}
        for key in self._keys(rect):
            for other in self._cells.get(key, ()):
                found[id(other)] = other
        return list(found.values())


def _bounds_of(segment: Segment) -> Rect:
    x1, y1, x2, y2 = segment
    return Rect(min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))


# ----- the layout ---------------------------------------------------------------------------
def scored_cards(cards: Iterable[Card]) -> list[Card]:
    """The cards a matrix is about: pain points and opportunities."""
    return [card for card in cards if card.kind in SCORED_KINDS]


def _ticks(axis: PriorityAxis) -> list[tuple[float, str]]:
    if axis == "effort":
        return [(float(e), "0 none" if e == 0 else str(e)) for e in range(6)]
    return [(float(v), f"{v} %") for v in (0, 25, 50, 75, 100)]


def matrix_layout(cards: Sequence[Card], measurer: TextMeasurer, width: float, height: float,
                  axes: MatrixAxes | None = None, *, tray: bool = True,
                  text_scale: float = 1.0, numbered: bool = False) -> MatrixLayout:
    """The matrix of the pain points and opportunities among `cards` in a `width` x `height`
    area (the tray beside it takes what it needs below that). `tray=False` (paper) leaves the
    unscored cards to the caller. `numbered` (paper, beside a ranked table) puts each card's
    rank before its title, and only the rank where the title finds no free place."""
    axes = axes or MatrixAxes()
    text = _Text(measurer, text_scale)
    s = text_scale
    caption, bold = FontRole.CAPTION, FontRole.CAPTION_BOLD
    x_ticks, y_ticks = _ticks(axes.x), _ticks(axes.y)
    tick_w = max(text.width(label, caption) for _, label in y_ticks)
    title_h = text.line_height(bold) + 4 * s
    left = PAD * s + tick_w + TICK_GAP * s
    top = PAD * s + title_h
    right = width - PAD * s - ((TRAY_WIDTH + TRAY_GAP) * s if tray else 0.0)
    bottom = height - PAD * s - 2 * text.line_height(caption) - TICK_GAP * s
    plot = Plot(Rect(left, top, max(80.0, right - left), max(80.0, bottom - top)), axes)
    background, obstacles = _background(plot, text, x_ticks, y_ticks)

    matrix_cards = scored_cards(cards)
    placed: list[tuple[Card, tuple[float, float], tuple[float, float]]] = []
    unscored: list[str] = []
    for card in matrix_cards:
        position = matrix_position(card.priority, axes.x, axes.y)
        if position is None:
            unscored.append(card.id)
        else:
            placed.append((card, position, plot.place(*position)))
    dots = _spread(placed, axes, DOT_RADIUS * s)
    # The best-ranked cards choose their label's place first.
    order = sorted(range(len(placed)), key=lambda i: (
        -(priority_score(placed[i][0].priority) or -1.0), i))
    taken = _Grid()
    for rect in [*obstacles, *(_dot_rect(dot, DOT_RADIUS * s) for dot in dots)]:
        taken.add(rect)
    leaders = _Grid()  # each leader line as its bounding box, with the line itself
    ranks = _ranks([card for card, _, _ in placed]) if numbered else {}
    labels: dict[int, tuple[Rect, tuple[str, ...], Segment | None]] = {}
    for place, i in enumerate(order):
        card = placed[i][0]
        rank = ranks.get(card.id)
        title = card.title or "Untitled"
        crowd = place >= MAX_TITLES
        # What to try, in order: (words, whether a place away from the dot with a leader
        # line will do). On paper a rank beside its dot reads better than a title at the end
        # of a long line; in a crowd only a rank (on paper) or nothing.
        attempts: list[tuple[str, bool]]
        if rank is None:
            attempts = [] if crowd else [(title, True)]
        elif crowd:
            attempts = [(str(rank), False)]
        else:
            attempts = [(f"{rank}  {title}", False), (str(rank), False), (str(rank), True)]
        free = False
        rect, leader = Rect(0.0, 0.0, 0.0, 0.0), None
        lines: tuple[str, ...] = ()
        for words, far_too in attempts:
            lines = text.wrap(words, caption, LABEL_WIDTH * s, LABEL_LINES) or (words,)
            size = (max(text.width(line, caption) for line in lines),
                    len(lines) * text.line_height(caption))
            rect, leader, free = _place_label(dots[i], size, plot.rect, taken, leaders,
                                              DOT_RADIUS * s, far_too=far_too)
            if free:
                break
        if not attempts or (crowd and not free):
            labels[i] = (Rect(0.0, 0.0, 0.0, 0.0), (), None)
            continue
        taken.add(rect)
        if leader is not None:
            leaders.add(_LeaderBox(leader))
        labels[i] = (rect, lines, leader)
    marks: dict[str, MatrixMark] = {}
    line_h = text.line_height(caption)
    for i, (card, scores, exact) in enumerate(placed):
        rect, lines, leader = labels[i]
        cx, cy = dots[i]
        relative = Rect(rect.x - cx, rect.y - cy, rect.w, rect.h) if lines else \
            Rect(0.0, 0.0, 0.0, 0.0)
        label_items = tuple(text.item(line, relative.x, relative.y + index * line_h, caption,
                                      Role.INK) for index, line in enumerate(lines))
        marks[card.id] = MatrixMark(
            card.id, card.kind, scores, exact, dots[i], relative, label_items,
            None if leader is None else (leader[0] - cx, leader[1] - cy, leader[2] - cx,
                                         leader[3] - cy),
            card.title, DOT_RADIUS * s)
    tray_rect = None
    chips: dict[str, TrayChip] = {}
    total_height = height
    if tray:
        tray_rect, chips = _tray(matrix_cards, unscored, axes, text,
                                 plot.rect.right + TRAY_GAP * s, PAD * s, TRAY_WIDTH * s)
        total_height = max(height, tray_rect.bottom + PAD * s)
        background = (*background, *_tray_items(tray_rect, len(unscored), text))
    return MatrixLayout(width, total_height, plot, background, marks, tray_rect, chips,
                        tuple(unscored))


def _ranks(cards: Sequence[Card]) -> dict[str, int]:
    """Each card's place in the ranking by value for effort (cards with a score only)."""
    ranked = [card for card in ranked_by_priority(cards)
              if priority_score(card.priority) is not None]
    return {card.id: number for number, card in enumerate(ranked, start=1)}


def _dot_rect(dot: tuple[float, float], radius: float) -> Rect:
    return Rect(dot[0] - radius - 1, dot[1] - radius - 1, 2 * radius + 2, 2 * radius + 2)


def _overlap(a: Rect, b: Rect) -> float:
    w = min(a.right, b.right) - max(a.x, b.x)
    h = min(a.bottom, b.bottom) - max(a.y, b.y)
    return w * h if w > 0 and h > 0 else 0.0


def _inside(rect: Rect, area: Rect) -> bool:
    return rect.x >= area.x + 2 and rect.right <= area.right - 2 and \
        rect.y >= area.y + 2 and rect.bottom <= area.bottom - 2


def _spread(placed: Sequence[tuple[Card, tuple[float, float], tuple[float, float]]],
            axes: MatrixAxes, radius: float) -> list[tuple[float, float]]:
    """Dots of cards that share a place set side by side, along the effort axis if there is
    one (its scores are whole numbers, a column wide), else across."""
    step = 2 * radius + 2
    along_y = axes.y == "effort" and axes.x != "effort"
    dots: list[tuple[float, float]] = []
    grid = _Grid()
    for _card, _scores, (x, y) in placed:
        candidate = (x, y)
        for k in range(13):
            offset = ((k + 1) // 2) * step * (1 if k % 2 else -1) if k else 0.0
            candidate = (x, y + offset) if along_y else (x + offset, y)
            around = Rect(candidate[0] - step, candidate[1] - step, 2 * step, 2 * step)
            if all((candidate[0] - other.x - step / 2) ** 2 +
                   (candidate[1] - other.y - step / 2) ** 2 >= (step - 1) ** 2
                   for other in grid.near(around)):
                break
        dots.append(candidate)
        grid.add(Rect(candidate[0] - step / 2, candidate[1] - step / 2, step, step))
    return dots


def _crosses(segment: Segment, rect: Rect) -> bool:
    """Whether a line segment passes through a rectangle (Liang-Barsky clipping)."""
    x1, y1, x2, y2 = segment
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - rect.x), (dx, rect.right - x1), (-dy, y1 - rect.y),
                 (dy, rect.bottom - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


class _LeaderBox(Rect):
    """A leader line's bounding box in the grid, carrying the line."""

    __slots__ = ("segment",)

    def __init__(self, segment: Segment) -> None:
        box = _bounds_of(segment)
        super().__init__(box.x, box.y, box.w, box.h)
        self.segment = segment


def _place_label(dot: tuple[float, float], size: tuple[float, float], area: Rect,
                 taken: _Grid, leaders: _Grid, radius: float,
                 far_too: bool = True) -> tuple[Rect, Segment | None, bool]:
    """The first free place for a label around its dot: right, left, below, above, then
    (`far_too`) further up or down on either side with a leader line (that crosses no other
    title or dot); else beside it where the fewest others are. The flag says whether the
    place is free."""
    cx, cy = dot
    w, h = size
    gap = LABEL_GAP
    near = [(cx + radius + gap, cy - h / 2), (cx - radius - gap - w, cy - h / 2),
            (cx - w / 2, cy + radius + 2), (cx - w / 2, cy - radius - 2 - h)]
    candidates = [(Rect(x, y, w, h), False) for x, y in near]
    step = h / 2 + 3
    for away in (6.0, 40.0, 90.0) if far_too else ():
        for k in range(0 if away > 6 else 1, 11):
            for sign in _BELOW_THEN_ABOVE:
                y = cy - h / 2 + sign * k * step
                candidates.append((Rect(cx + radius + gap + away, y, w, h), True))
                candidates.append((Rect(cx - radius - gap - away - w, y, w, h), True))
    own = _dot_rect(dot, radius)
    for rect, far in candidates:
        if not _inside(rect, area):
            continue
        if any(other != own and _overlap(rect, other) for other in taken.near(rect)):
            continue
        if any(isinstance(box, _LeaderBox) and _crosses(box.segment, rect)
               for box in leaders.near(rect)):
            continue
        leader = _leader(dot, rect, radius) if far else None
        if leader is not None and any(other != own and _crosses(leader, other)
                                      for other in taken.near(_bounds_of(leader))):
            continue
        return rect, leader, True
    # No free place: beside the dot, where the fewest others are.
    inside = [rect for rect, _far in candidates[:4] if _inside(rect, area)] or \
        [rect for rect, _far in candidates[:4]]
    crowd = [sum(1 for other in taken.near(rect) if other != own and _overlap(rect, other))
             for rect in inside]
    return inside[crowd.index(min(crowd))], None, False


def _leader(dot: tuple[float, float], label: Rect, radius: float) -> Segment | None:
    cx, cy = dot
    if label.y <= cy <= label.bottom and (label.x - cx <= radius + 2 * LABEL_GAP or
                                          cx - label.right <= radius + 2 * LABEL_GAP):
        return None
    to_x = label.x if label.x > cx else label.right
    to_y = min(max(cy, label.y + 2), label.bottom - 2)
    from_x = cx + (radius if to_x > cx else -radius)
    return (from_x, cy, to_x, to_y)


def _background(plot: Plot, text: _Text, x_ticks: list[tuple[float, str]],
                y_ticks: list[tuple[float, str]]) -> tuple[tuple[Item, ...], list[Rect]]:
    """Quadrants, grid, dividing lines, tick labels, axis titles and quadrant names; the
    places labels must keep clear of."""
    r = plot.rect
    axes = plot.axes
    s = text.scale
    caption, bold = FontRole.CAPTION, FontRole.CAPTION_BOLD
    items: list[Item] = [Box(r.x, r.y, r.w, r.h, Role.PAPER)]
    obstacles: list[Rect] = []
    split_x = plot.place(axis_divide(axes.x), 0)[0]
    split_y = plot.place(0, axis_divide(axes.y))[1]
    quadrants = _quadrants(axes)
    if quadrants is not None:
        cells = {
            (False, True): Rect(r.x, r.y, split_x - r.x, split_y - r.y),
            (True, True): Rect(split_x, r.y, r.right - split_x, split_y - r.y),
            (False, False): Rect(r.x, split_y, split_x - r.x, r.bottom - split_y),
            (True, False): Rect(split_x, split_y, r.right - split_x, r.bottom - split_y),
        }
        for corner, cell in cells.items():
            fill = QUADRANT_FILLS[quadrants[corner]]
            if fill != Role.PAPER:
                items.append(Box(cell.x, cell.y, cell.w, cell.h, fill))
    grid = [(plot.place(value, 0)[0], r.y, plot.place(value, 0)[0], r.bottom)
            for value, _ in x_ticks]
    grid += [(r.x, plot.place(0, value)[1], r.right, plot.place(0, value)[1])
             for value, _ in y_ticks]
    items.append(Lines(tuple(grid), Role.GRID, 0.0))
    items.append(Lines(((split_x, r.y, split_x, r.bottom), (r.x, split_y, r.right, split_y)),
                       Role.INK_FAINT, 1.0 * s, (4.0, 3.0)))
    items.append(Box(r.x, r.y, r.w, r.h, None, Role.CARD_BORDER, 1.0 * s))
    line_h = text.line_height(caption)
    for value, label in x_ticks:
        x = plot.place(value, 0)[0]
        width = text.width(label, caption)
        items.append(text.item(label, x - width / 2, r.bottom + TICK_GAP * s / 2, caption,
                               Role.INK_SOFT))
    for value, label in y_ticks:
        y = plot.place(0, value)[1]
        width = text.width(label, caption)
        items.append(text.item(label, r.x - TICK_GAP * s - width, y - line_h / 2, caption,
                               Role.INK_SOFT))
    x_title = f"{AXIS_TITLES[axes.x]}  →"
    x_title = text.fit(x_title, bold, r.w)
    items.append(text.item(x_title, r.right - text.width(x_title, bold),
                           r.bottom + TICK_GAP * s / 2 + line_h + 2 * s, bold, Role.INK))
    legend = _legend(text, r.right, r.y - text.line_height(bold) - 4 * s)
    legend_w = r.right - min((i.x for i in legend if isinstance(i, Text)), default=r.right)
    y_title = text.fit(f"↑  {AXIS_TITLES[axes.y]}", bold, r.w - legend_w - 24 * s)
    items.append(text.item(y_title, r.x, r.y - text.line_height(bold) - 4 * s, bold, Role.INK))
    items += legend
    if quadrants is not None:
        for (high_x, high_y), quadrant in quadrants.items():
            name = QUADRANT_NAMES[quadrant]
            words = QUADRANT_WORDS[quadrant]
            w = max(text.width(name, bold), text.width(words, caption))
            h = text.line_height(bold) + line_h
            x = r.right - 8 * s - w if high_x else r.x + 8 * s
            y = r.y + 6 * s if high_y else r.bottom - 6 * s - h
            name_x = x + (w - text.width(name, bold) if high_x else 0)
            words_x = x + (w - text.width(words, caption) if high_x else 0)
            items.append(text.item(name, name_x, y, bold, Role.INK_SOFT))
            items.append(text.item(words, words_x, y + text.line_height(bold), caption,
                                   Role.INK_FAINT))
            obstacles.append(Rect(x - 2, y - 2, w + 4, h + 4))
    return tuple(items), obstacles


def _legend(text: _Text, right: float, top: float) -> list[Item]:
    """The kinds' markers and names, ending at `right`: "▲ Pain point   ◆ Opportunity"."""
    from journeymap_desktop.model.queries import KIND_LABELS

    caption = FontRole.CAPTION
    s = text.scale
    items: list[Item] = []
    x = right
    middle = top + text.line_height(caption) / 2
    for kind in reversed(SCORED_KINDS):
        label = KIND_LABELS[kind]
        x -= text.width(label, caption)
        items.append(text.item(label, x, top, caption, Role.INK_SOFT))
        x -= 9 * s + 5 * s
        items.append(Marker(kind, x + 5 * s, middle, 5 * s))
        x -= 14 * s
    return items


def _quadrants(axes: MatrixAxes) -> dict[tuple[bool, bool], Quadrant] | None:
    """Each quadrant's name by (high x?, high y?), when the axes are a value and effort."""
    if not axes.has_quadrants:
        return None
    names: dict[tuple[bool, bool], Quadrant] = {}
    for high_x in (False, True):
        for high_y in (False, True):
            effort_high, value_high = (high_x, high_y) if axes.x == "effort" else \
                (high_y, high_x)
            if value_high:
                names[(high_x, high_y)] = "major_project" if effort_high else "quick_win"
            else:
                names[(high_x, high_y)] = "money_pit" if effort_high else "fill_in"
    return names


def quadrant_of(plot: Plot, x: float, y: float) -> Quadrant | None:
    """The quadrant a point of the plot lies in (None without quadrants)."""
    quadrants = _quadrants(plot.axes)
    if quadrants is None:
        return None
    raw_x, raw_y = plot.scores_at(x, y)
    return quadrants[(raw_x >= axis_divide(plot.axes.x), raw_y >= axis_divide(plot.axes.y))]


# ----- marks and the tray as display items ----------------------------------------------------
def mark_items(mark: MatrixMark, state: MarkState = "normal") -> tuple[Item, ...]:
    """A mark's items, relative to its dot: the title, a leader line if it has one, the
    kind's marker on a white disc, and a ring when selected or dragged."""
    radius = mark.radius
    items: list[Item] = []
    if mark.leader is not None:
        items.append(Lines((mark.leader,), Role.INK_FAINT, 0.0))
    if state == "normal":
        items += mark.label_items
    else:
        items += [replace(line, colour=Role.SELECTED) for line in mark.label_items]
    items.append(Box(-radius - 1.5, -radius - 1.5, 2 * radius + 3, 2 * radius + 3,
                     Role.PAPER, None, 0.0, radius + 1.5))
    items.append(Marker(mark.kind, 0.0, 0.0, radius))
    if state != "normal":
        ring = radius + 4
        items.append(Box(-ring, -ring, 2 * ring, 2 * ring, None, Role.SELECTED, 2.0, ring))
    return tuple(items)


def _tray(cards: Sequence[Card], unscored: list[str], axes: MatrixAxes, text: _Text, x: float,
          y: float, width: float) -> tuple[Rect, dict[str, TrayChip]]:
    s = text.scale
    caption, bold = FontRole.CAPTION, FontRole.CAPTION_BOLD
    by_id = {card.id: card for card in cards}
    top = y + text.line_height(bold) + 2 * text.line_height(caption) + 8 * s
    chips: dict[str, TrayChip] = {}
    for card_id in unscored:
        card = by_id[card_id]
        rect = Rect(x, top, width, CHIP_HEIGHT * s)
        missing = [name for axis, name in ((axes.x, axes.x), (axes.y, axes.y))
                   if axis_value(card.priority, axis) is None]
        note = "not scored yet" if card.priority is None or card.priority.is_empty() else \
            "no " + " or ".join(AXIS_TITLES[name].split(" (")[0].lower() for name in missing) \
            + " yet"
        items: tuple[Item, ...] = (
            Box(0, 0, rect.w, rect.h, Role.PAPER, Role.CARD_BORDER, 1.0 * s, 5 * s),
            Marker(card.kind, 14 * s, rect.h / 2, 6 * s),
            text.item(text.fit(card.title or "Untitled", caption, rect.w - 34 * s), 26 * s,
                      4 * s, caption, Role.INK),
            text.item(note, 26 * s, 4 * s + text.line_height(caption), caption,
                      Role.INK_FAINT),
        )
        chips[card_id] = TrayChip(card_id, card.kind, rect, items)
        top += (CHIP_HEIGHT + CHIP_GAP) * s
    return Rect(x, y, width, top - y), chips


def _tray_items(tray: Rect, count: int, text: _Text) -> tuple[Item, ...]:
    caption, bold = FontRole.CAPTION, FontRole.CAPTION_BOLD
    heading = f"Not yet scored ({count})"
    hint = "Drag a card into the matrix to score it." if count else \
        "Every pain point and opportunity is on the matrix."
    lines = text.wrap(hint, caption, tray.w, 2)
    items: list[Item] = [text.item(heading, tray.x, tray.y, bold, Role.INK)]
    for index, line in enumerate(lines):
        items.append(text.item(line, tray.x, tray.y + text.line_height(bold)
                               + index * text.line_height(caption), caption, Role.INK_FAINT))
    return tuple(items)


def matrix_items(layout: MatrixLayout, selected: Iterable[str] = ()) -> list[Item]:
    """The whole matrix (background, every mark, the tray's chips) in layout coordinates."""
    chosen = set(selected)
    items: list[Item] = list(layout.background)
    for mark in layout.marks.values():
        items.append(Group(mark.dot[0], mark.dot[1],
                           mark_items(mark, "selected" if mark.card_id in chosen else "normal")))
    for chip in layout.chips.values():
        items.append(Group(chip.rect.x, chip.rect.y, chip.items))
    return items
