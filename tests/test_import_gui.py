"""Imports in the window: File > Import, opening and dropping Mermaid journeys and spreadsheets,
the import wizard (its proposal, preview, plain text), a survey into the open map as one undo
step, and the export dialog's Mermaid and spreadsheet choices."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog
from pytestqt.qtbot import QtBot

from journeymap_desktop.interchange.cards_table import export_cards_csv
from journeymap_desktop.model.curves import EVERYONE_AS_IS_ID
from journeymap_desktop.storage import load_map
from journeymap_desktop.ui.export_dialog import ExportDialog
from journeymap_desktop.ui.import_wizard import ImportWizard
from journeymap_desktop.ui.main_window import MainWindow
from journeymap_desktop.ui.window_manager import WindowManager
from tests.helpers import close_next_notes_dialog, drop_mime, files_mime

DATA = Path(__file__).resolve().parent / "data"


def _answer_wizard(act: Callable[[ImportWizard], None], seen: list[ImportWizard]) -> None:
    """When the import wizard shows, let `act` set it up, then press Import."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportWizard):
            QTimer.singleShot(20, poll)
            return
        seen.append(dialog)
        act(dialog)
        dialog.import_button.click()
        if dialog.isVisible():  # refused: say why, and give up
            dialog.reject()

    QTimer.singleShot(0, poll)


def test_file_import_asks_for_other_tools_files_and_opens_a_mermaid_journey(
        window: MainWindow, manager: WindowManager, monkeypatch: pytest.MonkeyPatch,
        tmp_path: Path) -> None:
    source = tmp_path / "day.mmd"
    source.write_text("journey\n  title My day\n  section Work\n    Make tea: 5: Me\n"
                      "    Do work: 1: Me, Cat\n", encoding="utf-8")
    asked: list[str] = []

    def get_open(_parent: object, title: str, _start: str, name_filter: str) -> tuple[str, str]:
        asked.append(name_filter)
        return str(source), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", get_open)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&File")
    assert window.act_import in menu.actions()
    window.act_import.trigger()
    assert asked and asked[0].startswith("Everything JourneyMap imports (*.mmd *.mermaid")
    assert "*.journeymap" not in asked[0]
    opened = manager.windows[-1]
    assert opened is not window and opened.document.path is None
    assert [s.name for s in opened.document.map.stages] == ["Work"]
    assert [c.title for c in opened.document.map.cards] == ["Make tea", "Do work"]
    assert opened.document.map.scale.preset == "1..5"
    assert "day.mmd (imported)" in opened.windowTitle()


def test_a_mermaid_files_diagnostics_show_in_a_plain_text_notes_dialog(
        manager: WindowManager, tmp_path: Path) -> None:
    source = tmp_path / "odd.mermaid"
    source.write_text("journey\n  section <b>Work</b>\n    Make tea: lots: Me\n"
                      "    Meet at 10: 30: 3: Me\n", encoding="utf-8")
    seen: list[tuple[str, str]] = []
    close_next_notes_dialog(seen)
    window = manager.open_path(source)
    assert window is not None
    assert len(seen) == 1
    summary, notes = seen[0]
    assert summary == "Read with these notes:"
    assert "line 3: warning: the score \"lots\" is not a number" in notes
    assert "line 4: warning:" in notes
    assert window.document.map.stages[0].name == "<b>Work</b>"  # text, never markup


def test_a_dropped_card_spreadsheet_opens_as_its_map_without_questions(
        window: MainWindow, manager: WindowManager, examples_dir: Path, tmp_path: Path,
        qtbot: QtBot) -> None:
    sheet = tmp_path / "cards.csv"
    export_cards_csv(load_map(examples_dir / "grocery-delivery.journeymap"), sheet)
    outcome = drop_mime(window.view.viewport(), files_mime(sheet), QPoint(300, 300))
    assert outcome.dropped
    qtbot.waitUntil(lambda: len(manager.windows) == 2, timeout=3000)
    opened = manager.windows[-1]
    assert len(opened.document.map.cards) == 46
    assert opened.document.path is None


def test_the_wizard_proposes_previews_and_imports_a_new_map(
        manager: WindowManager, tmp_path: Path) -> None:
    seen: list[ImportWizard] = []
    source = tmp_path / "export.csv"
    shutil.copy(DATA / "qualtrics_grocery.csv", source)

    def check(dialog: ImportWizard) -> None:
        assert "Qualtrics export" in dialog.recognised.text()
        assert "comma-separated" in dialog.recognised.text()
        assert "metadata" in dialog.recognised.text()
        roles = [dialog.role(c) for c in dialog.rows]
        assert roles.count("score") == 5 and roles.count("persona") == 1
        assert roles.count("quote") == 1
        preview = dialog.preview.toPlainText()
        assert "new: Paying / Paying: Everyone · As-is" in preview
        assert "5 cards added" in preview
        assert dialog.new_map.isChecked() and not dialog.this_map.isEnabled()

    _answer_wizard(check, seen)
    notes: list[tuple[str, str]] = []
    close_next_notes_dialog(notes)
    window = manager.open_path(source)
    assert seen and window is not None
    assert notes and "left out" in notes[0][1]
    journey = window.document.map
    assert [s.name for s in journey.stages] == ["Browsing the app", "Choosing a delivery slot",
                                                "Paying", "Delivery", "Unpacking"]
    assert window.document.is_modified() and window.document.path is None


def test_a_survey_goes_into_the_open_map_as_one_undo_step(
        window: MainWindow, manager: WindowManager, tmp_path: Path) -> None:
    document = window.document
    before = document.map.model_dump_json()
    steps_before = document.undo_stack.count()
    seen: list[ImportWizard] = []

    def into_this_map(dialog: ImportWizard) -> None:
        assert dialog.this_map.isEnabled()
        dialog.this_map.setChecked(True)
        # one column less: "Unpacking" is not imported
        unpacking = next(c for c in dialog.rows
                         if dialog.inspection.columns[c].item == "Unpacking")
        dialog.set_role(unpacking, "ignore")
        dialog.refresh_preview()
        assert "4 cards added" in dialog.preview.toPlainText()

    _answer_wizard(into_this_map, seen)
    close_next_notes_dialog([])
    result = manager.open_path(DATA / "qualtrics_grocery.csv", window)
    assert seen
    assert result is None and manager.windows == [window]
    assert document.undo_stack.count() == steps_before + 1
    names = [s.name for s in document.map.stages]
    assert "Paying" in names and "Unpacking" not in names
    survey_cards = [c for c in document.map.cards if c.source_key]
    assert len(survey_cards) == 4
    assert all(EVERYONE_AS_IS_ID in c.emotions for c in survey_cards)
    # the scene shows them
    assert all(c.id in window.scene.card_items for c in survey_cards)
    window.act_undo.trigger()
    assert document.map.model_dump_json() == before
    window.act_redo.trigger()
    assert len([c for c in document.map.cards if c.source_key]) == 4


def test_the_wizard_explains_what_it_cannot_import(manager: WindowManager,
                                                  tmp_path: Path) -> None:
    source = tmp_path / "odd.csv"
    source.write_text("Name,<img src=x onerror=alert(1)>,Score\nAna,x,3\nBo,y,4\n",
                      encoding="utf-8")
    seen: list[ImportWizard] = []
    problems: list[str] = []

    def nothing_chosen(dialog: ImportWizard) -> None:
        labels = [dialog.columns.item(row, 0).text() for row in range(dialog.columns.rowCount())]
        assert "2. <img src=x onerror=alert(1)>" in labels  # shown literally
        for column in dialog.rows:
            dialog.set_role(column, "ignore")
        dialog.refresh_preview()
        problems.append(dialog.problem.text())

    _answer_wizard(nothing_chosen, seen)
    assert manager.open_path(source) is None
    assert problems and "choose the columns that hold scores" in problems[0]


def test_the_export_dialog_writes_mermaid_and_spreadsheets(window: MainWindow, tmp_path: Path,
                                                          qtbot: QtBot) -> None:
    for kind, suffix in (("mmd", ".mmd"), ("csv", ".csv"), ("xlsx", ".xlsx")):
        dialog = ExportDialog(window)
        qtbot.addWidget(dialog)
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        dialog.output.setText(str(tmp_path / f"journey{suffix}"))
        assert not dialog.paper.isVisible()
        dialog.export_button.click()
        assert dialog.result_ is not None, dialog.problem.text()
        assert (tmp_path / f"journey{suffix}").stat().st_size > 0
    text = (tmp_path / "journey.mmd").read_text(encoding="utf-8")
    assert text.startswith("journey\n")


def test_merging_nothing_new_leaves_no_undo_step_and_removals_are_refused(
        window: MainWindow) -> None:
    from journeymap_desktop.commands import MergeMap

    document = window.document
    count = document.undo_stack.count()
    document.push(MergeMap(document, document.snapshot(), "Import nothing"))
    assert document.undo_stack.count() == count and not document.is_modified()
    fewer = document.map.model_copy(update={"cards": document.map.cards[1:]})
    before = document.map.model_dump_json()
    with pytest.raises(ValueError, match="removes no cards"):
        MergeMap(document, fewer, "Import")
    assert document.map.model_dump_json() == before
