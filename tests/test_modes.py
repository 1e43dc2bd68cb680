"""Canvas modes: each is a set of gestures and drop handlers. Edit changes the map; Present
only navigates and selects. Checked with real mouse and key events and the model after."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from journeymap_desktop.canvas import modes
from journeymap_desktop.canvas.interactions import CardDrag, Pan
from journeymap_desktop.canvas.mime import CARDS_MIME, kind_to_mime
from journeymap_desktop.canvas.modes import EDIT, PRESENT, WORKSHOP, Mode
from journeymap_desktop.canvas.workshop_gestures import VoteClick
from journeymap_desktop.ui.main_window import MainWindow
from tests.helpers import (
    card_centre,
    cell_centre,
    centre,
    click,
    drag,
    drop_mime,
    select_card,
)


def _snapshot(window: MainWindow) -> str:
    return window.document.map.model_dump_json()


def _present(window: MainWindow) -> None:
    window.act_present.trigger()
    assert window.view.mode is PRESENT


def test_each_mode_offers_its_own_gestures_and_drops() -> None:
    assert modes.MODES == {"edit": EDIT, "present": PRESENT, "workshop": WORKSHOP}
    assert EDIT.edits_map and not PRESENT.edits_map and not WORKSHOP.edits_map
    assert WORKSHOP.keeps_actions == {"undo", "redo"} and not PRESENT.keeps_actions
    assert CardDrag not in WORKSHOP.gestures and VoteClick in WORKSHOP.gestures
    assert WORKSHOP.drops == ()
    assert CardDrag in EDIT.gestures and CardDrag not in PRESENT.gestures
    assert Pan in EDIT.gestures and Pan in PRESENT.gestures
    assert [type(h).__name__ for h in EDIT.drops] == ["CardKindDrop", "CardsDrop", "FileDrop"]
    assert [type(h).__name__ for h in PRESENT.drops] == ["FileDrop"]


def test_a_card_drag_moves_the_card_in_edit_mode_only(window: MainWindow,
                                                      qtbot: QtBot) -> None:
    view = window.view
    assert view.mode is EDIT
    target = cell_centre(window, 1, "pain_points")
    drag(qtbot, view, card_centre(window, "ad"), target)
    assert window.document.card("ad").stage_id == window.document.map.stages[1].id
    window.document.undo_stack.undo()

    _present(window)
    before = _snapshot(window)
    drag(qtbot, view, card_centre(window, "ad"), target)
    assert _snapshot(window) == before, "a drag in Present mode leaves the map alone"
    assert window.document.undo_stack.count() == 1  # only the undone Edit-mode move
    assert window.scene.selected_card_ids() == ["ad"], "the pressed card is selected"
    item = window.scene.card_items["ad"]
    box = window.scene.layout.cards["ad"].rect
    assert item.pos() == QPointF(box.x, box.y), "the card never left its place"


def test_a_drag_in_present_mode_moves_the_view(window: MainWindow, qtbot: QtBot) -> None:
    _present(window)
    view = window.view
    view.set_zoom(3.0)
    view.reveal_card("checkout")
    bar = view.horizontalScrollBar()
    before = bar.value()
    start = card_centre(window, "checkout")
    drag(qtbot, view, start, start + QPointF(-40, 0))
    assert bar.value() > before, "dragging the map to the left shows more of its right"
    assert window.document.undo_stack.count() == 0


def test_present_mode_refuses_every_editing_gesture(window: MainWindow, qtbot: QtBot) -> None:
    doc = window.document
    _present(window)
    view = window.view
    before = _snapshot(window)

    # Header drags, double clicks (in-place editing, a new card), F2, Enter, keys, Delete.
    stage = centre(window.scene.layout.stages[0].header)
    drag(qtbot, view, stage, stage + QPointF(400, 0))
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      pos=view.mapFromScene(card_centre(window, "ad")))
    assert view.editor is None
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton,
                      pos=view.mapFromScene(cell_centre(window, 3, "opportunities")))
    select_card(qtbot, window, "ad")
    for key in (Qt.Key.Key_F2, Qt.Key.Key_Return, Qt.Key.Key_1, Qt.Key.Key_M, Qt.Key.Key_Plus,
                Qt.Key.Key_N, Qt.Key.Key_Delete):
        qtbot.keyClick(view, key)
    assert view.editor is None
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    view.edit_selected()
    assert view.editor is None
    assert _snapshot(window) == before
    assert doc.undo_stack.count() == 0
    for action_id in ("undo", "cut", "paste", "delete", "addCard", "addStage", "rename",
                      "emotion1", "kind_note", "momentOfTruth", "vote"):
        assert not window.action_map[action_id].isEnabled(), action_id
    for action_id in ("copy", "find", "save", "exportPdf", "zoomIn", "fitToWindow"):
        assert window.action_map[action_id].isEnabled(), action_id
    assert not any(dock.isEnabled() for dock in window.docks()), "no panel edits either"

    # A palette kind dragged in is refused; the map stays as it was.
    viewport = view.viewport()
    point = view.mapFromScene(cell_centre(window, 2, "pain_points"))
    outcome = drop_mime(viewport, kind_to_mime("note"), point)
    assert not outcome.entered and not outcome.dropped
    assert _snapshot(window) == before


def test_navigation_and_selection_stay_in_present_mode(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    _present(window)
    view = window.view
    select_card(qtbot, window, "ad")
    assert window.scene.selected_card_ids() == ["ad"]
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert window.scene.selected_card_ids() == ["compare"], "arrow keys walk the journey"
    select_card(qtbot, window, "checkout", Qt.KeyboardModifier.ControlModifier)
    assert set(window.scene.selected_card_ids()) == {"compare", "checkout"}
    # A rubber band from empty canvas selects what it touches.
    layout = window.scene.layout
    ad = layout.cards["ad"].rect
    drag(qtbot, view, QPointF(ad.x - 6, ad.y - 6),
         QPointF(layout.cards["compare"].rect.right - 10, layout.cards["friend"].rect.y + 10))
    assert set(window.scene.selected_card_ids()) == {"ad", "friend", "compare"}
    zoom = view.zoom
    window.act_zoom_in.trigger()
    assert view.zoom > zoom
    assert window.document.undo_stack.count() == 0


def test_escape_clears_the_selection_then_leaves_present_mode(window: MainWindow,
                                                             qtbot: QtBot) -> None:
    _present(window)
    assert window.isFullScreen()
    select_card(qtbot, window, "ad")
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.view.mode is PRESENT and not window.scene.selectedItems()
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.view.mode is EDIT
    assert not window.isFullScreen() and window.inspector.isVisible()
    assert window.act_edit_mode.isChecked() and not window.act_present.isChecked()
    assert window.inspector.isEnabled() and window.action_map["undo"] is window.act_undo


def test_the_view_menu_switches_modes_and_f11_toggles(window: MainWindow) -> None:
    window.act_present.trigger()
    assert window.view.mode is PRESENT and window.act_present.isChecked()
    window.act_edit_mode.trigger()
    assert window.view.mode is EDIT and not window.isFullScreen()
    window.act_present.trigger()
    window.act_present.trigger()
    assert window.view.mode is EDIT and window.act_edit_mode.isChecked()


def test_switching_modes_mid_drag_puts_the_cards_back(window: MainWindow,
                                                      qtbot: QtBot) -> None:
    item = window.scene.card_items["ad"]
    home = item.pos()
    target = cell_centre(window, 2, "opportunities")
    drag(qtbot, window.view, card_centre(window, "ad"), target, release=False)
    assert item.pos() != home
    window.act_present.trigger()
    qtbot.mouseRelease(window.view.viewport(), Qt.MouseButton.LeftButton,
                       pos=window.view.mapFromScene(target))
    assert item.pos() == home
    assert window.document.undo_stack.count() == 0


def test_entering_present_mode_keeps_what_was_being_typed(window: MainWindow,
                                                          qtbot: QtBot) -> None:
    select_card(qtbot, window, "ad")
    body = window.inspector.card_page.body
    body.setFocus()
    qtbot.keyClicks(body, "Typed before presenting")
    window.act_present.trigger()
    assert window.document.card("ad").body == "Typed before presenting"


def test_escape_during_a_rubber_band_puts_the_selection_back(window: MainWindow,
                                                             qtbot: QtBot) -> None:
    window.scene.select_cards(["fees"])
    layout = window.scene.layout
    ad = layout.cards["ad"].rect
    drag(qtbot, window.view, QPointF(ad.x - 6, ad.y - 6),
         QPointF(layout.cards["compare"].rect.right - 10, layout.cards["friend"].rect.y + 10),
         release=False)
    assert set(window.scene.selected_card_ids()) == {"ad", "friend", "compare"}
    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    assert window.scene.selected_card_ids() == ["fees"]
    qtbot.mouseRelease(window.view.viewport(), Qt.MouseButton.LeftButton)
    assert window.scene.selected_card_ids() == ["fees"]


def test_the_right_click_menu_in_present_mode_offers_no_edits(window: MainWindow,
                                                              qtbot: QtBot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QContextMenuEvent

    _present(window)
    shown: list[list[str]] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, read_menu)
            return
        shown.append([a.text().replace("&", "") for a in menu.actions() if a.text()])
        menu.close()

    QTimer.singleShot(0, read_menu)
    point = window.view.mapFromScene(card_centre(window, "checkout"))
    QApplication.sendEvent(window.view.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, window.view.viewport().mapToGlobal(point)))
    assert shown == [["Copy", "Fit to Window", "Actual Size", "Presentation Mode"]]
    assert window.scene.selected_card_ids() == ["checkout"]


def test_a_mode_is_just_its_gestures(window: MainWindow, qtbot: QtBot) -> None:
    """A new mode (Workshop comes next) is a tuple of existing gestures and handlers."""
    look_only = Mode("look", "Look", gestures=(Pan,), drops=(), edits_map=False)
    window.view.set_mode(look_only)
    click(qtbot, window.view, card_centre(window, "ad"))
    assert window.scene.selected_card_ids() == [], "no gesture selects in this mode"
    outcome = drop_mime(window.view.viewport(), kind_to_mime("note"),
                        window.view.mapFromScene(cell_centre(window, 0, "touchpoints")))
    assert not outcome.entered
    window.view.set_mode(EDIT)
    click(qtbot, window.view, card_centre(window, "ad"))
    assert window.scene.selected_card_ids() == ["ad"]


def test_dragging_cards_out_of_the_window_hands_copies_to_drag_and_drop(
        window: MainWindow, qtbot: QtBot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPoint

    handed: list[object] = []
    monkeypatch.setattr(CardDrag, "start_external_drag",
                        lambda self, data: handed.append(bytes(data.data(CARDS_MIME))))
    window.scene.select_cards(["ad", "friend"])
    view = window.view
    viewport = view.viewport()
    start = view.mapFromScene(card_centre(window, "ad"))
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, pos=start + QPoint(30, 0))
    qtbot.mouseMove(viewport, pos=start + QPoint(60, 0))
    # Past the window's edge: the pointer is over another window now.
    outside = viewport.mapFromGlobal(window.frameGeometry().topRight() + QPoint(80, 40))
    qtbot.mouseMove(viewport, pos=outside)
    assert len(handed) == 1
    assert b'"ad"' in handed[0] and b'"friend"' in handed[0]
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=outside)
    for card_id in ("ad", "friend"):
        box = window.scene.layout.cards[card_id].rect
        assert window.scene.card_items[card_id].pos() == QPointF(box.x, box.y)
    assert window.document.undo_stack.count() == 0
    assert not window.scene.insertion.isVisible()
