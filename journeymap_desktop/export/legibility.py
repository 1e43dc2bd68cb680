"""Posters readable from a few metres: the richest card density whose smallest text still
prints at the minimum asked for, and, when even card titles alone cannot, advice on the paper
or tiling that would hold them.

The densities themselves (what a card shows) are the layout's (layout.density); this module
only chooses which one a poster gets, from the page plan's scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from journeymap_desktop.export.options import MM, PAPERS, OptionsError, PdfOptions
from journeymap_desktop.export.plan import PosterPlan, plan_pages, plan_poster
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.density import DENSITIES, Density, smallest_text
from journeymap_desktop.layout.engine import LayoutEngine
from journeymap_desktop.layout.geometry import MapLayout
from journeymap_desktop.layout.picture import point_spacing
from journeymap_desktop.layout.text import TextMeasurer, Wrapper
from journeymap_desktop.model.map import JourneyMap

# Emotion curve points closer than this on paper are summarised per stage.
CURVE_POINT_SPACING_MM = 4.0
FACES_APART = 2.4  # neighbouring faces on the curve at least this many radii apart
ADVICE_PAPERS = ("A3", "A2", "A1", "A0", "ARCH-E")
LARGEST_ADVICE_MM = 5080.0  # 200 in, the largest PDF page


@dataclass(frozen=True)
class PosterChoice:
    density: Density
    layout: MapLayout
    plan: PosterPlan
    smallest_pt: float  # the smallest text on the poster as printed (title block included)
    mood_by_stage: bool  # the emotion curve summarised per stage
    advice: str  # "" when the minimum holds, else what paper or tiling would hold it

    @property
    def fits(self) -> bool:
        return not self.advice


def smallest_on_poster(density: Density, plan: PosterPlan) -> float:
    return min(smallest_text(density) * plan.scale, plan.smallest_header_text)


def _crowded_curve(layout: MapLayout, scale: float) -> bool:
    """Points closer on paper than a few millimetres, or than their faces are wide (faces
    would overlap and hide the line)."""
    least = max(CURVE_POINT_SPACING_MM * MM / max(scale, 1e-9),
                FACES_APART * theme.FACE_RADIUS_CURVE)
    return any(point_spacing(band) < least for band in layout.bands)


def choose(journey: JourneyMap, measurer: TextMeasurer, options: PdfOptions) -> PosterChoice:
    """The richest density whose text prints at options.min_text_pt or more; else card
    titles only, as large as the paper allows, with advice.

    Card titles alone are laid out first: a briefer density is never larger on paper nor set
    in smaller text, so when titles do not reach the minimum nothing richer will, and a big
    map costs one layout instead of three. For the same reason the richer densities are tried
    briefest first, stopping at the first that does not reach the minimum (a map too big for
    compact cards costs two layouts, not three)."""
    minimum = options.min_text_pt - 1e-6
    wrapper = Wrapper(measurer)  # word widths measured once for every density

    def attempt(density: Density) -> tuple[MapLayout, PosterPlan, float]:
        layout = LayoutEngine(measurer, density, wrapper).layout(journey)
        plan = plan_poster((layout.width, layout.height), options)
        return layout, plan, smallest_on_poster(density, plan)

    chosen = (Density.TITLES, *attempt(Density.TITLES))
    if chosen[3] >= minimum:
        for density in reversed(DENSITIES[:-1]):
            layout, plan, smallest = attempt(density)
            if smallest < minimum:
                break
            chosen = (density, layout, plan, smallest)
    density, layout, plan, smallest = chosen
    advice = "" if smallest >= minimum else paper_advice(layout, density, plan, options)
    return PosterChoice(density, layout, plan, smallest, _crowded_curve(layout, plan.scale),
                        advice)


def _holds(size: tuple[float, float], density: Density, options: PdfOptions) -> bool:
    try:
        plan = plan_poster(size, options)
    except OptionsError:
        return False
    return smallest_on_poster(density, plan) >= options.min_text_pt - 1e-6


def paper_advice(layout: MapLayout, density: Density, plan: PosterPlan,
                 options: PdfOptions) -> str:
    """E.g. "9 pt needs A0, or 1 x 2 A1 sheets"; "" when nothing is needed."""
    size = (layout.width, layout.height)
    minimum = options.min_text_pt
    wanted = f"{minimum:g} pt needs"
    current = options.paper_spec
    bigger = [name for name in ADVICE_PAPERS
              if PAPERS[name][0] * PAPERS[name][1] > current.width_mm * current.height_mm]
    for name in bigger:
        if _holds(size, density, replace(options, paper=name, orientation="auto")):
            return f"{wanted} {name} paper"
    # Grow the paper in proportion until it holds: a custom size, or sheets side by side.
    factor = minimum / max(smallest_on_poster(density, plan), 1e-6)
    w_mm, h_mm = (v / MM for v in plan.trim_size)
    for _ in range(60):
        w, h = math.ceil(w_mm * factor / 10) * 10, math.ceil(h_mm * factor / 10) * 10
        if max(w, h) > LARGEST_ADVICE_MM:
            return (f"{wanted} a poster larger than PDF allows (200 in a side): split the map "
                    f"into several maps")
        custom = replace(options, paper=f"{w}x{h}mm", orientation="auto")
        if _holds(size, density, custom):
            return f"{wanted} a {w} x {h} mm poster: {_sheets(w, h)}, or --paper " \
                   f"{w}x{h}mm {_tiles(size, custom)}"
        factor *= 1.04
    return f"{wanted} a much larger poster"


def _sheets(w: float, h: float) -> str:
    """The fewest A0 or A1 sheets that cover w x h mm, butted together."""
    options = []
    for name in ("A0", "A1"):
        short, long = PAPERS[name]
        for sw, sh in ((short, long), (long, short)):
            count = (math.ceil(w / sw - 1e-9), math.ceil(h / sh - 1e-9))
            options.append((count[0] * count[1], count, name))
    _, (columns, rows), name = min(options, key=lambda o: (o[0], o[2] != "A0"))
    return f"{columns} x {rows} {name} sheets"


def _tiles(size: tuple[float, float], custom: PdfOptions) -> str:
    try:
        pages = plan_pages(size, replace(custom, tile="A3", pdfx=False, icc=None, cmyk=False,
                                         bleed_mm=0.0, crop_marks=False))
    except OptionsError:
        return "(printed by a print shop)"
    return f"--tile A3 ({len(pages) - 1} sheets)"


def notes(choice: PosterChoice, options: PdfOptions) -> list[str]:
    """What the user should hear about the poster's legibility, one line each."""
    out = []
    if choice.advice:
        out.append(f"even with card titles only, text prints at {choice.smallest_pt:.1f} pt, "
                   f"under the {options.min_text_pt:g} pt asked for: {choice.advice}; the "
                   f"handout (--handout) has every detail")
    elif choice.density is not Density.FULL:
        shown = ("their titles only" if choice.density is Density.TITLES
                 else "titles, faces and markers")
        out.append(f"cards show {shown} so that text prints at {options.min_text_pt:g} pt "
                   f"or more; the handout (--handout) has every detail")
    if choice.mood_by_stage:
        out.append("the emotion curve shows each stage's average feeling and its range "
                   "(its points would be too close to tell apart)")
    return out


def poster_notes(journey: JourneyMap, options: PdfOptions) -> list[str]:
    """The notes a poster with these options will get, before it is drawn (for a dialog)."""
    from journeymap_desktop.layout.typeface import FontMeasurer

    try:
        choice = choose(journey, FontMeasurer(), options)
    except OptionsError as error:
        return [str(error)]
    return [note[0].upper() + note[1:] + "." for note in notes(choice, options)]
