"""Sizes, spacing and colours shared by the canvas and the PDF, so paper matches screen.

Lengths are layout units: one unit is one pixel on screen at 100 % zoom and one point in a PDF
before the poster is scaled to its paper. Spacing sits on a 4-unit grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

FONT_REGULAR_FILE = "NotoSans-Regular.ttf"
FONT_BOLD_FILE = "NotoSans-Bold.ttf"
FONT_FAMILY = "Noto Sans"
# For what Noto Sans lacks (Hebrew, Arabic, symbols): the PDF and the canvas both fall back to it.
FALLBACK_REGULAR_FILE = "DejaVuSans.ttf"
FALLBACK_BOLD_FILE = "DejaVuSans-Bold.ttf"
FALLBACK_FAMILY = "DejaVu Sans"
# Last in the chain: Chinese and Japanese (regular only; bold text uses it too).
CJK_FILE = "DroidSansFallbackFull.ttf"
CJK_FAMILY = "Droid Sans Fallback"


class FontRole(Enum):
    MAP_TITLE = "map_title"
    STAGE = "stage"
    LANE = "lane"
    CARD_TITLE = "card_title"
    CARD_BODY = "card_body"
    CAPTION = "caption"
    CAPTION_BOLD = "caption_bold"

    # Members are singletons compared by identity: hash them so too (Enum's own hash runs
    # in Python, and a layout looks roles up in dicts hundreds of thousands of times).
    __hash__ = object.__hash__


@dataclass(frozen=True)
class FontSpec:
    size: int  # whole units: the canvas sizes fonts in whole pixels
    bold: bool
    line_height: float


FONTS: dict[FontRole, FontSpec] = {
    FontRole.MAP_TITLE: FontSpec(20, True, 26),
    FontRole.STAGE: FontSpec(15, True, 20),
    FontRole.LANE: FontSpec(13, True, 18),
    FontRole.CARD_TITLE: FontSpec(12, True, 16),
    FontRole.CARD_BODY: FontSpec(11, False, 15),
    FontRole.CAPTION: FontSpec(10, False, 14),
    FontRole.CAPTION_BOLD: FontSpec(10, True, 14),
}

# ----- grid ---------------------------------------------------------------------------------
MARGIN = 24
LANE_HEADER_WIDTH = 168
STAGE_HEADER_MIN_HEIGHT = 64
STAGE_BAND = 6  # the stage's colour band along the top of its header
COLUMN_WIDTH = 232
CELL_PAD_X = 12
CELL_PAD_Y = 12
CARD_GAP = 8
LANE_MIN_HEIGHT = 88
CARD_COLUMN_GAP = 8  # between cards side by side in a crowded stage
WIDEN_FROM_CARDS = 5  # a stage may hold cards side by side once a cell has this many
MAX_CARD_COLUMNS = 6
MAX_STAGES_TO_WIDEN = 60  # beyond this the map is a long strip whatever we do
TARGET_ASPECT = 1.414  # landscape ISO paper: what big maps are shaped towards
HEADER_PAD = 12
STAGE_NAME_MAX_LINES = 2
STAGE_DESCRIPTION_MAX_LINES = 2
LANE_TITLE_MAX_LINES = 3

# ----- cards --------------------------------------------------------------------------------
CARD_WIDTH = COLUMN_WIDTH - 2 * CELL_PAD_X
CARD_PAD = 10
CARD_MARKER_WIDTH = 4  # the kind colour bar along the left edge
CARD_RADIUS = 6
CARD_HEADER_HEIGHT = 14
CARD_TITLE_MAX_LINES = 3
CARD_BODY_MAX_LINES = 4
CARD_TAGS_MAX_LINES = 1
CARD_FOOTER_HEIGHT = 20
CARD_SECTION_GAP = 4
FACE_RADIUS_CARD = 8
VOTE_DOT_RADIUS = 3
VOTE_DOTS_MAX = 5

# ----- emotion lane ---------------------------------------------------------------------------
EMOTION_BAND_HEIGHT = 176
EMOTION_BAND_PAD = 24
FACE_RADIUS_CURVE = 11
CURVE_WIDTH = 2.5
# Curves drawn beside the active one (overlays): thinner, a small dot at each point, their
# evidence as a translucent band in the curve's colour (quartiles: the middle half of answers).
OVERLAY_CURVE_WIDTH = 2.0
OVERLAY_DOT_RADIUS = 3.5
SPREAD_OPACITY = 0.16
SPREAD_SINGLE_WIDTH = 12.0  # a lone point's band: a short bar this wide
# A curve's dash by its scenario, in stroke widths (round caps add one width to each dash):
# as-is solid, to-be dashed, the user's own scenarios dash-dot, then dotted, then long dashes.
TO_BE_DASH: tuple[float, ...] = (3.0, 2.5)
OWN_SCENARIO_DASHES: tuple[tuple[float, ...], ...] = ((3.0, 2.0, 0.01, 2.0), (0.01, 2.0),
                                                      (6.0, 2.5))

# ----- colours (#RRGGBB) ------------------------------------------------------------------------
INK = "#26282B"
INK_SOFT = "#5B6068"
INK_FAINT = "#6B717A"  # still >= 4.5:1 on white for captions
CANVAS_BACKGROUND = "#F6F6F3"
GRID_LINE = "#DEDED8"
LANE_HEADER_FILL = "#ECECE7"
CORNER_FILL = "#FFFFFF"
CARD_FILL = "#FFFFFF"
CARD_BORDER = "#C9CBCF"
CARD_SELECTED_BORDER = "#0072B2"
CURVE_COLOUR = "#3B3F46"
BASELINE_COLOUR = "#B5B8BD"
INSERTION_COLOUR = "#0072B2"
DEFAULT_STAGE_COLOUR = "#56B4E9"
MOMENT_OF_TRUTH_COLOUR = "#E69F00"
STAR_OUTLINE_COLOUR = "#9A6A00"
VOTE_COLOUR = "#3B3F46"
PAPER_COLOUR = "#FFFFFF"
SHADOW_ALPHA = 22 / 255  # a card's shadow: this much black over what lies behind it

# Okabe-Ito (colour-blind safe), each kind also has its own marker shape.
KIND_COLOURS: dict[str, str] = {
    "touchpoint": "#0072B2",
    "pain_point": "#D55E00",
    "opportunity": "#009E73",
    "note": "#CC79A7",
}

# Voting rounds side by side, each in its own Okabe-Ito colour and always with its letter (A,
# B, ...: model.workshop.round_letter) beside it, so a grey-scale print still tells them apart.
ROUND_COLOURS: tuple[str, ...] = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00",
                                  "#56B4E9", "#F0E442")
# The workshop timer: its last seconds and its end (with the words "Time's up", never colour
# alone).
TIMER_WARNING = "#E69F00"
TIMER_END = "#D55E00"


# A curve's colour by its persona (the persona's place in the map), Okabe-Ito without its
# yellow (too light for a line on white); everyone's curves are ink. The dash tells scenarios
# apart, so a grey-scale print still tells every curve apart.
PERSONA_CURVE_COLOURS: tuple[str, ...] = ("#0072B2", "#D55E00", "#009E73", "#CC79A7",
                                          "#E69F00", "#56B4E9")


def persona_curve_colour(index: int | None) -> str:
    """The line colour of a persona's curves (None: everyone's)."""
    if index is None:
        return CURVE_COLOUR
    return PERSONA_CURVE_COLOURS[index % len(PERSONA_CURVE_COLOURS)]


def round_colour(index: int) -> str:
    return ROUND_COLOURS[index % len(ROUND_COLOURS)]


# Darker shades of the kind colours for small text on white (contrast >= 4.5:1).
KIND_INK: dict[str, str] = {
    "touchpoint": "#005A8C",
    "pain_point": "#A13F00",
    "opportunity": "#00704F",
    "note": "#95487A",
}

# ColorBrewer RdYlBu-5: diverging red to blue, never red to green. The five stops lie at the
# normalised positions 0, 1/4, 1/2, 3/4 and 1 of any scale (most negative first); a level in
# between gets the colour between its neighbours.
EMOTION_COLOURS: tuple[str, ...] = ("#D7191C", "#FDAE61", "#FFFFBF", "#ABD9E9", "#2C7BB6")
# Faces and their colours come in this many steps from most negative to most positive, plus
# one: the five stops of -2..+2 and every level of 1-7, 1-10 and 0-10 each get a face of their
# own, and the PDF defines each face once per radius.
FACE_TONE_STEPS = 12
FACE_TONES: tuple[float, ...] = tuple(step / FACE_TONE_STEPS
                                      for step in range(FACE_TONE_STEPS + 1))


def face_tone(position: float) -> float:
    """The tone a face is drawn in for a normalised position on the scale (0 most negative,
    1 most positive), rounded to one of FACE_TONES."""
    return round(min(1.0, max(0.0, position)) * FACE_TONE_STEPS) / FACE_TONE_STEPS


def emotion_colour(tone: float) -> str:
    """The colour of a tone: the RdYlBu stops, mixed between neighbours."""
    at = min(1.0, max(0.0, tone)) * (len(EMOTION_COLOURS) - 1)
    below = min(int(at), len(EMOTION_COLOURS) - 2)
    return mix(EMOTION_COLOURS[below], EMOTION_COLOURS[below + 1], at - below)


def font_size(role: FontRole) -> float:
    return FONTS[role].size


def line_height(role: FontRole) -> float:
    return FONTS[role].line_height


def hex_to_rgb(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def rgb_to_hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02X}" for c in rgb)


def tint(colour: str, amount: float) -> str:
    """Mix `colour` with white: amount 0 is white, 1 is the colour itself."""
    r, g, b = hex_to_rgb(colour)
    return rgb_to_hex((1 - amount + r * amount, 1 - amount + g * amount, 1 - amount + b * amount))


def stage_header_fill(stage_colour: str | None) -> str:
    return tint(stage_colour or DEFAULT_STAGE_COLOUR, 0.18)


def stage_column_fill(stage_colour: str | None) -> str:
    return tint(stage_colour or DEFAULT_STAGE_COLOUR, 0.05)


def card_fill(card_colour: str | None) -> str:
    return tint(card_colour, 0.22) if card_colour else CARD_FILL


def readable_ink(background: str) -> str:
    """Dark text on light backgrounds, white on dark ones."""
    r, g, b = hex_to_rgb(background)
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return INK if luminance > 0.45 else "#FFFFFF"


# ----- colour roles -----------------------------------------------------------------------------
# The display list (layout.display) names each colour by what it is for, never by its value;
# `colour(role)` is the one place that turns a role into #RRGGBB, for the canvas, the PDF, the
# SVG and the PNG alike. Roles after a colon depend on the map: a stage's or a card's own colour,
# a card kind, an emotion level, or (for a shadow) the role of what lies behind it.
class Role:
    INK = "ink"
    INK_SOFT = "ink-soft"
    INK_FAINT = "ink-faint"
    CANVAS = "canvas"
    PAPER = "paper"
    GRID = "grid"
    LANE_HEADER = "lane-header"
    CORNER = "corner"
    CARD_BORDER = "card-border"
    HOVER_BORDER = "hover-border"
    SELECTED = "selected"
    CURVE = "curve"
    BASELINE = "baseline"
    INSERTION = "insertion"
    MOMENT_OF_TRUTH = "moment-of-truth"
    STAR_OUTLINE = "star-outline"
    VOTE = "vote"

    @staticmethod
    def kind(kind: str) -> str:
        """A card kind's colour: its bar and marker."""
        return f"kind:{kind}"

    @staticmethod
    def kind_ink(kind: str) -> str:
        """A darker shade of the kind's colour, for small text on a card."""
        return f"kind-ink:{kind}"

    @staticmethod
    def emotion(tone: float) -> str:
        """A face's colour by its tone (0 most negative .. 1 most positive)."""
        return f"emotion:{tone!r}"

    @staticmethod
    def stage(colour: str | None) -> str:
        """A stage's own colour (the band along the top of its header)."""
        return f"stage:{colour or DEFAULT_STAGE_COLOUR}"

    @staticmethod
    def stage_header(colour: str | None) -> str:
        return f"stage-header:{colour or DEFAULT_STAGE_COLOUR}"

    @staticmethod
    def stage_column(colour: str | None) -> str:
        return f"stage-column:{colour or DEFAULT_STAGE_COLOUR}"

    @staticmethod
    def card(colour: str | None) -> str:
        """A card's fill: white, or a light tint of the colour the user gave it."""
        return f"card:{colour}" if colour else "card"

    @staticmethod
    def persona_curve(index: int | None) -> str:
        """The colour of a persona's emotion curves (its place among the map's personas;
        None: everyone's curves)."""
        return Role.CURVE if index is None else f"persona-curve:{index}"

    @staticmethod
    def round(index: int) -> str:
        """A voting round's colour (its position among the map's rounds)."""
        return f"round:{index}"

    @staticmethod
    def round_ink(index: int) -> str:
        """Text on a voting round's colour: dark on light colours, white on dark ones."""
        return f"round-ink:{index}"

    @staticmethod
    def round_tint(index: int) -> str:
        """A light tint of a round's colour (behind its results)."""
        return f"round-tint:{index}"

    @staticmethod
    def shadow(behind: str) -> str:
        """A card's shadow over `behind` (a role), as one solid colour: paper has no
        transparency to spare, and the screen then shows exactly what prints."""
        return f"shadow:{behind}"


_FIXED_ROLES: dict[str, str] = {
    Role.INK: INK,
    Role.INK_SOFT: INK_SOFT,
    Role.INK_FAINT: INK_FAINT,
    Role.CANVAS: CANVAS_BACKGROUND,
    Role.PAPER: PAPER_COLOUR,
    Role.GRID: GRID_LINE,
    Role.LANE_HEADER: LANE_HEADER_FILL,
    Role.CORNER: CORNER_FILL,
    Role.CARD_BORDER: CARD_BORDER,
    Role.HOVER_BORDER: INK_FAINT,
    Role.SELECTED: CARD_SELECTED_BORDER,
    Role.CURVE: CURVE_COLOUR,
    Role.BASELINE: BASELINE_COLOUR,
    Role.INSERTION: INSERTION_COLOUR,
    Role.MOMENT_OF_TRUTH: MOMENT_OF_TRUTH_COLOUR,
    Role.STAR_OUTLINE: STAR_OUTLINE_COLOUR,
    Role.VOTE: VOTE_COLOUR,
    "card": CARD_FILL,
}


def mix(colour: str, other: str, amount: float) -> str:
    """`colour` moved `amount` (0..1) of the way towards `other`."""
    a = hex_to_rgb(colour)
    b = hex_to_rgb(other)
    return rgb_to_hex((a[0] + (b[0] - a[0]) * amount, a[1] + (b[1] - a[1]) * amount,
                       a[2] + (b[2] - a[2]) * amount))


@lru_cache(maxsize=4096)
def colour(role: str) -> str:
    """The #RRGGBB a colour role stands for. Raises KeyError for an unknown role."""
    fixed = _FIXED_ROLES.get(role)
    if fixed is not None:
        return fixed
    name, _, value = role.partition(":")
    if name == "kind":
        return KIND_COLOURS[value]
    if name == "kind-ink":
        return KIND_INK[value]
    if name == "emotion":
        return emotion_colour(float(value))
    if name == "stage":
        return value
    if name == "stage-header":
        return stage_header_fill(value)
    if name == "stage-column":
        return stage_column_fill(value)
    if name == "card":
        return card_fill(value)
    if name == "persona-curve":
        return persona_curve_colour(int(value))
    if name == "round":
        return round_colour(int(value))
    if name == "round-ink":
        return readable_ink(round_colour(int(value)))
    if name == "round-tint":
        return tint(round_colour(int(value)), 0.16)
    if name == "shadow":
        return mix(colour(value), "#000000", SHADOW_ALPHA)
    raise KeyError(f"unknown colour role {role!r}")
