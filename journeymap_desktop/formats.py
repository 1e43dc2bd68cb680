"""Every kind of file the app reads or writes, in one registry, asked by the open, save and
export dialogs, the drop handlers and the command line alike.

    FORMATS.for_opening(path)      the format that reads `path` (by its suffix), or None
    FORMATS.for_export(path)       the export format `path`'s suffix names, or None
    FORMATS.export_format(path)    the same, or UnknownFormatError naming the suffixes that work
    FORMATS.name_filter("open")    "Journey maps (*.journeymap);;All files (*)" for a dialog
    fmt.read(path) / fmt.load_writer()  the map read / the function that writes the format

A format's *role* says what the app does with it:

- "map": the app's own file. Opened with its path (Save writes back to it), saved to.
- "import": another tool's file (a Mermaid journey, a CSV or XLSX table, ...). Its reader turns
  it into a new map that opens untitled, so Save asks where to put it; an optional `wizard`
  (a Qt dialog, named like the reader) asks the user how to read it first.
- "export": written from a map (PDF, SVG, PNG); never read.

Adding a format is one `FileFormat(...)` in `_BUILT_IN` (or `FORMATS.register(...)` from a
plug-in): the dialogs' filters, the drop handlers and `journeymap FILE` / `journeymap export -o`
pick it up. Readers, writers and wizards are named as "module:function" and imported only when
a file is really read or written, so the registry costs the command line's `--version` and
`--help` nothing (no pydantic, reportlab or Qt: tests/test_startup.py), and it imports no Qt
itself (the wizard's module does, when the window calls it).

Reader contract: `read(path) -> JourneyMap`, or `-> ReadResult` when it has warnings to show;
it raises `storage.LoadError` (one line, safe to show) for a file it cannot read. Wizard
contract: `wizard(window | None, path) -> ReadResult | None`: the map to open in a new window,
or None when the user cancelled or the wizard put the file into `window`'s own map itself
(ui/import_wizard.py does, as one undo step).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from journeymap_desktop.model.map import JourneyMap

Role = Literal["map", "import", "export"]
Dialog = Literal["open", "save", "export"]

_DIALOGS_OF_ROLE: dict[str, tuple[Dialog, ...]] = {
    "map": ("open", "save"),
    "import": ("open",),
    "export": ("export",),
}


class UnknownFormatError(ValueError):
    """A file name whose suffix no format of the registry claims; `str()` is one line naming
    the suffixes that would work."""


@dataclass(frozen=True)
class ReadResult:
    """What a reader made of a file: the map, and what the user should know about it (rows
    left out, values rounded), one line each."""

    map: JourneyMap
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class FileFormat:
    """One kind of file: what it is, how it is named, and who reads or writes it."""

    key: str  # "journeymap", "pdf", "mermaid": stable, used in settings and code
    label: str  # the dialogs' name for it, plural: "Journey maps", "PDF documents"
    suffixes: tuple[str, ...]  # lower case with the dot; the first is the one written
    role: Role
    description: str = ""  # one sentence: what the file is for
    reader: str | None = None  # "package.module:function", imported when used
    writer: str | None = None
    wizard: str | None = None  # import formats: a Qt dialog asking how to read the file
    dialogs: tuple[Dialog, ...] = field(default=())  # () = what the role implies

    def __post_init__(self) -> None:
        if not self.suffixes or any(not s.startswith(".") or s != s.lower()
                                    for s in self.suffixes):
            raise ValueError(f"{self.key}: suffixes must be lower case and start with a dot")
        if self.role in ("map", "import") and self.reader is None:
            raise ValueError(f"{self.key}: a {self.role} format needs a reader")
        if self.role in ("map", "export") and self.writer is None:
            raise ValueError(f"{self.key}: a {self.role} format needs a writer")
        if not self.dialogs:
            object.__setattr__(self, "dialogs", _DIALOGS_OF_ROLE[self.role])

    @property
    def suffix(self) -> str:
        """The suffix a new file of this format gets: ".journeymap", ".pdf"."""
        return self.suffixes[0]

    @property
    def opens(self) -> bool:
        return self.reader is not None

    def matches(self, path: Path | str) -> bool:
        return _suffix_of(path, self.suffixes) is not None

    def name_filter(self) -> str:
        """This format as one entry of a file dialog's filter: "PNG images (*.png)"."""
        return f"{self.label} ({' '.join('*' + s for s in self.suffixes)})"

    def with_suffix(self, path: Path) -> Path:
        """`path`, named as this format's file: "plan" and "plan.v2" get the suffix added,
        a name with one of its suffixes stays as it is."""
        if self.matches(path):
            return path
        return path.with_name(path.name + self.suffix)

    def load_reader(self) -> Callable[[Path], Any]:
        if self.reader is None:
            raise UnknownFormatError(f"{self.label} are not read, only written")
        return _load(self.reader)

    def read(self, path: Path) -> ReadResult:
        """Read `path` into a map (LoadError when it cannot be read)."""
        result = self.load_reader()(path)
        return result if isinstance(result, ReadResult) else ReadResult(result)

    def load_writer(self) -> Callable[..., Any]:
        """The function that writes this format (its arguments are the format's own: a PDF
        takes PdfOptions, a PNG a resolution)."""
        if self.writer is None:
            raise UnknownFormatError(f"{self.label} are read, not written")
        return _load(self.writer)

    def load_wizard(self) -> Callable[..., Any] | None:
        return None if self.wizard is None else _load(self.wizard)


def _load(target: str) -> Callable[..., Any]:
    module, _, name = target.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


def _suffix_of(path: Path | str, suffixes: tuple[str, ...]) -> str | None:
    """The suffix of `suffixes` the name ends with (compound ones such as ".tar.gz" too)."""
    name = Path(path).name.lower()
    return next((s for s in sorted(suffixes, key=len, reverse=True)
                 if name.endswith(s) and len(name) > len(s)), None)


class FormatRegistry:
    """The formats the app knows, in the order dialogs list them."""

    def __init__(self, formats: tuple[FileFormat, ...] = ()) -> None:
        self._formats: list[FileFormat] = []
        for fmt in formats:
            self.register(fmt)

    # ----- registering -------------------------------------------------------------------
    def register(self, fmt: FileFormat) -> FileFormat:
        if any(f.key == fmt.key for f in self._formats):
            raise ValueError(f"a format {fmt.key!r} is registered already")
        for other in self._formats:
            shared = set(other.suffixes) & set(fmt.suffixes)
            # One suffix may be read by one format and written by another (a CSV import and
            # a CSV export), but never claimed twice for the same direction.
            if shared and ((other.opens and fmt.opens) or other.role == fmt.role):
                raise ValueError(f"{fmt.key} claims {sorted(shared)}, which {other.key} has")
        self._formats.append(fmt)
        return fmt

    def unregister(self, key: str) -> None:
        self._formats = [f for f in self._formats if f.key != key]

    @contextmanager
    def registered(self, fmt: FileFormat) -> Iterator[FileFormat]:
        """`fmt` for the duration of a `with` block (tests, previews)."""
        self.register(fmt)
        try:
            yield fmt
        finally:
            self.unregister(fmt.key)

    # ----- looking up --------------------------------------------------------------------
    def __iter__(self) -> Iterator[FileFormat]:
        return iter(list(self._formats))

    def get(self, key: str) -> FileFormat:
        for fmt in self._formats:
            if fmt.key == key:
                return fmt
        raise KeyError(key)

    @property
    def native(self) -> FileFormat:
        """The app's own map format."""
        return next(f for f in self._formats if f.role == "map")

    def in_dialog(self, dialog: Dialog) -> list[FileFormat]:
        return [f for f in self._formats if dialog in f.dialogs]

    def readable(self) -> list[FileFormat]:
        return [f for f in self._formats if f.opens]

    def exports(self) -> list[FileFormat]:
        return [f for f in self._formats if f.role == "export"]

    def for_opening(self, path: Path | str) -> FileFormat | None:
        """The format that reads `path`, judged by its suffix; None when no format does."""
        return self._by_suffix(path, self.readable())

    def for_export(self, path: Path | str) -> FileFormat | None:
        return self._by_suffix(path, self.exports())

    def export_format(self, path: Path | str) -> FileFormat:
        """The export format `path`'s suffix names; UnknownFormatError (one line, naming the
        suffixes that work) when there is none."""
        found = self.for_export(path)
        if found is None:
            suffix = Path(path).suffix
            what = f"the suffix {suffix!r}" if suffix else "no suffix"
            raise UnknownFormatError(f"cannot tell what to write from {what}: name the output "
                                f"{self.export_names()}")
        return found

    def export_names(self, stem: str = "OUT") -> str:
        """"OUT.pdf, OUT.svg or OUT.png": the names an export may have."""
        return _alternatives(self.exports(), stem)

    def what_opens(self) -> str:
        """What JourneyMap opens, for a message about a file it does not: "Journey maps
        (.journeymap)", "Journey maps (.journeymap), Mermaid journeys (.mmd, .mermaid)"."""
        return ", ".join(f"{f.label} ({', '.join(f.suffixes)})" for f in self.readable())

    def _by_suffix(self, path: Path | str, formats: list[FileFormat]) -> FileFormat | None:
        best: tuple[int, FileFormat] | None = None
        for fmt in formats:
            suffix = _suffix_of(path, fmt.suffixes)
            if suffix is not None and (best is None or len(suffix) > best[0]):
                best = (len(suffix), fmt)
        return None if best is None else best[1]

    def modules(self) -> list[str]:
        """Every module a reader, writer or wizard is named in: a freezing tool cannot see
        imports by name, so packaging/journeymap.spec lists these itself."""
        return sorted({target.partition(":")[0] for fmt in self._formats
                       for target in (fmt.reader, fmt.writer, fmt.wizard) if target})

    # ----- dialogs -----------------------------------------------------------------------
    def name_filter(self, dialog: Dialog) -> str:
        """The name filter of a file dialog: with more than one format to open, an entry
        for all of them comes first; "All files" comes last where the user may pick any."""
        formats = self.in_dialog(dialog)
        entries = [f.name_filter() for f in formats]
        if dialog == "open" and len(formats) > 1:
            every = " ".join(f"*{s}" for f in formats for s in f.suffixes)
            entries.insert(0, f"Everything JourneyMap opens ({every})")
        if dialog in ("open", "save"):
            entries.append("All files (*)")
        return ";;".join(entries)


def _alternatives(formats: list[FileFormat], stem: str) -> str:
    names = [f"{stem}{s}" for f in formats for s in f.suffixes]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} or {names[-1]}"


_BUILT_IN = (
    FileFormat(
        "journeymap", "Journey maps", (".journeymap",), "map",
        description="a JourneyMap project file",
        reader="journeymap_desktop.storage:load_map",
        writer="journeymap_desktop.storage:save_map"),
    FileFormat(
        "pdf", "PDF documents", (".pdf",), "export",
        description="a print-ready poster, tiled poster or handout",
        writer="journeymap_desktop.export.pdf:export_pdf"),
    FileFormat(
        "svg", "SVG images", (".svg",), "export",
        description="the poster as a vector image, text kept as text",
        writer="journeymap_desktop.export.image:export_svg"),
    FileFormat(
        "png", "PNG images", (".png",), "export",
        description="the poster as a picture",
        writer="journeymap_desktop.export.image:export_png"),
    # Maps in and out (journeymap_desktop/interchange): another tool's file opens as a new
    # untitled map; a CSV/XLSX asks the import wizard how to read it first.
    FileFormat(
        "mermaid", "Mermaid journeys", (".mmd", ".mermaid"), "import",
        description="a Mermaid `journey` diagram: sections, tasks, scores and actors",
        reader="journeymap_desktop.interchange.mermaid:read_mermaid_map"),
    FileFormat(
        "table", "Spreadsheets and survey exports", (".csv", ".tsv", ".xlsx"), "import",
        description="a card spreadsheet, or a Qualtrics, SurveyMonkey, Typeform or other "
                    "survey export",
        reader="journeymap_desktop.interchange.tables:read_table_map",
        wizard="journeymap_desktop.ui.import_wizard:run_import_wizard"),
    FileFormat(
        "mermaid-out", "Mermaid journeys", (".mmd",), "export",
        description="a Mermaid `journey` diagram; what Mermaid cannot draw rides along in "
                    "comment lines",
        writer="journeymap_desktop.interchange.mermaid:export_mermaid"),
    FileFormat(
        "cards-csv", "Card spreadsheets (CSV)", (".csv",), "export",
        description="one row per card (docs/card-spreadsheet.md)",
        writer="journeymap_desktop.interchange.cards_table:export_cards_csv"),
    FileFormat(
        "cards-xlsx", "Card spreadsheets (Excel)", (".xlsx",), "export",
        description="one row per card, as an Excel workbook",
        writer="journeymap_desktop.interchange.cards_table:export_cards_xlsx"),
)

FORMATS = FormatRegistry(_BUILT_IN)
