"""Drag and drop on the canvas with real mouse events, checked in the model afterwards."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from journeymap_desktop.canvas.mime import kind_to_mime, map_files_from_mime
from journeymap_desktop.model.curves import curve_points
from journeymap_desktop.ui.main_window import MainWindow
from tests.helpers import centre, click, drag
from tests.helpers_model import emotion_of


def _place(window: MainWindow, card_id: str) -> tuple[str, str, int]:
    card = window.document.card(card_id)
    return card.stage_id, card.lane_id, card.order


def _lane(window: MainWindow, kind: str) -> str:
    return next(lane.id for lane in window.document.map.lanes if lane.kind == kind)


def _stage(window: MainWindow, index: int) -> str:
    return window.document.map.stages[index].id


def _cell_centre(window: MainWindow, stage_index: int, lane_kind: str) -> QPointF:
    rect = window.scene.layout.cell_rect(_stage(window, stage_index), _lane(window, lane_kind))
    return centre(rect)


def _card_centre(window: MainWindow, card_id: str) -> QPointF:
    return centre(window.scene.layout.cards[card_id].rect)


def test_dragging_a_card_to_another_stage_and_lane_moves_it_and_undo_puts_it_back(
        window: MainWindow, qtbot: QtBot) -> None:
    doc = window.document
    before = _place(window, "ad")
    target = _cell_centre(window, 1, "pain_points")

    drag(qtbot, window.view, _card_centre(window, "ad"), target)

    assert _place(window, "ad") == (_stage(window, 1), _lane(window, "pain_points"), 0)
    assert doc.cell_card_ids(_stage(window, 0), _lane(window, "touchpoints")) == ["friend"]
    assert doc.undo_stack.count() == 1, "one drag is one undo step"
    assert window.isWindowModified()
    # The item snapped into the new cell's first slot.
    box = window.scene.layout.cards["ad"]
    assert window.scene.card_items["ad"].pos() == QPointF(box.rect.x, box.rect.y)
    assert window.scene.layout.cell_rect(_stage(window, 1), _lane(window, "pain_points")) \
        .contains(box.rect.x + 1, box.rect.y + 1)

    doc.undo_stack.undo()
    assert _place(window, "ad") == before
    assert doc.cell_card_ids(_stage(window, 0), _lane(window, "touchpoints")) == ["ad", "friend"]
    assert not window.isWindowModified()

    doc.undo_stack.redo()
    assert _place(window, "ad") == (_stage(window, 1), _lane(window, "pain_points"), 0)


def test_dragging_within_a_cell_reorders(window: MainWindow, qtbot: QtBot) -> None:
    ad = window.scene.layout.cards["ad"].rect
    above_ad = QPointF(ad.x + ad.w / 2, ad.y + 4)

    drag(qtbot, window.view, _card_centre(window, "friend"), above_ad)

    touch = (_stage(window, 0), _lane(window, "touchpoints"))
    assert window.document.cell_card_ids(*touch) == ["friend", "ad"]
    assert [_place(window, c)[2] for c in ("friend", "ad")] == [0, 1]


def test_dropping_between_two_cards_of_another_stage(window: MainWindow,
                                                     qtbot: QtBot) -> None:
    ad = window.scene.layout.cards["ad"].rect
    between = QPointF(ad.x + ad.w / 2, ad.bottom + 4)

    drag(qtbot, window.view, _card_centre(window, "compare"), between)

    touch = (_stage(window, 0), _lane(window, "touchpoints"))
    assert window.document.cell_card_ids(*touch) == ["ad", "compare", "friend"]
    assert window.document.cell_card_ids(_stage(window, 1), _lane(window, "touchpoints")) == []


def test_the_insertion_indicator_shows_during_the_drag(window: MainWindow,
                                                       qtbot: QtBot) -> None:
    target = _cell_centre(window, 3, "opportunities")
    drag(qtbot, window.view, _card_centre(window, "ad"), target, release=False)

    indicator = window.scene.insertion
    assert indicator.isVisible()
    x1, y1, x2, _ = indicator.line()
    cell = window.scene.layout.cell_rect(_stage(window, 3), _lane(window, "opportunities"))
    assert cell.x <= x1 < x2 <= cell.right and cell.y <= y1 <= cell.bottom
    # The dragged card follows the pointer.
    item_centre = window.scene.card_items["ad"].sceneBoundingRect().center()
    assert abs(item_centre.x() - target.x()) < 20

    qtbot.mouseRelease(window.view.viewport(), Qt.MouseButton.LeftButton,
                       pos=window.view.mapFromScene(target))
    assert not indicator.isVisible()
    assert _place(window, "ad")[:2] == (_stage(window, 3), _lane(window, "opportunities"))


def test_several_selected_cards_move_together_in_their_order(window: MainWindow,
                                                             qtbot: QtBot) -> None:
    click(qtbot, window.view, _card_centre(window, "friend"))
    click(qtbot, window.view, _card_centre(window, "checkout"),
          modifiers=Qt.KeyboardModifier.ControlModifier)
    assert window.scene.selected_card_ids() == ["friend", "checkout"]

    drag(qtbot, window.view, _card_centre(window, "checkout"),
         _cell_centre(window, 4, "opportunities"))

    target = (_stage(window, 4), _lane(window, "opportunities"))
    assert window.document.cell_card_ids(*target) == ["friend", "checkout"]
    assert window.document.undo_stack.count() == 1
    window.document.undo_stack.undo()
    assert _place(window, "friend")[:2] == (_stage(window, 0), _lane(window, "touchpoints"))
    assert _place(window, "checkout")[:2] == (_stage(window, 2), _lane(window, "touchpoints"))


def test_dropping_outside_the_grid_returns_the_card(window: MainWindow, qtbot: QtBot) -> None:
    item = window.scene.card_items["ad"]
    home = item.pos()
    lane_header = centre(window.scene.layout.lanes[0].header)

    drag(qtbot, window.view, _card_centre(window, "ad"), lane_header)

    assert window.document.undo_stack.count() == 0
    assert item.pos() == home
    assert _place(window, "ad") == (_stage(window, 0), _lane(window, "touchpoints"), 0)


def test_escape_cancels_a_drag(window: MainWindow, qtbot: QtBot) -> None:
    item = window.scene.card_items["ad"]
    home = item.pos()
    target = _cell_centre(window, 2, "opportunities")
    drag(qtbot, window.view, _card_centre(window, "ad"), target, release=False)
    assert item.pos() != home

    qtbot.keyClick(window.view, Qt.Key.Key_Escape)
    qtbot.mouseRelease(window.view.viewport(), Qt.MouseButton.LeftButton,
                       pos=window.view.mapFromScene(target))

    assert item.pos() == home
    assert not window.scene.insertion.isVisible()
    assert window.document.undo_stack.count() == 0


def test_dragging_a_stage_header_reorders_stages(window: MainWindow, qtbot: QtBot) -> None:
    doc = window.document
    names = [s.name for s in doc.map.stages]
    start = centre(window.scene.layout.stages[0].header)
    third = window.scene.layout.stages[2].header
    end = QPointF(third.x + third.w / 2 + 10, start.y())

    drag(qtbot, window.view, start, end)

    assert [s.name for s in doc.map.stages] == [names[1], names[2], names[0], *names[3:]]
    # Cards travel with their stage.
    ad = window.scene.layout.cards["ad"].rect
    assert window.scene.layout.stage_box(_stage(window, 2)).column.x <= ad.x
    doc.undo_stack.undo()
    assert [s.name for s in doc.map.stages] == names


def test_dragging_a_lane_header_reorders_lanes(window: MainWindow, qtbot: QtBot) -> None:
    doc = window.document
    kinds = [lane.kind for lane in doc.map.lanes]
    pain = window.scene.layout.lane_box(_lane(window, "pain_points")).header
    touch = window.scene.layout.lane_box(_lane(window, "touchpoints")).row

    drag(qtbot, window.view, centre(pain), QPointF(pain.x + pain.w / 2, touch.y + 6))

    assert [lane.kind for lane in doc.map.lanes] == [
        "customer_actions", "pain_points", "touchpoints", "emotions", "opportunities"]
    doc.undo_stack.undo()
    assert [lane.kind for lane in doc.map.lanes] == kinds


def test_a_palette_drop_creates_a_card_in_the_target_cell(window: MainWindow,
                                                          qtbot: QtBot) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
    from PySide6.QtWidgets import QApplication

    viewport = window.view.viewport()
    point = window.view.mapFromScene(_cell_centre(window, 3, "pain_points"))
    data = kind_to_mime("pain_point")
    actions = Qt.DropAction.CopyAction
    buttons = Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    QApplication.sendEvent(viewport, QDragEnterEvent(point, actions, data, buttons, none))
    move = QDragMoveEvent(point, actions, data, buttons, none)
    QApplication.sendEvent(viewport, move)
    assert move.isAccepted()
    assert window.scene.insertion.isVisible()
    QApplication.sendEvent(viewport, QDropEvent(QPointF(point), actions, data, buttons, none))

    cell = (_stage(window, 3), _lane(window, "pain_points"))
    created = window.document.cell_card_ids(*cell)
    assert len(created) == 1
    card = window.document.card(created[0])
    assert card.kind == "pain_point"
    assert window.scene.selected_card_ids() == created
    # The new card's title is open for typing straight away.
    editor = window.view.editor
    assert editor is not None
    qtbot.keyClicks(editor, "Queue at the till")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.document.card(created[0]).title == "Queue at the till"
    # Dropping on the lane headers (outside the grid) is refused.
    outside = QPoint(5, point.y())
    refused = QDragMoveEvent(outside, actions, data, buttons, none)
    QApplication.sendEvent(viewport, refused)
    assert not refused.isAccepted()


def test_dropping_a_map_file_opens_it(window: MainWindow, manager, tmp_path,  # type: ignore[no-untyped-def]
                                      examples_dir, qtbot: QtBot) -> None:
    import shutil

    from PySide6.QtCore import QMimeData, QUrl
    from PySide6.QtGui import QDropEvent
    from PySide6.QtWidgets import QApplication

    dropped = tmp_path / "dropped.journeymap"
    shutil.copy(examples_dir / "b2b-onboarding.journeymap", dropped)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(dropped))])
    assert map_files_from_mime(data) == [dropped]
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QDragEnterEvent

    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.view.viewport(), enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window.view.viewport(), drop)

    opened = manager.window_for(dropped)
    assert opened is not None and opened is not window
    assert "dropped.journeymap" in opened.windowTitle()
    assert len(opened.document.map.cards) > 25


def test_the_emotion_curve_follows_emotion_edits_and_card_moves(window: MainWindow,
                                                                qtbot: QtBot) -> None:
    curve = next(iter(window.scene.curve_items.values()))
    assert [p.card_id for p in curve.band.points] == ["ad", "friend", "compare", "checkout"]
    assert [p.card_id for p in curve.band.points] == [
        p.card_id for p in curve_points(window.document.map, "everyone-as-is")]
    level_y = curve.band.level_y
    assert curve.point_centres()["compare"][1] == level_y[0]

    click(qtbot, window.view, _card_centre(window, "compare"))
    qtbot.keyClick(window.view, Qt.Key.Key_1)  # very negative
    assert emotion_of(window.document.card("compare")) == -2
    qtbot.wait(1)  # the edit's relayout runs in the next turn of the event loop
    assert curve.point_centres()["compare"][1] == level_y[-2]

    drag(qtbot, window.view, _card_centre(window, "checkout"),
         centre(window.scene.layout.cards["ad"].rect) - QPointF(0, 20))
    assert [p.card_id for p in curve.band.points] == ["checkout", "ad", "friend", "compare"]
    s0 = window.scene.layout.stage_box(_stage(window, 0)).column
    assert s0.x <= curve.point_centres()["checkout"][0] < s0.right
    drawn = curve.picture.curve
    assert drawn is not None and len(drawn.segments) == len(curve.band.points) - 1


def test_cards_sit_side_by_side_in_a_crowded_stage_and_drops_land_between_them(
        window: MainWindow, qtbot: QtBot) -> None:
    from journeymap_desktop import commands
    from journeymap_desktop.model.map import Card

    doc = window.document
    stage, touch = _stage(window, 0), _lane(window, "touchpoints")
    extra = [Card(id=f"extra{i}", stage_id=stage, lane_id=touch, title=f"Interview note {i}")
             for i in range(14)]
    doc.push(commands.AddCards(doc, extra, 2))
    layout = window.scene.layout
    columns = layout.stage_box(stage).card_columns
    assert columns >= 2, "a crowded stage holds cards side by side"
    ad, friend = layout.cards["ad"].rect, layout.cards["friend"].rect
    assert ad.y == friend.y and friend.x > ad.right, "reading order runs along the row"
    assert layout.stage_box(stage).column.w > layout.stage_box(_stage(window, 1)).column.w

    window.view.set_zoom(0.6)
    window.view.scroll_to_start()
    right_half_of_friend = QPointF(friend.x + friend.w * 0.75, friend.y + friend.h / 2)
    drag(qtbot, window.view, _card_centre(window, "ad"), right_half_of_friend, release=False)
    x1, y1, x2, y2 = window.scene.insertion.line()
    assert x1 == x2 and y2 > y1, "beside a card the insertion line stands upright"
    assert friend.right < x1 < friend.right + 8
    qtbot.mouseRelease(window.view.viewport(), Qt.MouseButton.LeftButton,
                       pos=window.view.mapFromScene(right_half_of_friend))

    assert doc.cell_card_ids(stage, touch)[:3] == ["friend", "ad", "extra0"]
    doc.undo_stack.undo()
    assert doc.cell_card_ids(stage, touch)[:3] == ["ad", "friend", "extra0"]
