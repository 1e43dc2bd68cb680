"""Vector shapes (emotion faces, kind markers, the moment-of-truth star) as plain geometry.

Coordinates are y-down around a centre, scaled by a radius, so the canvas (Qt painter paths)
and the PDF (reportlab paths) draw the very same outlines. No emoji font is involved.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Cubic:
    start: Point
    control1: Point
    control2: Point
    end: Point


STAR_OUTLINE_WIDTH = 0.8


@dataclass(frozen=True, slots=True)
class Face:
    """A face of radius 1 at the origin: eyes (centre, radius), a mouth curve, maybe brows;
    `stroke` is the width of mouth and brows (scaled with the face)."""

    eyes: tuple[tuple[Point, float], ...]
    mouth: Cubic
    brows: tuple[tuple[Point, Point], ...]
    stroke: float


def face_outline_width(radius: float) -> float:
    """The width of a face's outline: thin, but never thinner than a fine printed line."""
    return max(0.8, radius * 0.09)


# (mouth corner height, how far the middle bends: + smile, - frown) at five anchors, most
# negative first; a face between two anchors takes the mouth between theirs.
_MOUTHS: tuple[tuple[float, float], ...] = (
    (0.52, -0.46),
    (0.46, -0.24),
    (0.36, 0.0),
    (0.25, 0.28),
    (0.12, 0.55),
)


def face(tone: float) -> Face:
    """The face for a tone: 0 is the most negative feeling on the scale, 1 the most
    positive (see theme.face_tone)."""
    at = min(1.0, max(0.0, tone)) * (len(_MOUTHS) - 1)
    below = min(int(at), len(_MOUTHS) - 2)
    part = at - below
    corner_y = _MOUTHS[below][0] + part * (_MOUTHS[below + 1][0] - _MOUTHS[below][0])
    bend = _MOUTHS[below][1] + part * (_MOUTHS[below + 1][1] - _MOUTHS[below][1])
    nearest = round(at)
    half = 0.46 if nearest in (0, len(_MOUTHS) - 1) else 0.42
    mouth = Cubic(
        (-half, corner_y),
        (-half * 0.45, corner_y + bend),
        (half * 0.45, corner_y + bend),
        (half, corner_y),
    )
    eyes = (((-0.34, -0.24), 0.12), ((0.34, -0.24), 0.12))
    brows: tuple[tuple[Point, Point], ...] = ()
    if nearest == 0:
        brows = (((-0.58, -0.60), (-0.16, -0.44)), ((0.58, -0.60), (0.16, -0.44)))
    return Face(eyes, mouth, brows, stroke=0.13)


def scaled(point: Point, centre: Point, radius: float) -> Point:
    return (centre[0] + point[0] * radius, centre[1] + point[1] * radius)


def scaled_cubic(curve: Cubic, centre: Point, radius: float) -> Cubic:
    return Cubic(*(scaled(p, centre, radius) for p in
                   (curve.start, curve.control1, curve.control2, curve.end)))


def kind_marker(kind: str, centre: Point, radius: float) -> list[Point] | None:
    """Outline of a card kind's marker; None means a circle (touchpoint)."""
    cx, cy = centre
    r = radius
    if kind == "pain_point":  # a warning triangle
        return [(cx, cy - r * 1.1), (cx + r * 1.05, cy + r * 0.8), (cx - r * 1.05, cy + r * 0.8)]
    if kind == "opportunity":  # a diamond
        return [(cx, cy - r * 1.15), (cx + r * 1.0, cy), (cx, cy + r * 1.15), (cx - r * 1.0, cy)]
    if kind == "note":  # a square
        s = r * 0.88
        return [(cx - s, cy - s), (cx + s, cy - s), (cx + s, cy + s), (cx - s, cy + s)]
    return None


def star(centre: Point, radius: float, points: int = 5, inner_ratio: float = 0.45) -> list[Point]:
    cx, cy = centre
    outline = []
    for i in range(points * 2):
        r = radius if i % 2 == 0 else radius * inner_ratio
        angle = -math.pi / 2 + i * math.pi / points
        outline.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return outline


def monotone_curve(points: list[Point]) -> list[Cubic]:
    """A smooth curve through points sorted by x that never overshoots them (Fritsch-Carlson),
    so an emotion line between two 'very positive' points never rises above the scale."""
    n = len(points)
    if n < 2:
        return []
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    h = [max(xs[i + 1] - xs[i], 1e-9) for i in range(n - 1)]
    delta = [(ys[i + 1] - ys[i]) / h[i] for i in range(n - 1)]
    slopes = [0.0] * n
    slopes[0], slopes[-1] = delta[0], delta[-1]
    for i in range(1, n - 1):
        if delta[i - 1] * delta[i] <= 0:
            slopes[i] = 0.0
        else:
            w1 = 2 * h[i] + h[i - 1]
            w2 = h[i] + 2 * h[i - 1]
            slopes[i] = (w1 + w2) / (w1 / delta[i - 1] + w2 / delta[i])
    for i in range(n - 1):
        if delta[i] == 0:
            slopes[i] = slopes[i + 1] = 0.0
    segments = []
    for i in range(n - 1):
        third = h[i] / 3
        segments.append(
            Cubic(
                points[i],
                (xs[i] + third, ys[i] + slopes[i] * third),
                (xs[i + 1] - third, ys[i + 1] - slopes[i + 1] * third),
                points[i + 1],
            )
        )
    return segments


def monotone_segment(points: list[Point], i: int) -> Cubic:
    """Segment `i` (from point i to point i + 1) of `monotone_curve(points)`, computed alone
    the same way to the last bit: a moved point changes only the segments near it."""
    n = len(points)
    xs0, ys0 = points[i]
    xs1, ys1 = points[i + 1]
    h = max(xs1 - xs0, 1e-9)
    return Cubic(
        points[i],
        (xs0 + h / 3, ys0 + _monotone_slope(points, i) * (h / 3)),
        (xs1 - h / 3, ys1 - _monotone_slope(points, i + 1) * (h / 3)),
        points[i + 1],
    ) if n >= 2 else Cubic(points[i], points[i], points[i], points[i])


def _monotone_slope(points: list[Point], i: int) -> float:
    """The tangent `monotone_curve` gives point i."""
    n = len(points)

    def step(j: int) -> tuple[float, float]:  # h[j], delta[j]
        h = max(points[j + 1][0] - points[j][0], 1e-9)
        return h, (points[j + 1][1] - points[j][1]) / h

    before = step(i - 1) if i > 0 else None
    after = step(i) if i < n - 1 else None
    if (before is not None and before[1] == 0) or (after is not None and after[1] == 0):
        return 0.0
    if before is None:
        assert after is not None
        return after[1]
    if after is None:
        return before[1]
    if before[1] * after[1] <= 0:
        return 0.0
    w1 = 2 * after[0] + before[0]
    w2 = after[0] + 2 * before[0]
    return (w1 + w2) / (w1 / before[1] + w2 / after[1])
