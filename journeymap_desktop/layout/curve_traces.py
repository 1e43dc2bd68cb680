"""Several emotion curves in one band: which curves are drawn, how each looks (colour by
persona, dash by scenario), where their points lie, and the band of each value's evidence.

The engine (`LayoutEngine._emotion_band`) places the active curve's points and words; this
module gives every drawn curve its style and points on the same x positions (one slot per
touchpoint with a value on any drawn curve, so curves compare card by card), and the outline
of its evidence band. Pure Python, like the rest of layout/.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.geometry import (
    CurveKey,
    CurvePoint,
    CurveStyle,
    CurveTrace,
    Rect,
    TextLine,
)
from journeymap_desktop.layout.shapes import Cubic, Point, monotone_curve
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.model.curves import curve_name, persona_index
from journeymap_desktop.model.emotion import AS_IS, TO_BE, EmotionCurve
from journeymap_desktop.model.scales import position

if TYPE_CHECKING:
    from journeymap_desktop.model.map import Card, JourneyMap


def drawn_curves(journey: JourneyMap, active_id: str | None,
                 shown_ids: Collection[str] | None) -> list[EmotionCurve]:
    """The curves the band draws, in the map's order: those in `shown_ids` (None: every
    curve of the map), and always the active one."""
    return [curve for curve in journey.curves
            if shown_ids is None or curve.id in shown_ids or curve.id == active_id]


def scenario_dash(journey: JourneyMap, scenario: str) -> tuple[float, ...] | None:
    """As-is solid, to-be dashed, the user's own scenarios each one of the other dashes (in
    the order the map's curves first name them)."""
    if scenario == AS_IS:
        return None
    if scenario == TO_BE:
        return theme.TO_BE_DASH
    own: list[str] = []
    for curve in journey.curves:
        if curve.scenario not in (AS_IS, TO_BE) and curve.scenario not in own:
            own.append(curve.scenario)
    index = own.index(scenario) if scenario in own else 0
    return theme.OWN_SCENARIO_DASHES[index % len(theme.OWN_SCENARIO_DASHES)]


def curve_style(journey: JourneyMap, curve: EmotionCurve, active: bool = False) -> CurveStyle:
    return CurveStyle(curve.id, curve_name(journey, curve),
                      theme.Role.persona_curve(persona_index(journey, curve)),
                      scenario_dash(journey, curve.scenario), active)


def curve_styles(journey: JourneyMap, active_id: str | None,
                 shown_ids: Collection[str] | None) -> list[CurveStyle]:
    """The drawn curves' styles in the map's order (what a legend lists)."""
    return [curve_style(journey, curve, curve.id == active_id)
            for curve in drawn_curves(journey, active_id, shown_ids)]


def _straight(a: Point, b: Point) -> Cubic:
    return Cubic(a, a, b, b)


def _reversed(segments: Sequence[Cubic]) -> list[Cubic]:
    return [Cubic(s.end, s.control2, s.control1, s.start) for s in reversed(segments)]


def _smooth(points: list[Point]) -> list[Cubic]:
    return monotone_curve(points) if len(points) > 1 else []


def spread_outline(run: list[tuple[float, float, float]]) -> tuple[Cubic, ...]:
    """The closed outline of a band through (x, y of q3, y of q1) points in x order: the
    upper quartile's curve, down, the lower quartile's curve back, up. A lone point gets a
    short bar. Bands are never thinner than 2 units, so agreement still shows."""
    least = 1.0
    upper = [(x, min(top, (top + bottom) / 2 - least)) for x, top, bottom in run]
    lower = [(x, max(bottom, (top + bottom) / 2 + least)) for x, top, bottom in run]
    if len(run) == 1:
        half = theme.SPREAD_SINGLE_WIDTH / 2
        (x, top), (_, bottom) = upper[0], lower[0]
        corners = [(x - half, top), (x + half, top), (x + half, bottom), (x - half, bottom)]
        return tuple(_straight(a, b) for a, b in zip(corners, [*corners[1:], corners[0]],
                                                          strict=True))
    return (*_smooth(upper), _straight(upper[-1], lower[-1]),
            *_reversed(_smooth(lower)), _straight(lower[0], upper[0]))


def trace(journey: JourneyMap, style: CurveStyle, placed: list[tuple[Card, str, float]],
          height_of: Callable[[float], float],
          points: list[CurvePoint] | None = None) -> CurveTrace:
    """One curve across the band from the touchpoints placed (card, stage id, x): a point
    per card with a value on the curve (`points`, when the engine has placed them already,
    with their words), its line, and its evidence band."""
    curve_id = style.curve_id
    scale = journey.scale
    held = [(card, stage_id, x, value) for card, stage_id, x in placed
            if card.emotions and (value := card.emotions.get(curve_id)) is not None]
    if points is None:
        points = [CurvePoint(card.id, stage_id, value.value,
                             theme.face_tone(position(scale, value.value)),
                             (x, height_of(value.value)), None)
                  for card, stage_id, x, value in held]
    spreads: list[tuple[Cubic, ...]] = []
    run: list[tuple[float, float, float]] = []
    for _card, _stage, x, value in held:
        evidence = value.evidence
        if evidence is None:
            if run:
                spreads.append(spread_outline(run))
            run = []
            continue
        run.append((x, height_of(evidence.q3), height_of(evidence.q1)))
    if run:
        spreads.append(spread_outline(run))
    return CurveTrace(style, points, monotone_curve([p.centre for p in points]), spreads)


KEY_SAMPLE = 18.0  # the length of a line in the lane header's key
KEY_RIGHT = 30.0  # room left for the scale's faces down the header's right edge


def curve_key(styles: Sequence[CurveStyle], band: Rect, line_height: float,
              one_line: Callable[[str, FontRole, float, float, float], TextLine],
              ) -> list[CurveKey]:
    """The key in the emotions lane's header, one row per curve in the map's order, set
    against the band's bottom (the title keeps the top; `picture.lane_header` leaves out
    rows that would reach it); the active curve's name in bold (the one keys 1-5 set).
    `one_line(text, role, x, top, width)` fits a caption."""
    if len(styles) < 2:
        return []
    x0 = float(theme.MARGIN + theme.HEADER_PAD)
    text_x = x0 + KEY_SAMPLE + 6
    room = theme.MARGIN + theme.LANE_HEADER_WIDTH - KEY_RIGHT - text_x
    top = band.bottom - theme.HEADER_PAD - len(styles) * line_height
    rows = []
    for i, style in enumerate(styles):
        row_top = top + i * line_height
        rows.append(CurveKey(style, x0, x0 + KEY_SAMPLE, row_top + line_height / 2,
                             one_line(style.name, FontRole.CAPTION_BOLD if style.active
                                      else FontRole.CAPTION, text_x, row_top, room)))
    return rows
