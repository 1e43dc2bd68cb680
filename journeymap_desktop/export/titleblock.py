"""The poster's title block (title, description, persona, date) and its legend, as display
lists (layout.display) that every renderer draws: PDF, SVG and PNG.

In the poster frame's layout units (y down), in the rectangles `frame.poster_frame` gives. Text
sizes are the theme's roles scaled up, and wrapped by the shared Wrapper with the one measurer,
so the title block is measured and cut exactly like every card.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from journeymap_desktop import __version__
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.curve_traces import curve_styles
from journeymap_desktop.layout.display import Area, Box, Dots, Item, Marker, Star, Text
from journeymap_desktop.layout.geometry import CurveStyle, Rect
from journeymap_desktop.layout.picture import (
    blueprint_stroke,
    confidence_badge,
    curve_line,
    feeling_mark,
)
from journeymap_desktop.layout.shapes import Cubic
from journeymap_desktop.layout.text import Wrapper
from journeymap_desktop.layout.theme import FontRole, Role
from journeymap_desktop.layout.typeface import FontMeasurer, ScaledMeasurer
from journeymap_desktop.model.emotion import EmotionScale
from journeymap_desktop.model.evidence_text import BADGE_WORDS
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.queries import KIND_LABELS, blueprint_lines
from journeymap_desktop.model.scales import legend_levels, level_name, position

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
LEGEND_FACE_RADIUS = 11.0
CROWDED_FACE_RADIUS = 7.0  # the scale's faces when the curves take rows of the legend too
LEGEND_PAD = 16.0
CURVES_PER_ROW = 3
MAX_CURVE_ROWS = 2
CURVE_SAMPLE_WIDTH = 24.0


@dataclass(frozen=True)
class Style:
    role: FontRole
    factor: float
    colour: str

    @property
    def size(self) -> float:
        return theme.FONTS[self.role].size * self.factor

    @property
    def bold(self) -> bool:
        return theme.FONTS[self.role].bold

    @property
    def line_height(self) -> float:
        return theme.line_height(self.role) * self.factor


TITLE = Style(FontRole.MAP_TITLE, 1.8, Role.INK)
DESCRIPTION = Style(FontRole.CARD_BODY, 1.3, Role.INK_SOFT)
PERSONA = Style(FontRole.CARD_BODY, 1.3, Role.INK)
DATE = Style(FontRole.CAPTION, 1.2, Role.INK_FAINT)
HEADING = Style(FontRole.CAPTION_BOLD, 1.0, Role.INK_SOFT)
CAPTION = Style(FontRole.CAPTION, 1.0, Role.INK_SOFT)


def long_date(journey: JourneyMap) -> str:
    day = journey.meta.modified
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def persona_summary(journey: JourneyMap) -> str:
    if not journey.personas:
        return ""
    if len(journey.personas) == 1:
        persona = journey.personas[0]
        parts = [f"Persona: {persona.name}"]
        if persona.role:
            parts.append(persona.role)
        text = " · ".join(parts)
        if persona.quote:
            text += f" — “{persona.quote}”"
        return text
    names = [f"{p.name} ({p.role})" if p.role else p.name for p in journey.personas]
    return "Personas: " + ", ".join(names)


def date_line(journey: JourneyMap) -> str:
    parts = [long_date(journey)]
    if journey.meta.author:
        parts.append(f"by {journey.meta.author}")
    parts.append(f"{len(journey.stages)} stages, {len(journey.cards)} cards")
    parts.append(f"JourneyMap Desktop {__version__}")
    return " · ".join(parts)


class TitleBlock:
    def __init__(self, measurer: FontMeasurer) -> None:
        self.measurer = measurer
        self._wrappers: dict[float, Wrapper] = {}

    def _wrapper(self, factor: float) -> Wrapper:
        if factor not in self._wrappers:
            self._wrappers[factor] = Wrapper(ScaledMeasurer(self.measurer, factor))
        return self._wrappers[factor]

    def _baseline(self, top: float, style: Style) -> float:
        return self.measurer.baseline(top, style.role, style.factor)

    def _lines(self, out: list[Item], value: str, style: Style, x: float, top: float,
               width: float, max_lines: int) -> float:
        """Wrapped lines; returns the height used."""
        if max_lines <= 0 or not value.strip():
            return 0.0
        wrapper = self._wrapper(style.factor)
        wrapped = wrapper.wrap(value, style.role, width, max_lines)
        for i, line in enumerate(wrapped.lines):
            out.append(Text(line, x, self._baseline(top + i * style.line_height, style),
                            style.role, style.colour, wrapper.width(line, style.role),
                            style.factor))
        return len(wrapped.lines) * style.line_height

    def _one_line(self, out: list[Item], value: str, style: Style, x: float, top: float,
                  width: float, align: str = "left") -> None:
        wrapper = self._wrapper(style.factor)
        fitted = wrapper.fit(value, style.role, width)
        measured = wrapper.width(fitted, style.role)
        if align == "centre":
            x += (width - measured) / 2
        out.append(Text(fitted, x, self._baseline(top, style), style.role, style.colour,
                        measured, style.factor))

    # ----- title block ------------------------------------------------------------------------
    def title_items(self, journey: JourneyMap, rect: Rect, note: str = "") -> list[Item]:
        out: list[Item] = []
        persona = persona_summary(journey)
        bottom_lines: list[tuple[str, Style]] = [(date_line(journey), DATE)]
        if note:
            bottom_lines.append((note, DATE))
        if persona:
            bottom_lines.insert(0, (persona, PERSONA))
        reserved = sum(style.line_height for _, style in bottom_lines) + 8
        used = self._lines(out, journey.title, TITLE, rect.x, rect.y, rect.w, 2)
        room = rect.h - used - reserved - 4
        max_desc = int(room // DESCRIPTION.line_height)
        self._lines(out, journey.description, DESCRIPTION, rect.x, rect.y + used + 4, rect.w,
                    max_desc)
        top = rect.bottom - sum(style.line_height for _, style in bottom_lines)
        for value, style in bottom_lines:
            self._one_line(out, value, style, rect.x, top, rect.w)
            top += style.line_height
        return out

    # ----- legend -----------------------------------------------------------------------------
    def legend_items(self, rect: Rect, scale: EmotionScale,
                     journey: JourneyMap | None = None) -> list[Item]:
        """The legend: the emotion scale, card kinds, markers; with `journey`, also the
        evidence badge (and a metric or quote lane's card, if the map has one) and the
        service blueprint's lines (if it has them)."""
        out: list[Item] = [Box(rect.x, rect.y, rect.w, rect.h, Role.CORNER, Role.GRID, 1.0,
                               8.0)]
        caption_h = CAPTION.line_height
        # The sections (emotion scale, card kinds, markers, and the rows journey depth
        # adds) spread evenly over the height; the padding shrinks when they are many, and
        # with curve rows as well the faces do too.
        extra_rows = [] if journey is None else depth_legend_rows(journey)
        face_r = LEGEND_FACE_RADIUS if len(extra_rows) <= 2 else CROWDED_FACE_RADIUS
        emotion_h = caption_h + 4 + 2 * face_r + 3 + caption_h
        kinds_h = 2 * caption_h + 4
        used = emotion_h + kinds_h + caption_h + len(extra_rows) * caption_h
        pad = LEGEND_PAD if rect.h - 2 * LEGEND_PAD - used >= 8.0 * (2 + len(extra_rows)) \
            else LEGEND_PAD * 0.75
        x0 = rect.x + pad
        inner = rect.w - 2 * pad
        gap = max(4.0 if len(extra_rows) <= 2 else 2.0,
                  (rect.h - 2 * pad - used) / (2 + len(extra_rows)))
        top = rect.y + pad

        self._one_line(out, "EMOTION", HEADING, x0, top, inner)
        top += caption_h + 4
        shown = legend_levels(scale)
        slot = inner / len(shown)
        centre_y = top + face_r
        for i, level in enumerate(shown):
            cx = x0 + slot * (i + 0.5)
            out.append(feeling_mark(cx, centre_y, face_r,
                                    theme.face_tone(position(scale, level)),
                                    scale.marks == "dots"))
            self._one_line(out, level_name(scale, level), CAPTION, cx - slot / 2,
                           centre_y + face_r + 3, slot, align="centre")
        top = centre_y + face_r + 3 + caption_h + gap

        self._one_line(out, "CARD KINDS", HEADING, x0, top, inner)
        top += caption_h + 4
        slot = inner / 4
        middle = top + caption_h / 2
        for i, kind in enumerate(theme.KIND_COLOURS):
            x = x0 + slot * i
            out.append(Marker(kind, x + 5, middle, 5.0))
            self._one_line(out, KIND_LABELS[kind], CAPTION, x + 14, top, slot - 16)
        top += caption_h + gap

        middle = top + caption_h / 2
        out.append(Star(x0 + 6, middle, 6.0))
        self._one_line(out, "Moment of truth", CAPTION, x0 + 16, top, inner / 2 - 20)
        votes_x = x0 + inner / 2
        dots = tuple((votes_x + theme.VOTE_DOT_RADIUS + i * (2 * theme.VOTE_DOT_RADIUS + 3),
                      middle) for i in range(3))
        out.append(Dots(dots, float(theme.VOTE_DOT_RADIUS), Role.VOTE))
        label_x = dots[-1][0] + theme.VOTE_DOT_RADIUS + 6
        self._one_line(out, "Votes (one dot each, +N above 5)", CAPTION, label_x, top,
                       rect.right - pad - label_x)
        for row in extra_rows:
            top += caption_h + gap
            out += self.legend_row(row, x0, top, inner)
        return out

    def legend_row(self, row: list[LegendEntry], x0: float, top: float,
                    inner: float) -> list[Item]:
        """One row of entries, left to right: a heading, then each sample and its words."""
        out: list[Item] = []
        wrapper = self._wrapper(1.0)
        caption_h = CAPTION.line_height
        middle = top + caption_h / 2
        x = x0
        right = x0 + inner
        for entry in row:
            style = HEADING if entry.sample is None else CAPTION
            if entry.sample is not None:
                out += entry.sample(x, middle)
                x += entry.sample_width + 4
            room = right - x
            if room <= 8:
                break
            width = min(wrapper.width(entry.words, style.role), room)
            self._one_line(out, entry.words, style, x, top, room)
            x += width + (8 if entry.sample is None else 12)
        return out


# ----- journey depth in the legend ------------------------------------------------------------
@dataclass(frozen=True)
class LegendEntry:
    """Words, after a sample drawn at (x, middle) `sample_width` wide (a heading has none)."""

    words: str
    sample: Callable[[float, float], Sequence[Item]] | None = None
    sample_width: float = 0.0


def _badge(level: str) -> LegendEntry:
    radius = 5.0
    return LegendEntry(BADGE_WORDS[level], lambda x, y: confidence_badge(
        x + radius, y, radius, level), 2 * radius)


def _rule(name: str, words: str) -> LegendEntry:
    width = 22.0
    return LegendEntry(words, lambda x, y: [blueprint_stroke(name, ((x, y, x + width, y),))],
                       width)


def _curve_entry(style: CurveStyle) -> LegendEntry:
    def sample(x: float, y: float) -> list[Item]:
        a, b = (x + 2, y), (x + CURVE_SAMPLE_WIDTH - 2, y)
        return [curve_line((Cubic(a, a, b, b),), style)]

    return LegendEntry(style.name, sample, CURVE_SAMPLE_WIDTH)


def _band_entry() -> LegendEntry:
    def sample(x: float, y: float) -> list[Item]:
        corners = [(x, y - 4), (x + CURVE_SAMPLE_WIDTH, y - 4), (x + CURVE_SAMPLE_WIDTH, y + 4),
                   (x, y + 4)]
        outline = tuple(Cubic(a, a, b, b) for a, b in zip(corners, [*corners[1:], corners[0]],
                                                           strict=True))
        return [Area(outline, Role.CURVE, theme.SPREAD_OPACITY)]

    return LegendEntry("middle half of answers", sample, CURVE_SAMPLE_WIDTH)


def has_evidence_bands(journey: JourneyMap) -> bool:
    """Whether any curve draws a band: a touchpoint's value with a distribution."""
    return any(value.evidence is not None for card in journey.cards
               if card.kind == "touchpoint" and card.emotions
               for value in card.emotions.values())


def curve_legend_rows(journey: JourneyMap) -> list[list[LegendEntry]]:
    """The curves the map draws (an export draws every curve of the map it is given: a
    view's map has the view's curves), each with its line, and the evidence band when any
    value has one; nothing for a lone curve without bands. At most two rows: more curves
    end in "+N more"."""
    bands = has_evidence_bands(journey)
    if not journey.curves or (len(journey.curves) < 2 and not bands):
        return []
    entries = [_curve_entry(style)
               for style in curve_styles(journey, journey.curves[0].id, None)]
    room = CURVES_PER_ROW * MAX_CURVE_ROWS - (1 if bands else 0)
    if len(entries) > room:
        more = len(entries) - room + 1
        entries = [*entries[:room - 1], LegendEntry(f"+{more} more")]
    if bands:
        entries.append(_band_entry())
    rows = [entries[i:i + CURVES_PER_ROW] for i in range(0, len(entries), CURVES_PER_ROW)]
    rows[0].insert(0, LegendEntry("CURVES"))
    return rows


def depth_legend_rows(journey: JourneyMap) -> list[list[LegendEntry]]:
    """The legend rows journey depth adds: the confidence badge (and what a metric and a
    quote lane's card show, when the map has such lanes), and the service blueprint's lines
    when the map draws any."""
    kinds = {lane.kind for lane in journey.lanes}
    evidence = [LegendEntry("EVIDENCE"), *(_badge(level) for level in ("none", "some",
                                                                        "strong"))]
    if "metric" in kinds:
        evidence.append(LegendEntry("metric: value, source, date"))
    if "quote" in kinds:
        evidence.append(LegendEntry("quote: words, who"))
    rows = [*curve_legend_rows(journey), evidence]
    if blueprint_lines(journey):
        rows.append([LegendEntry("BLUEPRINT LINES"),
                     _rule("Line of interaction", "interaction"),
                     _rule("Line of visibility", "visibility"),
                     _rule("Line of internal interaction", "internal interaction")])
    return rows
