"""`journeymap export MAP -o OUT.pdf|OUT.svg|OUT.png [options]`: exports from the command line.

The output's suffix chooses the format: a print-ready PDF (poster, tiles or handout), an SVG
with text as text, or a PNG at `--dpi` (150 unless given). Errors are one line on stderr
("journeymap: ...") with exit status 1; usage errors come from argparse with status 2. The
output is written atomically, so a failed export leaves no partial file and never damages an
existing one; an unknown suffix writes nothing at all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from journeymap_desktop.export.options import (
    DEFAULT_HANDOUT_PAPER,
    DEFAULT_MIN_TEXT_PT,
    DEFAULT_OVERLAP_MM,
    DEFAULT_POSTER_PAPER,
    LOWEST_MIN_TEXT_PT,
    ORIENTATIONS,
    PAPER_NAMES,
    TILE_PAPER_NAMES,
    OptionsError,
    PdfOptions,
)
from journeymap_desktop.formats import FORMATS, UnknownFormatError
from journeymap_desktop.safe_text import file_path, one_line, shown

if TYPE_CHECKING:
    from journeymap_desktop.model.map import JourneyMap

EXIT_OK = 0
EXIT_FAILED = 1
DEFAULT_DPI = 150  # export.image.DEFAULT_DPI, without importing it for the parser
# The output's suffix names the format, as journeymap_desktop.formats.FORMATS registers it.
# What only a PDF has (paper, bleed, tiles, ...) is refused for the others.
_PDF_ONLY = (("paper", "--paper"), ("bleed", "--bleed"), ("crop_marks", "--crop-marks"),
             ("cmyk", "--cmyk"), ("tile", "--tile"), ("overlap", "--overlap"),
             ("handout", "--handout"), ("pdfx", "--pdfx"), ("icc", "--icc"),
             ("min_text", "--min-text"))


def add_export_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    papers = "|".join(PAPER_NAMES)
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="write a print-ready PDF (poster, tiles, handout), an SVG or a PNG",
        description="Export a journey map. The output's suffix chooses the format: .pdf for "
                    "a print-ready PDF (a one-page poster by default, a poster tiled onto "
                    "office sheets with --tile, or an A4/Letter handout with --handout), .svg "
                    "for an SVG image with searchable text, .png for a PNG image (--dpi).",
    )
    parser.add_argument("map", metavar="MAP",
                        help=f"the map to export: {FORMATS.what_opens()}")
    parser.add_argument("-o", "--output", required=True, metavar="OUT",
                        help=f"the file to write: {FORMATS.export_names()} (replaced only "
                             "when the export succeeds)")
    parser.add_argument("--dpi", type=int, default=None, metavar="N",
                        help=f"resolution of a PNG (default {DEFAULT_DPI})")
    parser.add_argument("--paper", metavar="PAPER",
                        help=f"{papers} or WxHmm, e.g. 600x400mm (default "
                             f"{DEFAULT_POSTER_PAPER}; {DEFAULT_HANDOUT_PAPER} for handouts)")
    parser.add_argument("--orientation", choices=ORIENTATIONS, default="auto",
                        help="auto (default) picks the one that prints the map larger")
    parser.add_argument("--bleed", type=float, default=0.0, metavar="MM",
                        help="extend the page and background this far beyond the trim")
    parser.add_argument("--crop-marks", action="store_true",
                        help="draw crop marks outside the trim (and bleed)")
    parser.add_argument("--cmyk", action="store_true", help="CMYK colours instead of RGB")
    parser.add_argument("--pdfx", action="store_true",
                        help="PDF/X-4 for a print shop: CMYK through the shop's ICC profile, "
                             "small text in solid black (single-page posters)")
    parser.add_argument("--icc", metavar="FILE",
                        help="the print shop's CMYK output profile (.icc) for --pdfx or --cmyk "
                             "(default for --pdfx: one found in the system's colour folders)")
    parser.add_argument("--min-text", type=float, default=None, metavar="PT",
                        help=f"posters: the smallest text size as printed (default "
                             f"{DEFAULT_MIN_TEXT_PT:g}, at least {LOWEST_MIN_TEXT_PT:g}); "
                             f"cards get briefer until their text reaches it")
    parser.add_argument("--tile", metavar="SHEET",
                        help=f"print the poster on {', '.join(TILE_PAPER_NAMES[:-1])} or "
                             f"{TILE_PAPER_NAMES[-1]} sheets")
    parser.add_argument("--overlap", type=float, default=None, metavar="MM",
                        help=f"overlap between tiles (default {DEFAULT_OVERLAP_MM:g})")
    parser.add_argument("--handout", action="store_true",
                        help="overview, one page per stage, pain points and opportunities")
    parser.add_argument("--view", metavar="NAME",
                        help="export only what a saved view of the map shows (its lanes and "
                             "cards); NAME as in the map, case and accents ignored")
    return parser


def _fail(message: str) -> int:
    print(f"journeymap: {one_line(message)}", file=sys.stderr)
    return EXIT_FAILED


def options_from_args(args: argparse.Namespace) -> PdfOptions:
    if args.overlap is not None and args.tile is None:
        raise OptionsError("--overlap applies to tiles only (add --tile A4, A3 or Letter)")
    return PdfOptions(
        paper=args.paper,
        orientation=args.orientation,
        bleed_mm=args.bleed,
        crop_marks=args.crop_marks,
        cmyk=args.cmyk,
        tile=args.tile,
        overlap_mm=DEFAULT_OVERLAP_MM if args.overlap is None else args.overlap,
        handout=args.handout,
        pdfx=args.pdfx,
        icc=args.icc,
        min_text_pt=DEFAULT_MIN_TEXT_PT if args.min_text is None else args.min_text,
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def output_format(out: Path) -> str:
    """The export format's key ("pdf", "svg", "png") from the output's suffix, asked of the
    format registry; OptionsError names the suffixes that work."""
    try:
        return FORMATS.export_format(out).key
    except UnknownFormatError as error:
        raise OptionsError(str(error)) from None


def read_map(source: Path) -> JourneyMap:
    """The map to export, read by the format its suffix names (a `.journeymap` file, or any
    format the registry imports); the app's own format when the suffix names none (its loader
    tells a map saved under another name from a file that is no map)."""
    return (FORMATS.for_opening(source) or FORMATS.native).read(source).map


def journey_of_view(journey: JourneyMap, name: str, source: Path) -> JourneyMap:
    """What `--view NAME` exports: the map as the view shows it (model.views.view_map);
    OptionsError names the views the map has when none is called NAME."""
    from journeymap_desktop.model.views import view_by_name, view_map

    view = view_by_name(journey, name)
    if view is not None:
        return view_map(journey, view)
    if not journey.views:
        raise OptionsError(f"{file_path(source)} has no saved views (asked for "
                           f"“{shown(name, 60)}”)")
    names = ", ".join(f"“{shown(v.name, 60)}”" for v in journey.views)
    raise OptionsError(f"{file_path(source)} has no view named “{shown(name, 60)}”; "
                       f"its views: {names}")


def _check_format_options(args: argparse.Namespace, kind: str) -> None:
    if kind != "png" and args.dpi is not None:
        raise OptionsError("--dpi applies to PNG images only (name the output OUT.png)")
    if kind != "pdf":
        given = [flag for name, flag in _PDF_ONLY if getattr(args, name)]
        if args.orientation != "auto":
            given.append("--orientation")
        if given:
            raise OptionsError(f"{', '.join(given)} appl{'ies' if len(given) == 1 else 'y'} "
                               f"to PDF only; an {kind.upper()} shows the whole poster")


def cmd_export(args: argparse.Namespace) -> int:
    from journeymap_desktop.storage import LoadError

    source = Path(args.map)
    out = Path(args.output)
    if _same_file(source, out):
        return _fail(f"{file_path(out)} is the map itself; choose another output file")
    try:
        kind = output_format(out)
        _check_format_options(args, kind)
        options = options_from_args(args) if kind == "pdf" else None
    except OptionsError as error:
        return _fail(str(error))
    try:
        journey = read_map(source)
    except LoadError as error:
        return _fail(str(error))
    if args.view is not None:
        try:
            journey = journey_of_view(journey, args.view, source)
        except OptionsError as error:
            return _fail(str(error))
    if options is None:
        return _export_image(journey, out, kind, args.dpi)
    from journeymap_desktop.export.errors import ExportError

    try:
        result = FORMATS.get(kind).load_writer()(journey, out, options)
    except (OptionsError, ExportError) as error:
        return _fail(str(error))
    print(f"wrote {file_path(out)}: {one_line(result.summary())}")
    for note in result.notes:
        print(f"journeymap: note: {one_line(note)}", file=sys.stderr)
    return EXIT_OK


def _export_image(journey: JourneyMap, out: Path, kind: str, dpi: int | None) -> int:
    from journeymap_desktop.export.errors import ExportError

    write = FORMATS.get(kind).load_writer()
    try:
        if kind == "png":
            result = write(journey, out, DEFAULT_DPI if dpi is None else dpi)
        else:
            result = write(journey, out)
    except ExportError as error:
        return _fail(str(error))
    print(f"wrote {out}: {result.summary()}")
    return EXIT_OK
