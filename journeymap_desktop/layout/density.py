"""How much of each card a map shows: the one decision that lets a big map print legibly.

A poster of a large map cannot show every word of every card at a readable size. The layout
offers three densities, richest first; the PDF export picks the richest one whose smallest
text still prints at the size asked for (the canvas could offer them too, as zoom levels):

- FULL: every field a card has, cut to a few lines (today's cards), with the stage
  descriptions, lane kinds and the words on the emotion curve.
- COMPACT: the title (up to three lines), the kind marker, the feeling's face, the moment-of-
  truth star and the vote dots. No caption-sized text anywhere on the map.
- TITLES: the kind marker and the title (up to two lines): the map as an index; the handout
  carries the details.
"""

from __future__ import annotations

from enum import Enum

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.theme import FontRole


class Density(Enum):
    FULL = "full"
    COMPACT = "compact"
    TITLES = "titles"

    @property
    def label(self) -> str:
        return {"full": "full cards", "compact": "compact cards (title, face and markers)",
                "titles": "card titles only"}[self.value]


DENSITIES: tuple[Density, ...] = (Density.FULL, Density.COMPACT, Density.TITLES)

# The font roles each density sets text in anywhere on the map (cards, headers, curve).
_ROLES: dict[Density, tuple[FontRole, ...]] = {
    Density.FULL: tuple(FontRole),
    Density.COMPACT: (FontRole.STAGE, FontRole.LANE, FontRole.CARD_TITLE),
    Density.TITLES: (FontRole.STAGE, FontRole.LANE, FontRole.CARD_TITLE),
}

# Brief cards (COMPACT and TITLES): their padding and line limits.
BRIEF_PAD = 8
BRIEF_LANE_MIN_HEIGHT = 56  # a lane of brief cards is no taller than its cards need
BRIEF_BAND_HEIGHT = 136  # the emotion curve's band, with no words on the curve
BRIEF_TITLE_LINES = {Density.COMPACT: 3, Density.TITLES: 2}


def smallest_text(density: Density) -> float:
    """The smallest font size (layout units) a map at this density uses."""
    return min(theme.FONTS[role].size for role in _ROLES[density])


def captions(density: Density) -> bool:
    """Whether caption-sized text (stage descriptions, lane kinds, curve words) is shown."""
    return FontRole.CAPTION in _ROLES[density]
