"""Drops go through the mode's list of drop handlers: a palette kind, cards from another
window, map files from the file manager, and files JourneyMap does not open."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from journeymap_desktop.canvas.drops import CardsDrop, Drop
from journeymap_desktop.canvas.mime import cards_to_mime, kind_to_mime
from journeymap_desktop.formats import FORMATS
from journeymap_desktop.ui.main_window import MainWindow
from journeymap_desktop.ui.window_manager import WindowManager
from tests.helpers import (
    answer_next_message_box,
    cell_centre,
    drop_mime,
    files_mime,
    lane_id,
)
from tests.helpers.formats import OUTLINE


def _at(window: MainWindow, stage_index: int, lane_kind: str) -> QPoint:
    return window.view.mapFromScene(cell_centre(window, stage_index, lane_kind))


def test_a_palette_kind_becomes_a_card_where_it_is_dropped(window: MainWindow) -> None:
    outcome = drop_mime(window.view.viewport(), kind_to_mime("opportunity"),
                        _at(window, 4, "opportunities"))
    assert outcome.entered and outcome.hovered and outcome.dropped
    cell = (window.document.map.stages[4].id, lane_id(window, "opportunities"))
    [created] = window.document.cell_card_ids(*cell)
    assert window.document.card(created).kind == "opportunity"
    assert window.view.editor is not None, "its title is open for typing"


def test_cards_dragged_from_another_window_land_as_copies(window: MainWindow,
                                                          manager: WindowManager,
                                                          examples_dir: Path,
                                                          tmp_path: Path) -> None:
    source_file = tmp_path / "other.journeymap"
    shutil.copy(examples_dir / "b2b-onboarding.journeymap", source_file)
    other = manager.open_path(source_file)
    assert other is not None and other is not window
    dragged = other.document.map.cards[:2]
    before_other = other.document.map.model_dump_json()

    outcome = drop_mime(window.view.viewport(), cards_to_mime(dragged),
                        _at(window, 3, "pain_points"))

    assert outcome.entered and outcome.hovered and outcome.dropped
    cell = (window.document.map.stages[3].id, lane_id(window, "pain_points"))
    landed = window.document.cell_card_ids(*cell)
    assert [window.document.card(c).title for c in landed] == [c.title for c in dragged]
    assert not {c.id for c in dragged} & set(landed), "copies get ids of their own"
    assert window.scene.selected_card_ids() == landed
    assert window.document.undo_stack.count() == 1
    assert window.document.undo_stack.undoText() == "Drop 2 cards"
    assert other.document.map.model_dump_json() == before_other, "the source keeps its cards"
    window.act_undo.trigger()
    assert window.document.cell_card_ids(*cell) == []


def test_cards_dropped_off_the_grid_are_refused(window: MainWindow) -> None:
    cards = window.document.map.cards[:1]
    before = window.document.map.model_dump_json()
    outcome = drop_mime(window.view.viewport(), cards_to_mime(cards), QPoint(5, 300))
    assert outcome.entered and not outcome.hovered and not outcome.dropped
    assert window.document.map.model_dump_json() == before


def test_cards_dragged_out_and_back_into_their_own_window_move(window: MainWindow) -> None:
    """Qt names the drag's source: our own viewport means the cards moved, not copied."""
    view = window.view
    data = cards_to_mime([window.document.card("ad")])
    target = cell_centre(window, 2, "pain_points")
    assert CardsDrop().drop(view, Drop(data, target, view.viewport()))
    card = window.document.card("ad")
    assert (card.stage_id, card.lane_id) == (window.document.map.stages[2].id,
                                             lane_id(window, "pain_points"))
    assert len(window.document.map.cards) == 5, "moved, not copied"


def test_a_dropped_map_file_opens_in_its_own_window(window: MainWindow,
                                                    manager: WindowManager,
                                                    examples_dir: Path,
                                                    tmp_path: Path) -> None:
    dropped = tmp_path / "dropped.journeymap"
    shutil.copy(examples_dir / "grocery-delivery.journeymap", dropped)
    outcome = drop_mime(window.view.viewport(), files_mime(dropped), QPoint(300, 300))
    assert outcome.entered and outcome.dropped
    opened = manager.window_for(dropped)
    assert opened is not None and opened is not window


def test_files_dropped_beside_the_canvas_open_too(window: MainWindow, manager: WindowManager,
                                                 examples_dir: Path, tmp_path: Path) -> None:
    dropped = tmp_path / "beside.journeymap"
    shutil.copy(examples_dir / "grocery-delivery.journeymap", dropped)
    palette = window.palette_dock.mapTo(window, QPoint(20, 60))
    outcome = drop_mime(window, files_mime(dropped), palette)
    assert outcome.entered and outcome.dropped
    assert manager.window_for(dropped) is not None
    # A palette kind, by contrast, has no place to land beside the canvas.
    kind = drop_mime(window, kind_to_mime("note"), palette)
    assert not kind.entered and not kind.dropped


def test_a_file_journeymap_does_not_open_is_refused_with_a_clear_message(
        window: MainWindow, manager: WindowManager, tmp_path: Path, qtbot: QtBot) -> None:
    notes = tmp_path / "notes.docx"
    notes.write_bytes(b"PK\x03\x04 not a map")
    seen: list[str] = []
    answer_next_message_box("OK", seen)
    outcome = drop_mime(window.view.viewport(), files_mime(notes), QPoint(300, 300))
    assert outcome.entered, "the drag is taken, so its drop can say why it is refused"
    assert not outcome.dropped
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen == ["“notes.docx” was not opened: JourneyMap opens Journey maps "
                    "(.journeymap), Mermaid journeys (.mmd, .mermaid), Spreadsheets and "
                    "survey exports (.csv, .tsv, .xlsx)."]
    assert manager.windows == [window]


def test_of_several_dropped_files_the_maps_open_and_the_rest_are_named(
        window: MainWindow, manager: WindowManager, examples_dir: Path, tmp_path: Path,
        qtbot: QtBot) -> None:
    good = tmp_path / "good.journeymap"
    shutil.copy(examples_dir / "grocery-delivery.journeymap", good)
    photo, sheet = tmp_path / "photo.jpg", tmp_path / "sheet.ods"
    for path in (photo, sheet):
        path.write_bytes(b"\xff\xd8")
    seen: list[str] = []
    answer_next_message_box("OK", seen)
    outcome = drop_mime(window.view.viewport(), files_mime(photo, good, sheet), QPoint(300, 300))
    assert outcome.dropped
    assert manager.window_for(good) is not None
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    assert seen[0].startswith("“photo.jpg”, “sheet.ods” were not opened")


def test_a_file_of_a_registered_import_format_is_taken(window: MainWindow,
                                                      manager: WindowManager,
                                                      tmp_path: Path) -> None:
    notes = tmp_path / "trip.outline"
    notes.write_text("Dream\nBook\nTravel\n", encoding="utf-8")
    with FORMATS.registered(OUTLINE):
        outcome = drop_mime(window.view.viewport(), files_mime(notes), QPoint(300, 300))
    assert outcome.dropped
    imported = [w for w in manager.windows if w is not window]
    assert len(imported) == 1
    assert imported[0].document.map.stages[0].name == "Dream"
    assert imported[0].document.path is None


def test_present_mode_still_opens_dropped_files(window: MainWindow, manager: WindowManager,
                                                examples_dir: Path, tmp_path: Path) -> None:
    dropped = tmp_path / "in-present.journeymap"
    shutil.copy(examples_dir / "grocery-delivery.journeymap", dropped)
    window.act_present.trigger()
    cards = window.document.map.cards[:1]
    assert not drop_mime(window.view.viewport(), cards_to_mime(cards),
                         _at(window, 0, "touchpoints")).entered
    assert drop_mime(window.view.viewport(), files_mime(dropped), QPoint(300, 300)).dropped
    assert manager.window_for(dropped) is not None
    QApplication.processEvents()
