"""The `journeymap` command: the app with an optional file, or a headless subcommand.

    journeymap [FILE]                       open FILE (or a bundled example) in a window; its
                                            suffix names its format (journeymap_desktop/formats)
    journeymap new --template NAME -o FILE  write a new map from a template
    journeymap validate FILE...             check files; exit 0 only when all are valid
    journeymap schema                       print the JSON Schema of the .journeymap format
    journeymap export MAP -o OUT.pdf ...    print-ready PDF poster, tiles or handout
    journeymap export MAP -o OUT.svg|.png   the poster as an SVG (text as text) or PNG
    journeymap votes MAP [--round NAME]     a workshop's voting rounds, ranked (ties marked);
                         [--csv]            --csv: every vote as CSV
    journeymap export MAP -o OUT.mmd|.csv|.xlsx   a Mermaid journey, the card spreadsheet
    journeymap export A B ... --outdir DIR --format pdf|svg|png|mmd|csv|xlsx   a batch
    journeymap import FILE -o MAP [--into MAP]   a Mermaid journey, card spreadsheet or
                                            survey export (.mmd .mermaid .csv .tsv .xlsx)
    journeymap --version

Errors go to stderr as one line with a non-zero exit status, never a traceback. Everything
printed that came from a file or an argument (names, ids, keys) goes through `safe_text`:
escape codes and line breaks are shown escaped, long values cut. Headless subcommands do not
import Qt.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from journeymap_desktop import __version__
from journeymap_desktop.formats import FORMATS
from journeymap_desktop.safe_text import file_path, one_line

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors as one line (no usage dump) and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _fail(message: str) -> int:
    print(f"journeymap: {one_line(message)}", file=sys.stderr)
    return EXIT_FAILED


def _use_safe_output() -> None:
    """Never fail on printing: a terminal that cannot show a character gets an escape."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def cmd_new(args: argparse.Namespace) -> int:
    from journeymap_desktop.model.templates import template_by_key
    from journeymap_desktop.storage import SaveError, save_map

    try:
        template = template_by_key(args.template)
    except KeyError as error:
        return _fail(str(error.args[0]))
    # As the save dialog does: "plan" and "plan.v2" become "plan.journeymap" and
    # "plan.v2.journeymap", so the file opens with the app.
    out = FORMATS.native.with_suffix(Path(args.output))
    if out.exists() and not args.force:
        return _fail(f"{file_path(out)} exists already (use --force to overwrite it)")
    journey = template.build()
    if args.title:
        from pydantic import ValidationError

        try:
            journey.title = args.title
        except ValidationError as error:
            reason = error.errors(include_url=False)[0].get("msg", "not allowed")
            return _fail(f"--title: {reason}")
    try:
        # --force is the user's explicit say-so, also for a read-only file.
        save_map(journey, out, keep_backup=False, overwrite_read_only=args.force)
    except SaveError as error:
        return _fail(str(error))
    print(f"wrote {file_path(out)} ({template.label})")
    return EXIT_OK


def cmd_validate(args: argparse.Namespace) -> int:
    from journeymap_desktop.storage import LoadError, load_map

    all_valid = True
    for argument in args.files:
        name = file_path(argument)  # as typed, but never raw bytes or escape codes
        try:
            journey = load_map(Path(argument))
        except LoadError as error:
            all_valid = False
            if error.problem_count == 1:
                print(f"{name}: {error.problems[0]}")
            else:
                print(f"{name}: {error.problem_count} problems")
                for problem in error.problems:
                    print(f"  {problem}")
            continue
        print(f"{name}: OK ({len(journey.stages)} stages, {len(journey.lanes)} lanes, "
              f"{len(journey.cards)} cards)")
    return EXIT_OK if all_valid else EXIT_FAILED


def cmd_schema(args: argparse.Namespace) -> int:
    from journeymap_desktop.model.schema import schema_text

    sys.stdout.write(schema_text())
    return EXIT_OK


def cmd_votes(args: argparse.Namespace) -> int:
    from journeymap_desktop.export.votes import UnknownRoundError, results_text, votes_csv
    from journeymap_desktop.storage import LoadError, load_map

    try:
        journey = load_map(Path(args.map))
    except LoadError as error:
        return _fail(str(error))
    try:
        text = votes_csv(journey, args.round) if args.csv else results_text(journey, args.round)
    except UnknownRoundError as error:
        return _fail(str(error))
    sys.stdout.write(text)
    return EXIT_OK


_SUBCOMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": cmd_new,
    "validate": cmd_validate,
    "schema": cmd_schema,
    "votes": cmd_votes,
}


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="journeymap",
        usage="journeymap [FILE]\n       journeymap COMMAND [OPTIONS]",
        description="JourneyMap Desktop: edit customer journey maps; export print-ready PDFs."
                    "\n\n  journeymap FILE    open FILE in the app's window\n"
                    + textwrap.fill(f"({FORMATS.what_opens()})", 76,
                                    initial_indent=" " * 21, subsequent_indent=" " * 21)
                    + "\n  journeymap         open the app with a bundled example map",
        epilog="`journeymap COMMAND --help` tells more of each command.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"journeymap {__version__}")
    commands = parser.add_subparsers(dest="command", parser_class=_Parser, prog="journeymap")

    new = commands.add_parser("new", help="write a new map from a template")
    new.add_argument("--template", default="service",
                     help="service (default), lifecycle, blueprint or blank")
    new.add_argument("--title", help="the map's title")
    new.add_argument("-o", "--output", required=True,
                     help=f"the {FORMATS.native.suffix} file to write (the suffix is added if "
                          "missing)")
    new.add_argument("--force", action="store_true", help="overwrite an existing file")

    validate = commands.add_parser("validate", help="check .journeymap files")
    validate.add_argument("files", nargs="+", metavar="FILE")

    commands.add_parser("schema", help="print the JSON Schema of the .journeymap format "
                                       "(docs/journeymap.schema.json)")

    votes = commands.add_parser(
        "votes", help="print a workshop's voting results, ranked (or every vote as CSV)",
        description="Print the ranked results of the map's voting rounds: each card's dots, "
                    "rank and ties. With --csv, every vote as CSV (one row per participant "
                    "and card; names only where the round's anonymity allows).")
    votes.add_argument("map", metavar="MAP", help="the .journeymap file")
    votes.add_argument("--round", metavar="NAME",
                       help="only this round (its name, or the start of it)")
    votes.add_argument("--csv", action="store_true", help="every vote as CSV")

    _add_export_parser(commands)
    _add_import_parser(commands)
    return parser


def _add_export_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    """The `export` subcommand, when the PDF export is available."""
    try:
        from journeymap_desktop.export.cli import add_export_parser, cmd_export
    except ImportError:
        return
    add_export_parser(commands)
    _SUBCOMMANDS["export"] = cmd_export


def _add_import_parser(commands: argparse._SubParsersAction[_Parser]) -> None:
    """The `import` subcommand (journeymap_desktop/interchange/cli.py)."""
    from journeymap_desktop.interchange.cli import add_import_parser, cmd_import

    add_import_parser(commands)
    _SUBCOMMANDS["import"] = cmd_import


def _gui_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="journeymap", description="Open a journey map in a window.")
    parser.add_argument("--version", action="version", version=f"journeymap {__version__}")
    parser.add_argument("file", nargs="?",
                        help=f"the file to open: {FORMATS.what_opens()} (default: a bundled "
                             "example)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    _use_safe_output()
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if arguments and (arguments[0] in _SUBCOMMANDS or arguments[0] in ("-h", "--help")):
        args = parser.parse_args(arguments)
        if args.command is None:
            parser.print_help()
            return EXIT_OK
        try:
            return _SUBCOMMANDS[args.command](args)
        except KeyboardInterrupt:
            return EXIT_FAILED
        except Exception as error:  # a last guard: one line, never a traceback
            return _fail(f"unexpected error: {type(error).__name__}: {error}")
    gui_args, qt_args = _gui_parser().parse_known_args(arguments)
    return _run_gui(gui_args.file, qt_args)


def _run_gui(file: str | None, qt_args: list[str] | None = None) -> int:
    from journeymap_desktop import system_libraries

    if system_libraries.uses_xcb():
        missing = system_libraries.missing_xcb_packages()
        if missing:
            print(system_libraries.missing_message(missing), file=sys.stderr)
            return EXIT_FAILED
    from journeymap_desktop.app import run

    return run(Path(file) if file else None, qt_args or [])


if __name__ == "__main__":
    sys.exit(main())
