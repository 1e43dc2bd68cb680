"""The file format registry: one place that the dialogs, the drops and the command line ask."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from journeymap_desktop.cli import main
from journeymap_desktop.formats import (
    FORMATS,
    FileFormat,
    FormatRegistry,
    UnknownFormatError,
)
from journeymap_desktop.model.templates import service_journey
from tests.helpers.formats import OUTLINE, READ, TEXT_POSTER, WRITTEN


# ----- the registry itself -------------------------------------------------------------------
def test_every_built_in_format_names_a_reader_or_writer_that_exists() -> None:
    for fmt in FORMATS:
        if fmt.reader:
            assert callable(fmt.load_reader()), fmt.key
        if fmt.writer:
            assert callable(fmt.load_writer()), fmt.key
    assert FORMATS.modules() == ["journeymap_desktop.export.image",
                                 "journeymap_desktop.export.pdf",
                                 "journeymap_desktop.interchange.cards_table",
                                 "journeymap_desktop.interchange.mermaid",
                                 "journeymap_desktop.interchange.tables",
                                 "journeymap_desktop.storage",
                                 "journeymap_desktop.ui.import_wizard"]
    assert FORMATS.native.key == "journeymap"
    assert [f.key for f in FORMATS.exports()] == ["pdf", "svg", "png", "mermaid-out",
                                                  "cards-csv", "cards-xlsx"]


@pytest.mark.parametrize(("name", "key"), [
    ("plan.journeymap", "journeymap"), ("PLAN.JOURNEYMAP", "journeymap"),
    ("plan.v2.journeymap", "journeymap"), ("plan.json", None), ("plan.pdf", None),
    (".journeymap", None), ("plan", None), ("trip.mmd", "mermaid"), ("TRIP.Mermaid", "mermaid"),
    ("answers.csv", "table"), ("answers.tsv", "table"), ("answers.xlsx", "table"),
    ("answers.xls", None),
])
def test_a_file_opens_by_its_suffix(name: str, key: str | None) -> None:
    fmt = FORMATS.for_opening(Path("/somewhere") / name)
    assert (fmt.key if fmt else None) == key


@pytest.mark.parametrize(("name", "key"), [
    ("out.pdf", "pdf"), ("out.SVG", "svg"), ("out.png", "png"), ("out.journeymap", None),
    ("out.docx", None), ("out", None), ("out.mmd", "mermaid-out"), ("out.csv", "cards-csv"),
    ("out.xlsx", "cards-xlsx")])
def test_an_export_is_named_by_its_suffix(name: str, key: str | None) -> None:
    fmt = FORMATS.for_export(name)
    assert (fmt.key if fmt else None) == key


def test_the_unknown_suffix_error_names_every_export_format() -> None:
    with pytest.raises(UnknownFormatError) as refused:
        FORMATS.export_format("x.docx")
    assert str(refused.value) == ("cannot tell what to write from the suffix '.docx': name "
                                  "the output OUT.pdf, OUT.svg, OUT.png, OUT.mmd, OUT.csv or "
                                  "OUT.xlsx")
    with FORMATS.registered(TEXT_POSTER), pytest.raises(UnknownFormatError) as again:
        FORMATS.export_format("x.docx")
    assert str(again.value).endswith("name the output OUT.pdf, OUT.svg, OUT.png, OUT.mmd, "
                                     "OUT.csv, OUT.xlsx or OUT.txt")
    with pytest.raises(UnknownFormatError, match="from no suffix"):
        FORMATS.export_format("poster")


def test_a_suffix_is_claimed_once_per_direction() -> None:
    registry = FormatRegistry((OUTLINE,))
    with pytest.raises(ValueError, match="claims"):
        registry.register(FileFormat("other", "Other", (".otl",), "import",
                                     reader="tests.helpers.formats:read_outline"))
    # A format may write what another reads (a CSV export beside a CSV import).
    registry.register(FileFormat("outline-out", "Outline notes", (".outline",), "export",
                                 writer="tests.helpers.formats:write_text_poster"))
    with pytest.raises(ValueError, match="lower case"):
        FileFormat("bad", "Bad", ("PDF",), "export", writer="x:y")
    with pytest.raises(ValueError, match="needs a reader"):
        FileFormat("bad", "Bad", (".bad",), "import")


def test_loading_the_registry_loads_nothing_heavy() -> None:
    """`journeymap --help` names the formats: the registry imports no pydantic, Qt or
    reportlab (its readers and writers load when a file is read or written)."""
    script = ("import json, sys\n"
              "from journeymap_desktop.formats import FORMATS\n"
              "FORMATS.name_filter('open'); FORMATS.for_export('x.pdf')\n"
              "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    loaded = set(json.loads(result.stdout))
    assert not loaded & {"pydantic", "PySide6", "shiboken6", "reportlab"}


# ----- dialogs ------------------------------------------------------------------------------
def test_dialog_filters_come_from_the_registry() -> None:
    built_in = ("Journey maps (*.journeymap);;Mermaid journeys (*.mmd *.mermaid);;"
                "Spreadsheets and survey exports (*.csv *.tsv *.xlsx)")
    assert FORMATS.name_filter("open") == (
        "Everything JourneyMap opens (*.journeymap *.mmd *.mermaid *.csv *.tsv *.xlsx);;"
        f"{built_in};;All files (*)")
    assert FORMATS.name_filter("save") == "Journey maps (*.journeymap);;All files (*)"
    with FORMATS.registered(OUTLINE):
        assert FORMATS.name_filter("open") == (
            "Everything JourneyMap opens (*.journeymap *.mmd *.mermaid *.csv *.tsv *.xlsx "
            f"*.outline *.otl);;{built_in};;Outline notes (*.outline *.otl);;All files (*)")
        assert FORMATS.name_filter("save") == "Journey maps (*.journeymap);;All files (*)"


def test_the_open_and_save_dialogs_ask_the_registry(window, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []

    def get_open(_parent: object, _title: str, _start: str, name_filter: str) -> tuple[str, str]:
        asked.append(name_filter)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open)
    window.act_open.trigger()
    with FORMATS.registered(OUTLINE):
        window.act_open.trigger()
        with_outline = FORMATS.name_filter("open")
    assert asked == [FORMATS.name_filter("open"), with_outline]
    assert "Outline notes (*.outline *.otl)" in with_outline

    saved: list[tuple[str, str]] = []

    def ask(_parent: object, _title: str, _suggested: Path, name_filter: str,
            suffix: str) -> None:
        saved.append((name_filter, suffix))

    monkeypatch.setattr("journeymap_desktop.ui.file_controller.ask_save_path", ask)
    assert not window.save_as()
    assert saved == [(FORMATS.name_filter("save"), "journeymap")]


@pytest.mark.parametrize(("kind", "key"), [("poster", "pdf"), ("handout", "pdf"),
                                           ("svg", "svg"), ("png", "png")])
def test_the_export_dialog_filters_on_the_registrys_format(window, monkeypatch, kind: str,  # type: ignore[no-untyped-def]
                                                           key: str) -> None:
    from journeymap_desktop.ui.export_dialog import ExportDialog

    asked: list[tuple[str, str]] = []
    monkeypatch.setattr("journeymap_desktop.ui.export_dialog.ask_save_path",
                        lambda _p, _t, _s, name_filter, suffix: asked.append(
                            (name_filter, suffix)))
    dialog = ExportDialog(window)
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
    dialog._browse()
    fmt = FORMATS.get(key)
    assert asked == [(fmt.name_filter(), fmt.suffix.lstrip("."))]
    assert dialog.output.text().endswith(fmt.suffix)
    dialog.deleteLater()


# ----- the command line ---------------------------------------------------------------------
def test_export_writes_with_the_registrys_writer(map_file: Path, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """`journeymap export -o OUT.x` asks the registry: a registered format is written by its
    own writer, without a line of the command changed."""
    WRITTEN.clear()
    with FORMATS.registered(TEXT_POSTER):
        assert main(["export", str(map_file), "-o", str(tmp_path / "poster.txt")]) == 0
    assert [(service_journey().title, tmp_path / "poster.txt", ())] == WRITTEN
    assert "a text poster" in capsys.readouterr().out
    assert main(["export", str(map_file), "-o", str(tmp_path / "poster.txt")]) == 1
    assert "name the output OUT.pdf, OUT.svg, OUT.png, OUT.mmd, OUT.csv or OUT.xlsx" in \
        capsys.readouterr().err


def test_export_reads_a_map_through_the_registry(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The MAP of `journeymap export` is read by the format its suffix names: an imported
    file exports as directly as a .journeymap."""
    notes = tmp_path / "trip.outline"
    notes.write_text("Dream\nBook\nTravel\n", encoding="utf-8")
    WRITTEN.clear()
    with FORMATS.registered(OUTLINE), FORMATS.registered(TEXT_POSTER):
        assert main(["export", str(notes), "-o", str(tmp_path / "trip.txt")]) == 0
    assert WRITTEN[0][0] == "trip"


def test_a_file_given_on_the_command_line_opens_by_its_format(manager, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`journeymap FILE` opens through the window manager, which asks the registry: an
    import format's file becomes a new untitled map, unsaved."""
    notes = tmp_path / "trip.outline"
    notes.write_text("Dream\nBook\nTravel\n", encoding="utf-8")
    READ.clear()
    with FORMATS.registered(OUTLINE):
        window = manager.open_path(notes)
    assert [notes] == READ
    assert window is not None and window.document.path is None
    assert [s.name for s in window.document.map.stages][:3] == ["Dream", "Book", "Travel"]
    assert window.document.is_modified(), "an import is unsaved work"
    assert "trip.outline (imported)" in window.windowTitle()


def test_an_imports_warnings_are_shown_after_it_opens(manager, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.helpers import close_next_notes_dialog

    notes = tmp_path / "commented.otl"
    notes.write_text("One\n# to do\nTwo\n", encoding="utf-8")
    seen: list[tuple[str, str]] = []
    close_next_notes_dialog(seen)
    with FORMATS.registered(OUTLINE):
        window = manager.open_path(notes)
    assert window is not None
    assert seen == [("Read with these notes:", "line 2: a comment, skipped")]
    assert [s.name for s in window.document.map.stages][:2] == ["One", "Two"]


def test_the_help_of_the_command_names_the_formats(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    assert "OUT.pdf, OUT.svg, OUT.png, OUT.mmd, OUT.csv or OUT.xlsx" in \
        " ".join(capsys.readouterr().out.split())
