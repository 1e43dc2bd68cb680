"""`journeymap export MAP -o OUT.pdf|.svg|.png|.mmd|.csv|.xlsx [options]`, and batches:
`journeymap export A.journeymap B.journeymap ... --outdir DIR --format pdf|svg|png|mmd|csv|xlsx`.

The output's suffix (or --format) chooses the format: a print-ready PDF (poster, tiles or
handout), an SVG with text as text, a PNG at `--dpi` (150 unless given), a Mermaid journey, or
the card spreadsheet (CSV or XLSX). MAP may be any file JourneyMap opens (a Mermaid journey, a
spreadsheet): its reader's notes go to stderr. Errors are one line on stderr ("journeymap:
...") with exit status 1; usage errors come from argparse with status 2. Every output is
written atomically, so a failed export leaves no partial file and never damages an existing
one; an unknown suffix writes nothing at all. A batch prints one line per map and exits 1 if
any failed, leaving the others written.
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
    parser.add_argument("map", metavar="MAP", nargs="+",
                        help=f"the map to export: {FORMATS.what_opens()}; several with "
                             "--outdir")
    parser.add_argument("-o", "--output", metavar="OUT",
                        help=f"the file to write: {FORMATS.export_names()} (replaced only "
                             "when the export succeeds)")
    parser.add_argument("--outdir", metavar="DIR",
                        help="export every MAP into this folder (made if missing), each named "
                             "after its map; needs --format")
    parser.add_argument("--format", metavar="FORMAT", choices=export_suffixes(),
                        help=f"with --outdir: {', '.join(export_suffixes())}")
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


def export_suffixes() -> list[str]:
    """What --format accepts: every export format's suffixes, without the dot."""
    return [suffix.lstrip(".") for fmt in FORMATS.exports() for suffix in fmt.suffixes]


MAX_READ_NOTES = 20  # a reader's notes printed per map; the rest are counted


def cmd_export(args: argparse.Namespace) -> int:
    maps = [Path(name) for name in args.map]
    if args.outdir is None:
        if args.format is not None:
            return _fail("--format names the format of a batch: add --outdir DIR (one map "
                         "exports to -o OUT, whose suffix names the format)")
        if len(maps) > 1:
            return _fail(f"{len(maps)} maps: export them into a folder with --outdir DIR "
                         "--format FORMAT")
        if args.output is None:
            return _fail("name the file to write with -o OUT (or a folder with --outdir)")
        out = Path(args.output)
        if _same_file(maps[0], out):
            return _fail(f"{file_path(out)} is the map itself; choose another output file")
        try:
            kind = output_format(out)
            _check_format_options(args, kind)
            options = options_from_args(args) if kind == "pdf" else None
        except OptionsError as error:
            return _fail(str(error))
        failure = _export_one(maps[0], out, kind, options, args.dpi, args.view, batch=False)
        return EXIT_OK if failure is None else _fail(failure)
    return _export_batch(args, maps)


def _export_batch(args: argparse.Namespace, maps: list[Path]) -> int:
    if args.output is not None:
        return _fail("-o names one output file; with --outdir every map gets its own")
    if args.format is None:
        return _fail(f"name the format of the batch with --format "
                     f"({', '.join(export_suffixes())})")
    suffix = "." + args.format
    try:
        kind = output_format(Path("out" + suffix))
        _check_format_options(args, kind)
        options = options_from_args(args) if kind == "pdf" else None
    except OptionsError as error:
        return _fail(str(error))
    outdir = Path(args.outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        return _fail(f"cannot make the folder {file_path(outdir)}: {error.strerror or error}")
    written: dict[Path, Path] = {}
    failed = 0
    for source in maps:
        out = outdir / (_stem(source) + suffix)
        earlier = written.get(out.resolve())
        if earlier is not None:
            failure: str | None = (f"{file_path(out)} was written from {file_path(earlier)} "
                                   "in this batch; rename one of the maps")
        else:
            failure = _export_one(source, out, kind, options, args.dpi, args.view,
                                   batch=True)
        if failure is None:
            written[out.resolve()] = source
        else:
            failed += 1
            print(f"journeymap: {file_path(source)}: {one_line(failure)}", file=sys.stderr)
    total = len(maps)
    if failed:
        print(f"journeymap: {failed} of {total} map{'s' if total > 1 else ''} failed; "
              f"{total - failed} written", file=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def _stem(source: Path) -> str:
    """The output's name for a map: its name without the suffix its format reads."""
    fmt = FORMATS.for_opening(source)
    name = source.name
    if fmt is not None:
        for suffix in sorted(fmt.suffixes, key=len, reverse=True):
            if name.lower().endswith(suffix) and len(name) > len(suffix):
                return name[: -len(suffix)]
    return source.stem or name


def _export_one(source: Path, out: Path, kind: str, options: PdfOptions | None,
                dpi: int | None, view: str | None, *, batch: bool) -> str | None:
    """Export one map (or what its saved view `view` shows); None when written (its line
    printed), else the one-line reason."""
    from journeymap_desktop.export.errors import ExportError
    from journeymap_desktop.interchange.written import WriteError
    from journeymap_desktop.storage import LoadError

    if _same_file(source, out):
        return f"{file_path(out)} is the map itself; choose another output file"
    try:
        read = (FORMATS.for_opening(source) or FORMATS.native).read(source)
    except LoadError as error:
        return str(error)
    _print_read_notes(source, read.warnings)
    journey = read.map
    if view is not None:
        try:
            journey = journey_of_view(journey, view, source)
        except OptionsError as error:
            return str(error)
    write = FORMATS.get(kind).load_writer()
    try:
        if options is not None:
            result = write(journey, out, options)
        elif kind == "png":
            result = write(journey, out, DEFAULT_DPI if dpi is None else dpi)
        else:
            result = write(journey, out)
    except (OptionsError, ExportError, WriteError) as error:
        return str(error)
    line = f"wrote {file_path(out)}: {one_line(result.summary())}"
    print(f"{file_path(source)} -> {line[6:]}" if batch else line)
    for note in getattr(result, "notes", ()):
        print(f"journeymap: note: {one_line(note)}", file=sys.stderr)
    return None


def _print_read_notes(source: Path, notes: tuple[str, ...]) -> None:
    for note in notes[:MAX_READ_NOTES]:
        print(f"journeymap: {file_path(source)}: {one_line(note)}", file=sys.stderr)
    if len(notes) > MAX_READ_NOTES:
        print(f"journeymap: {file_path(source)}: {len(notes) - MAX_READ_NOTES:,} more notes",
              file=sys.stderr)
