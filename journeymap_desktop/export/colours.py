"""Theme colours (#RRGGBB) as reportlab colours: RGB, device CMYK, or separated for a press.

Three ways, chosen per export:
- RGB (the default): the screen's colours.
- CMYK without a profile (`--cmyk`): the naive device conversion (no press is targeted);
  neutral greys go to the black plate only.
- CMYK through a print shop's output profile (`--icc`, always for PDF/X): littleCMS separates
  every colour for that press (see icc.py), and small text prints in solid black on the black
  plate only, overprinting, so it stays sharp whatever the registration.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib.colors import CMYKColor, Color

from journeymap_desktop.export.icc import OutputProfile
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.theme import Role
from journeymap_desktop.model.map import JourneyMap

_NEUTRAL_TOLERANCE = 0.035
# Text up to this size as printed (points) goes on the black plate only, at 100 %, overprinting.
SMALL_TEXT_PT = 12.0
# Text darker than this (L* through the profile, as K) counts as black at any size.
BLACK_TEXT_K = 0.85
SOLID_BLACK = "0 0 0 1 k"
GREY_CHROMA = 8.0  # lines and text this close to grey (Lab chroma) print on K alone


def rgb_to_cmyk(r: float, g: float, b: float) -> tuple[float, float, float, float]:
    if max(r, g, b) - min(r, g, b) <= _NEUTRAL_TOLERANCE:
        return (0.0, 0.0, 0.0, round(1 - (r + g + b) / 3, 4))
    k = 1 - max(r, g, b)
    if k >= 1:
        return (0.0, 0.0, 0.0, 1.0)
    c, m, y = (round((1 - v - k) / (1 - k), 4) for v in (r, g, b))
    return (c, m, y, round(k, 4))


class Palette:
    """Converts and caches colours for one export."""

    def __init__(self, cmyk: bool, profile: OutputProfile | None = None) -> None:
        self.cmyk = cmyk or profile is not None
        self.profile = profile
        self._cache: dict[tuple[str, bool], Color] = {}
        self._ops: dict[tuple[str, bool], str] = {}

    def prepare(self, colours: Iterable[str]) -> None:
        """Separate these colours ahead of drawing, in one pass through the profile."""
        if self.profile is not None:
            self.profile.prepare(colours)

    def values(self, hex_colour: str, line: bool = False) -> tuple[float, ...]:
        """RGB or CMYK values; `line` for strokes and other fine marks, which print on the
        black plate alone when their colour is a grey (through a press profile)."""
        profile = self.profile
        if profile is not None:
            if line and profile.chroma(hex_colour) <= GREY_CHROMA:
                return profile.black_only(hex_colour)
            return profile.separate(hex_colour)
        r, g, b = theme.hex_to_rgb(hex_colour)
        return rgb_to_cmyk(r, g, b) if self.cmyk else (r, g, b)

    def __call__(self, hex_colour: str, line: bool = False) -> Color:
        key = (hex_colour, line)
        found = self._cache.get(key)
        if found is None:
            values = self.values(hex_colour, line)
            found = CMYKColor(*values) if len(values) == 4 else Color(*values)
            self._cache[key] = found
        return found

    def fill_op(self, hex_colour: str) -> str:
        """The PDF operator that sets this fill colour (for literal operator strings)."""
        return self._op(hex_colour, stroke=False)

    def stroke_op(self, hex_colour: str) -> str:
        return self._op(hex_colour, stroke=True)

    def _op(self, hex_colour: str, stroke: bool) -> str:
        key = (hex_colour, stroke)
        found = self._ops.get(key)
        if found is None:
            values = self.values(hex_colour, line=stroke)
            if len(values) == 4:
                found = " ".join(f"{v:.4f}" for v in values) + (" K" if stroke else " k")
            else:
                found = " ".join(f"{v:.4f}" for v in values) + (" RG" if stroke else " rg")
            self._ops[key] = found
        return found

    def text_op(self, hex_colour: str, printed_size: float) -> tuple[str, bool]:
        """(fill operator, overprint) for text of this colour at this printed size. Through
        a press profile, text up to SMALL_TEXT_PT and dark grey text of any size print as
        solid K, overprinting; other grey text on K alone; coloured text as separated."""
        profile = self.profile
        if profile is None:
            return self.fill_op(hex_colour), False
        if printed_size <= SMALL_TEXT_PT + 1e-6:
            return SOLID_BLACK, True
        if profile.chroma(hex_colour) <= GREY_CHROMA:
            k = profile.black_only(hex_colour)[3]
            if k >= BLACK_TEXT_K:
                return SOLID_BLACK, True
            return f"0 0 0 {k:.4f} k", False
        return self.fill_op(hex_colour), False


def mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0..1) of the way towards `other`."""
    a = theme.hex_to_rgb(colour)
    b = theme.hex_to_rgb(other)
    return theme.rgb_to_hex(tuple(x + (y - x) * amount for x, y in zip(a, b, strict=True)))  # type: ignore[arg-type]


def theme_colours(journey: JourneyMap) -> set[str]:
    """Every colour a map's pictures can use, to separate them in one pass before drawing."""
    roles = [Role.INK, Role.INK_SOFT, Role.INK_FAINT, Role.CANVAS, Role.PAPER, Role.GRID,
             Role.LANE_HEADER, Role.CORNER, Role.CARD_BORDER, Role.CURVE, Role.BASELINE,
             Role.INSERTION, Role.MOMENT_OF_TRUTH, Role.STAR_OUTLINE, Role.VOTE, "card",
             Role.shadow(Role.CANVAS)]
    roles += [Role.kind(kind) for kind in theme.KIND_COLOURS]
    roles += [Role.kind_ink(kind) for kind in theme.KIND_INK]
    roles += [Role.emotion(tone) for tone in theme.FACE_TONES]
    for stage in [*journey.stages, None]:
        colour = stage.colour if stage is not None else None
        roles += [Role.stage(colour), Role.stage_header(colour), Role.stage_column(colour),
                  Role.shadow(Role.stage_column(colour))]
    roles += [Role.card(card.colour) for card in journey.cards if card.colour]
    return {theme.colour(role) for role in roles} | {"#FFFFFF", "#000000"}
