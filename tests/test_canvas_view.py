"""Moving around the canvas: rubber band, panning, wheel zoom, frozen headers, menus."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from journeymap_desktop.ui.main_window import MainWindow
from tests.helpers import centre, drag
from tests.helpers_model import emotion_of


def test_rubber_band_selects_the_cards_it_touches(window: MainWindow, qtbot: QtBot) -> None:
    layout = window.scene.layout
    ad = layout.cards["ad"].rect
    compare = layout.cards["compare"].rect
    start = QPointF(ad.x - 6, ad.y - 6)
    # Across both stages' touchpoints, starting on empty grid (not on a card).
    end = QPointF(compare.right - 10, layout.cards["friend"].rect.y + 10)

    drag(qtbot, window.view, start, end)

    assert set(window.scene.selected_card_ids()) == {"ad", "friend", "compare"}
    assert window.inspector.stack.currentWidget() is window.inspector.cards_page
    assert window.inspector.cards_page.heading.text() == "3 cards selected"


def test_setting_the_emotion_of_several_cards_is_one_undo_step(window: MainWindow,
                                                              qtbot: QtBot) -> None:
    window.scene.select_cards(["ad", "friend", "fees"])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert [emotion_of(window.document.card(c)) for c in ("ad", "friend", "fees")] == [
        -1, -1, -1]
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert [emotion_of(window.document.card(c)) for c in ("ad", "friend", "fees")] == [
        1, 2, None]


def test_middle_drag_pans_the_view(window: MainWindow, qtbot: QtBot) -> None:
    window.view.set_zoom(2.0)
    bar = window.view.horizontalScrollBar()
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    middle = centre(window.scene.layout.grid)
    drag(qtbot, window.view, middle, middle + QPointF(-60, 0),
         button=Qt.MouseButton.MiddleButton)
    assert bar.value() > before
    assert window.document.undo_stack.count() == 0


def test_space_and_drag_pans_instead_of_moving_a_card(window: MainWindow, qtbot: QtBot) -> None:
    window.view.set_zoom(2.0)
    bar = window.view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    before = bar.value()
    visible = window.view.visible_scene_rect()
    start = visible.center()
    qtbot.keyPress(window.view, Qt.Key.Key_Space)
    drag(qtbot, window.view, start, start + QPointF(0, 50))
    qtbot.keyRelease(window.view, Qt.Key.Key_Space)
    assert bar.value() < before
    assert window.document.undo_stack.count() == 0


def test_ctrl_wheel_zooms_and_plain_wheel_scrolls(window: MainWindow) -> None:
    view = window.view
    viewport = view.viewport()
    at = QPointF(300, 300)

    def wheel(modifiers: Qt.KeyboardModifier, delta: int) -> None:
        event = QWheelEvent(at, viewport.mapToGlobal(at), QPoint(0, 0), QPoint(0, delta),
                            Qt.MouseButton.NoButton, modifiers, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(viewport, event)

    wheel(Qt.KeyboardModifier.ControlModifier, 120)
    assert view.zoom > 1.0
    zoom = view.zoom
    wheel(Qt.KeyboardModifier.ControlModifier, -240)
    assert view.zoom < zoom
    view.zoom_reset()
    view.set_zoom(1.5)
    bar = view.verticalScrollBar()
    bar.setValue(0)
    wheel(Qt.KeyboardModifier.NoModifier, -120)
    assert bar.value() > 0
    assert view.zoom == 1.5


def test_headers_stay_visible_while_scrolling(window: MainWindow) -> None:
    view = window.view
    view.set_zoom(2.0)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().maximum())
    visible = view.visible_scene_rect()
    stage_item = next(iter(window.scene.stage_items.values()))
    lane_item = next(iter(window.scene.lane_items.values()))
    assert abs(stage_item.scenePos().y() - visible.top()) < 2
    assert abs(lane_item.scenePos().x() - visible.left()) < 2
    view.scroll_to_start()
    layout = window.scene.layout
    # At the map's start the headers rest against the grid they head (drawn at a fixed size
    # on screen, so at 200 % half their layout size in the scene).
    assert stage_item.sceneBoundingRect().bottom() == layout.stages[0].header.bottom
    assert lane_item.sceneBoundingRect().right() == layout.lanes[0].header.right
    assert stage_item.sceneBoundingRect().height() == layout.stages[0].header.h / 2


def test_right_click_on_a_card_offers_its_emotions(window: MainWindow, qtbot: QtBot) -> None:
    shown: list[list[str]] = []

    def read_menu() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(20, read_menu)
            return
        shown.append([a.text().replace("&", "") for a in menu.actions() if a.text()])
        emotion = next(a for a in menu.actions() if a.text() == "&Emotion").menu()
        emotion.actions()[4].trigger()  # very positive
        menu.close()

    QTimer.singleShot(0, read_menu)
    point = window.view.mapFromScene(centre(window.scene.layout.cards["checkout"].rect))
    from PySide6.QtGui import QContextMenuEvent

    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                              window.view.viewport().mapToGlobal(point))
    QApplication.sendEvent(window.view.viewport(), event)

    assert shown and {"Emotion", "Kind", "Duplicate", "Delete"} <= set(shown[0])
    assert window.scene.selected_card_ids() == ["checkout"]
    assert emotion_of(window.document.card("checkout")) == 2


def test_renaming_a_frozen_header_while_scrolled_opens_the_editor_on_screen(
        window: MainWindow, qtbot: QtBot) -> None:
    view = window.view
    view.set_zoom(2.0)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())
    stage_item = window.scene.stage_items[window.document.map.stages[1].id]
    view.edit_item(stage_item)
    editor = view.editor
    assert editor is not None
    assert view.viewport().rect().intersects(editor.geometry())
    editor.setText("Compare offers")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.document.map.stages[1].name == "Compare offers"


def test_cancelling_a_header_drag_puts_the_header_back_in_its_row(window: MainWindow,
                                                                  qtbot: QtBot) -> None:
    view = window.view
    view.set_zoom(2.0)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    item = window.scene.stage_items[window.document.map.stages[0].id]
    start = item.sceneBoundingRect().center()
    drag(qtbot, view, start, start + QPointF(120, 0), release=False)
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 200)  # auto-scroll
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton,
                       pos=view.mapFromScene(start))
    others = [i for i in window.scene.stage_items.values() if i is not item]
    assert all(abs(o.scenePos().y() - item.scenePos().y()) < 0.5 for o in others)
    assert item.scenePos().x() == window.scene.layout.stages[0].header.x


def test_choosing_a_lanes_current_kind_again_is_not_an_edit(window: MainWindow) -> None:
    from journeymap_desktop import commands

    lane = window.document.map.lanes[0]
    window.document.push(commands.SetFields(window.document, "lane", lane.id,
                                            {"kind": lane.kind}))
    assert window.document.undo_stack.count() == 0
    assert not window.isWindowModified()


def test_the_several_cards_page_follows_undo_and_shows_a_shared_emotion(
        window: MainWindow, qtbot: QtBot) -> None:
    page = window.inspector.cards_page
    window.scene.select_cards(["ad", "friend"])
    assert page.kind.currentData() == "touchpoint"
    assert not any(b.isChecked() for b in page.emotion.buttons.values()), "1 and 2: mixed"
    page.kind.setCurrentIndex(page.kind.findData("note"))
    page.kind.activated.emit(page.kind.currentIndex())
    assert window.document.card("ad").kind == "note"
    window.document.undo_stack.undo()
    assert page.kind.currentData() == "touchpoint"
    window.scene.select_cards(["checkout", "compare"])
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert page.emotion.buttons[-1].isChecked()


def test_presentation_mode_shows_only_the_map_and_comes_back(window: MainWindow,
                                                            qtbot: QtBot) -> None:
    assert window.inspector.isVisible()
    window.act_present.trigger()
    assert window.isFullScreen()
    assert not window.inspector.isVisible() and not window.palette_dock.isVisible()
    assert not window.statusBar().isVisible()
    window.act_present.trigger()
    assert not window.isFullScreen()
    assert window.inspector.isVisible() and window.palette_dock.isVisible()


def test_a_stage_wider_than_the_view_keeps_its_name_in_sight(window: MainWindow) -> None:
    from journeymap_desktop import commands
    from journeymap_desktop.model.map import Card

    doc = window.document
    stage, touch = doc.map.stages[0].id, doc.map.lanes[1].id
    doc.push(commands.AddCards(doc, [Card(id=f"n{i}", stage_id=stage, lane_id=touch,
                                          title=f"Note {i}") for i in range(40)], 0))
    view = window.view
    view.set_zoom(2.5)
    view.scroll_to_start()
    header = window.scene.stage_items[stage]
    assert header.text_offset == 0
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 400)
    assert header.text_offset > 0, "the name slid along with the view"
    lane_item = window.scene.lane_items[touch]
    view.verticalScrollBar().setValue(view.verticalScrollBar().value() + 400)
    assert lane_item.text_offset > 0
