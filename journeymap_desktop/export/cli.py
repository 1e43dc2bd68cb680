"""`journeymap export MAP -o OUT.pdf [options]`: the PDF export from the command line.

Errors are one line on stderr ("journeymap: ...") with exit status 1; usage errors come from
argparse with status 2. The output is written atomically, so a failed export leaves no partial
OUT.pdf and never damages an existing one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from journeymap_desktop.export.options import (
    DEFAULT_HANDOUT_PAPER,
    DEFAULT_OVERLAP_MM,
    DEFAULT_POSTER_PAPER,
    ORIENTATIONS,
    PAPER_NAMES,
    TILE_PAPER_NAMES,
    OptionsError,
    PdfOptions,
)
from journeymap_desktop.safe_text import file_path, one_line

EXIT_OK = 0
EXIT_FAILED = 1
SMALL_TEXT_PT = 6.0  # below this, card text is hard to read on paper


def add_export_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    papers = "|".join(PAPER_NAMES)
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="write a print-ready PDF poster, tiled poster or handout",
        description="Export a journey map as a print-ready PDF: a one-page poster (default), "
                    "a poster tiled onto office sheets (--tile), or an A4/Letter handout "
                    "(--handout).",
    )
    parser.add_argument("map", metavar="MAP", help="the .journeymap file")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.pdf",
                        help="the PDF to write (replaced only when the export succeeds)")
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
    parser.add_argument("--tile", metavar="SHEET",
                        help=f"print the poster on {', '.join(TILE_PAPER_NAMES[:-1])} or "
                             f"{TILE_PAPER_NAMES[-1]} sheets")
    parser.add_argument("--overlap", type=float, default=None, metavar="MM",
                        help=f"overlap between tiles (default {DEFAULT_OVERLAP_MM:g})")
    parser.add_argument("--handout", action="store_true",
                        help="overview, one page per stage, pain points and opportunities")
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
    )


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def cmd_export(args: argparse.Namespace) -> int:
    from journeymap_desktop.export.pdf import ExportError, export_pdf
    from journeymap_desktop.storage import LoadError, load_map

    try:
        options = options_from_args(args)
    except OptionsError as error:
        return _fail(str(error))
    source = Path(args.map)
    out = Path(args.output)
    if _same_file(source, out):
        return _fail(f"{file_path(out)} is the map itself; choose another output file")
    try:
        journey = load_map(source)
    except LoadError as error:
        return _fail(str(error))
    try:
        result = export_pdf(journey, out, options)
    except (OptionsError, ExportError) as error:
        return _fail(str(error))
    print(f"wrote {file_path(out)}: {one_line(result.summary())}")
    if not options.handout and result.card_text_pt < SMALL_TEXT_PT:
        print(f"journeymap: note: card text prints at {result.card_text_pt:.1f} pt; a larger "
              f"--paper or --tile makes it easier to read", file=sys.stderr)
    return EXIT_OK
