"""What the user asked for: paper, orientation, bleed, marks, colour space, tiles or handout.

`PdfOptions` is shared by the export dialog and `journeymap export`; it validates itself on
construction, so an invalid combination never reaches the drawing code, and every error is one
line a person can act on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any, Literal

MM = 72 / 25.4  # points per millimetre
MAX_PAGE_PT = 14_400.0  # 200 in: the largest page the PDF spec allows at the default user unit
MIN_PAPER_MM = 50.0
MAX_BLEED_MM = 20.0
MAX_OVERLAP_MM = 50.0
DEFAULT_OVERLAP_MM = 10.0
DEFAULT_POSTER_PAPER = "A1"
DEFAULT_HANDOUT_PAPER = "A4"
DEFAULT_MIN_TEXT_PT = 9.0  # posters: the smallest text as printed (2 m away reads ~11.5 pt)
LOWEST_MIN_TEXT_PT = 6.0  # below this nothing on paper is legible
HIGHEST_MIN_TEXT_PT = 72.0

Orientation = Literal["auto", "landscape", "portrait"]
ORIENTATIONS: tuple[str, ...] = ("auto", "landscape", "portrait")

# Portrait sizes in millimetres.
PAPERS: dict[str, tuple[float, float]] = {
    "A0": (841.0, 1189.0),
    "A1": (594.0, 841.0),
    "A2": (420.0, 594.0),
    "A3": (297.0, 420.0),
    "A4": (210.0, 297.0),
    "Letter": (215.9, 279.4),
    "Tabloid": (279.4, 431.8),
    "ARCH-D": (609.6, 914.4),
    "ARCH-E": (914.4, 1219.2),
}
PAPER_NAMES: tuple[str, ...] = tuple(PAPERS)  # for the dialog's combo box, in this order
TILE_PAPER_NAMES: tuple[str, ...] = ("A4", "A3", "Letter")
HANDOUT_PAPER_NAMES: tuple[str, ...] = ("A4", "Letter")

_CUSTOM = re.compile(
    r"^\s*(\d+(?:\.\d+)?)\s*(?:x|×|\*)\s*(\d+(?:\.\d+)?)\s*mm\s*$", re.IGNORECASE
)


class OptionsError(ValueError):
    """Options that cannot be exported; `str()` is one line for a person to read."""


@dataclass(frozen=True)
class Paper:
    name: str  # "A1" or "600x400mm"
    width_mm: float  # as the paper is named (portrait for the ISO/US sizes)
    height_mm: float

    @property
    def size_pt(self) -> tuple[float, float]:
        return (self.width_mm * MM, self.height_mm * MM)

    def oriented(self, landscape: bool) -> tuple[float, float]:
        """(width, height) in points, long side across for landscape."""
        short, long = sorted(self.size_pt)
        return (long, short) if landscape else (short, long)

    @property
    def is_custom(self) -> bool:
        return self.name not in PAPERS


def _number(value: float) -> str:
    return f"{value:g}"


def parse_paper(text: str) -> Paper:
    """A paper by name (case does not matter) or as "WIDTHxHEIGHTmm", e.g. "600x400mm"."""
    wanted = text.strip()
    for name, (w, h) in PAPERS.items():
        if wanted.casefold() == name.casefold():
            return Paper(name, w, h)
    match = _CUSTOM.match(wanted)
    if not match:
        names = ", ".join(PAPER_NAMES)
        raise OptionsError(f'unknown paper "{text}" (choose {names} or WxHmm, e.g. 600x400mm)')
    w, h = float(match.group(1)), float(match.group(2))
    if min(w, h) < MIN_PAPER_MM:
        raise OptionsError(f"paper {_number(w)}x{_number(h)} mm is too small "
                           f"(at least {_number(MIN_PAPER_MM)} mm a side)")
    largest = MAX_PAGE_PT / MM
    if max(w, h) > largest:
        raise OptionsError(f"paper {_number(w)}x{_number(h)} mm is larger than PDF allows "
                           f"(at most 200 in = {largest:.0f} mm a side)")
    return Paper(f"{_number(w)}x{_number(h)}mm", w, h)


@dataclass(frozen=True)
class PdfOptions:
    """One export's settings. `paper=None` means the usual paper: A1 for a poster, A4 for a
    handout. Tiles (`tile`) print the poster on several office sheets; bleed and crop marks
    are for single-page posters sent to a print shop."""

    paper: str | None = None
    orientation: Orientation = "auto"
    bleed_mm: float = 0.0
    crop_marks: bool = False
    cmyk: bool = False
    tile: str | None = None
    overlap_mm: float = DEFAULT_OVERLAP_MM
    handout: bool = False
    # PDF/X-4 for a print shop (single-page posters): CMYK through the shop's profile.
    pdfx: bool = False
    icc: str | None = None  # the shop's CMYK output profile (a file); None: look for one
    min_text_pt: float = DEFAULT_MIN_TEXT_PT  # posters: no text prints smaller than this

    def __post_init__(self) -> None:
        paper = self.paper
        if paper is not None:
            if not isinstance(paper, str):
                raise OptionsError("paper must be a name such as A1 or 600x400mm")
            object.__setattr__(self, "paper", parse_paper(paper).name)
        if self.orientation not in ORIENTATIONS:
            raise OptionsError(f'unknown orientation "{self.orientation}" '
                               f'(choose {", ".join(ORIENTATIONS)})')
        for name, value, largest in (("bleed", self.bleed_mm, MAX_BLEED_MM),
                                     ("overlap", self.overlap_mm, MAX_OVERLAP_MM)):
            if isinstance(value, bool) or not isinstance(value, int | float) \
                    or not math.isfinite(value):
                raise OptionsError(f"{name} must be a number of millimetres")
            if not 0 <= value <= largest:
                raise OptionsError(f"{name} must be between 0 and {_number(largest)} mm, "
                                   f"not {_number(value)}")
            object.__setattr__(self, f"{name}_mm", float(value))
        for name in ("crop_marks", "cmyk", "handout", "pdfx"):
            if not isinstance(getattr(self, name), bool):
                raise OptionsError(f"{name.replace('_', ' ')} must be true or false")
        if self.tile is not None:
            tile = next((n for n in TILE_PAPER_NAMES if n.casefold() == str(self.tile)
                         .strip().casefold()), None)
            if tile is None:
                raise OptionsError(f'cannot tile on "{self.tile}" sheets '
                                   f'(choose {", ".join(TILE_PAPER_NAMES)})')
            object.__setattr__(self, "tile", tile)
        if self.icc is not None and (not isinstance(self.icc, str) or not self.icc.strip()):
            raise OptionsError("the ICC profile must be a file name")
        value = self.min_text_pt
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not math.isfinite(value):
            raise OptionsError("the smallest text size must be a number of points")
        if not LOWEST_MIN_TEXT_PT <= value <= HIGHEST_MIN_TEXT_PT:
            raise OptionsError(f"the smallest text size must be between "
                               f"{_number(LOWEST_MIN_TEXT_PT)} and "
                               f"{_number(HIGHEST_MIN_TEXT_PT)} pt, not {_number(value)}")
        object.__setattr__(self, "min_text_pt", float(value))
        self._check_combinations()

    def _check_combinations(self) -> None:
        if self.pdfx and (self.handout or self.tile is not None):
            what = "handouts" if self.handout else "tiled posters"
            raise OptionsError(f"PDF/X is for single-page posters a print shop prints, "
                               f"not {what}")
        if self.icc is not None and not (self.pdfx or self.cmyk):
            raise OptionsError("an ICC profile applies to CMYK output (add --pdfx or --cmyk)")
        if self.handout:
            if self.tile is not None:
                raise OptionsError("a handout cannot be tiled (choose --handout or --tile)")
            if self.paper_name not in HANDOUT_PAPER_NAMES:
                raise OptionsError(f"handouts print on {' or '.join(HANDOUT_PAPER_NAMES)}, "
                                   f"not {self.paper_name}")
            if self.orientation == "landscape":
                raise OptionsError("handouts are portrait (leave orientation at auto)")
        if (self.handout or self.tile is not None) and (self.bleed_mm or self.crop_marks):
            what = "handouts" if self.handout else "tiled posters"
            raise OptionsError(f"bleed and crop marks are for single-page posters, "
                               f"not {what}")

    # ----- derived ----------------------------------------------------------------------------
    @property
    def paper_name(self) -> str:
        if self.paper is not None:
            return self.paper
        return DEFAULT_HANDOUT_PAPER if self.handout else DEFAULT_POSTER_PAPER

    @property
    def paper_spec(self) -> Paper:
        return parse_paper(self.paper_name)

    @property
    def separated(self) -> bool:
        """CMYK output, whether through a profile or the device formula."""
        return self.cmyk or self.pdfx

    @property
    def kind(self) -> Literal["poster", "tiles", "handout"]:
        if self.handout:
            return "handout"
        return "tiles" if self.tile is not None else "poster"

    # ----- remembering the dialog's last settings ----------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PdfOptions:
        """Options from `to_dict()` output; unknown keys are ignored (settings written by a
        newer version), bad values raise OptionsError."""
        if not isinstance(data, Mapping):
            raise OptionsError("saved export settings are not a mapping")
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    @classmethod
    def from_dict_or_default(cls, data: object) -> PdfOptions:
        """For restoring a dialog: the saved settings if they are still valid, else defaults."""
        try:
            return cls.from_dict(data)  # type: ignore[arg-type]
        except (OptionsError, TypeError):
            return cls()
