"""Editing on the canvas and in the inspector: what the user types ends up in the model."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from journeymap_desktop.canvas.items.card import CardItem
from journeymap_desktop.ui.main_window import MainWindow
from tests.helpers import answer_next_message_box, centre, click, type_text
from tests.helpers_model import emotion_of, feel, word_of


def _select(window: MainWindow, qtbot: QtBot, card_id: str) -> None:
    click(qtbot, window.view, centre(window.scene.layout.cards[card_id].rect))
    assert window.scene.selected_card_ids() == [card_id]


def test_inspector_edits_every_card_field_and_undo_reverts(window: MainWindow,
                                                           qtbot: QtBot) -> None:
    _select(window, qtbot, "compare")
    page = window.inspector.card_page
    assert window.inspector.stack.currentWidget() is page
    assert page.title.text() == "Compares prices"

    page.title.clear()
    qtbot.keyClicks(page.title, "Compares prices & fees <online>")
    qtbot.keyClick(page.title, Qt.Key.Key_Return)
    page.body.setFocus()
    qtbot.keyClicks(page.body, "Opens three tabs;")
    qtbot.keyClick(page.body, Qt.Key.Key_Return)
    qtbot.keyClicks(page.body, "reads the small print.")
    page.title.setFocus()  # leaving the text box commits it
    page.emotion.buttons[-1].click()
    page.emotion_word.clear()
    qtbot.keyClicks(page.emotion_word, "wary")
    qtbot.keyClick(page.emotion_word, Qt.Key.Key_Return)
    page.channel.setCurrentIndex(page.channel.findData("mobile_app"))
    page.channel.activated.emit(page.channel.currentIndex())
    page.tags.clear()
    qtbot.keyClicks(page.tags, "#pricing, comparison, pricing")
    qtbot.keyClick(page.tags, Qt.Key.Key_Return)
    page.owner.clear()
    qtbot.keyClicks(page.owner, "Growth team")
    qtbot.keyClick(page.owner, Qt.Key.Key_Return)
    page.votes.setValue(3)
    page.moment.setChecked(True)
    page.kind.setCurrentIndex(page.kind.findData("pain_point"))
    page.kind.activated.emit(page.kind.currentIndex())

    card = window.document.card("compare")
    assert card.title == "Compares prices & fees <online>"
    assert card.body == "Opens three tabs;\nreads the small print."
    assert (emotion_of(card), word_of(card), card.channel) == (-1, "wary", "mobile_app")
    assert card.tags == ["pricing", "comparison"]
    assert (card.owner, card.votes, card.moment_of_truth, card.kind) == (
        "Growth team", 3, True, "pain_point")
    # The canvas shows the new title at once.
    box = window.scene.layout.cards["compare"]
    assert " ".join(line.text for line in box.content.title).startswith("Compares prices")

    stack = window.document.undo_stack
    while stack.canUndo():
        stack.undo()
    card = window.document.card("compare")
    assert (card.title, emotion_of(card), card.tags, card.votes) == ("Compares prices", 0, [],
                                                                      0)
    assert page.title.text() == "Compares prices"


def test_inspector_edits_the_map_stage_and_lane(window: MainWindow, qtbot: QtBot) -> None:
    window.scene.clearSelection()
    page = window.inspector.map_page
    assert window.inspector.stack.currentWidget() is page
    page.title.clear()
    type_text(qtbot, page.title, "Weekly shop — Zürich")
    qtbot.keyClick(page.title, Qt.Key.Key_Return)
    assert window.document.map.title == "Weekly shop — Zürich"

    page.add_persona.click()
    assert len(window.document.map.personas) == 1
    page.persona_name.clear()
    qtbot.keyClicks(page.persona_name, "Maya")
    qtbot.keyClick(page.persona_name, Qt.Key.Key_Return)
    page.persona_goals.setFocus()
    qtbot.keyClicks(page.persona_goals, "Shop in 15 minutes")
    page.persona_name.setFocus()
    persona = window.document.map.personas[0]
    assert (persona.name, persona.goals) == ("Maya", ["Shop in 15 minutes"])

    header = window.scene.stage_items[window.document.map.stages[1].id]
    click(qtbot, window.view, header.sceneBoundingRect().center())
    stage_page = window.inspector.stage_page
    assert window.inspector.stack.currentWidget() is stage_page
    stage_page.name.clear()
    qtbot.keyClicks(stage_page.name, "Compare")
    qtbot.keyClick(stage_page.name, Qt.Key.Key_Return)
    assert window.document.map.stages[1].name == "Compare"
    stage_page.name.selectAll()
    qtbot.keyClick(stage_page.name, Qt.Key.Key_Backspace)
    qtbot.keyClick(stage_page.name, Qt.Key.Key_Return)
    assert window.document.map.stages[1].name == "Compare", "an empty name is refused"
    assert stage_page.problem.isVisibleTo(stage_page)


def test_number_keys_set_the_emotion_and_zero_clears_it(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    _select(window, qtbot, "fees")
    for key, level in ((Qt.Key.Key_5, 2), (Qt.Key.Key_3, 0), (Qt.Key.Key_1, -2)):
        qtbot.keyClick(window.view, key)
        assert emotion_of(window.document.card("fees")) == level
    qtbot.keyClick(window.view, Qt.Key.Key_0)
    assert emotion_of(window.document.card("fees")) is None


def test_delete_duplicate_and_undo_shortcuts(window: MainWindow, qtbot: QtBot) -> None:
    doc = window.document
    _select(window, qtbot, "friend")
    qtbot.keyClick(window.view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    cell = doc.cell_card_ids(doc.map.stages[0].id, doc.card("friend").lane_id)
    assert len(cell) == 3 and cell[:2] == ["ad", "friend"]
    copy = doc.card(cell[2])
    assert copy.title == "Hears from a friend" and copy.id != "friend"
    assert window.scene.selected_card_ids() == [copy.id]

    qtbot.keyClick(window.view, Qt.Key.Key_Delete)
    assert not doc.has_card(copy.id)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.has_card(copy.id)
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    assert not doc.has_card(copy.id)


def test_f2_edits_the_title_in_place_and_escape_keeps_the_old_one(window: MainWindow,
                                                                  qtbot: QtBot) -> None:
    _select(window, qtbot, "ad")
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    editor = window.view.editor
    assert editor is not None and editor.text() == "Sees an ad"
    qtbot.keyClicks(editor, "Sees an Instagram ad")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.document.card("ad").title == "Sees an Instagram ad"

    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    editor = window.view.editor
    assert editor is not None
    qtbot.keyClicks(editor, "something else")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert window.document.card("ad").title == "Sees an Instagram ad"


def test_double_click_on_a_stage_header_renames_it(window: MainWindow, qtbot: QtBot) -> None:
    header = window.scene.stage_items[window.document.map.stages[0].id]
    point = window.view.mapFromScene(header.sceneBoundingRect().center())
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    editor = window.view.editor
    assert editor is not None
    editor.setText("Discover")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.document.map.stages[0].name == "Discover"


def test_arrow_keys_move_the_selection_between_cards(window: MainWindow, qtbot: QtBot) -> None:
    _select(window, qtbot, "ad")
    qtbot.keyClick(window.view, Qt.Key.Key_Down)
    assert window.scene.selected_card_ids() == ["friend"]
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.scene.selected_card_ids() == ["compare"]
    qtbot.keyClick(window.view, Qt.Key.Key_Right)
    assert window.scene.selected_card_ids() == ["checkout"]
    qtbot.keyClick(window.view, Qt.Key.Key_Down)
    assert window.scene.selected_card_ids() == ["fees"]
    qtbot.keyClick(window.view, Qt.Key.Key_Up)
    assert window.scene.selected_card_ids() == ["checkout"]


def test_copy_and_paste_between_two_open_maps(window: MainWindow, manager,  # type: ignore[no-untyped-def]
                                              examples_dir, qtbot: QtBot) -> None:
    other = manager.open_path(examples_dir / "b2b-onboarding.journeymap")
    assert other is not None and other is not window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    _select(window, qtbot, "fees")
    qtbot.keyClick(window.view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)

    other.resize(1800, 1100)
    other.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is other)
    target_id = other.document.map.cards[0].id
    other.scene.select_cards([target_id])
    other.view.setFocus()
    before = len(other.document.map.cards)
    qtbot.keyClick(other.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    assert len(other.document.map.cards) == before + 1
    pasted = other.document.card(other.scene.selected_card_ids()[0])
    assert (pasted.title, pasted.kind, pasted.votes) == ("Hidden delivery fees", "pain_point", 4)
    target = other.document.card(target_id)
    assert (pasted.stage_id, pasted.lane_id) == (target.stage_id, target.lane_id)
    cell = other.document.cell_card_ids(target.stage_id, target.lane_id)
    assert cell.index(pasted.id) == cell.index(target_id) + 1
    assert window.document.has_card("fees"), "copy leaves the original map alone"

    # Cut removes from the source; the clipboard also carries plain text for other apps.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    _select(window, qtbot, "ad")
    qtbot.keyClick(window.view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert not window.document.has_card("ad")
    assert QApplication.clipboard().text() == "Sees an ad"


def test_find_dims_the_cards_that_do_not_match(window: MainWindow, qtbot: QtBot) -> None:
    window.document.push(__import__("journeymap_desktop.commands", fromlist=["SetFields"])
                         .SetFields(window.document, "card", "compare",
                                    {"tags": ["pricing"], "owner": "Growth"}))
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    assert bar.isVisible() and bar.field.hasFocus()

    qtbot.keyClicks(bar.field, "fees")
    items: dict[str, CardItem] = window.scene.card_items
    assert not items["fees"].dimmed and items["ad"].dimmed and items["compare"].dimmed
    assert bar.count.text() == "1 of 5 cards"

    bar.field.setText("#pricing")
    assert not items["compare"].dimmed and items["fees"].dimmed
    bar.field.setText("@growth")
    assert not items["compare"].dimmed
    bar.field.clear()
    bar.kind.setCurrentIndex(bar.kind.findData("pain_point"))
    assert not items["fees"].dimmed and items["ad"].dimmed
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert window.scene.selected_card_ids() == ["fees"]

    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert not any(item.dimmed for item in items.values())


def test_zoom_shortcuts_and_fit(window: MainWindow, qtbot: QtBot) -> None:
    view = window.view
    assert view.zoom == 1.0
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom > 1.0
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == 1.0
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom < 1.0
    window.act_fit.trigger()
    visible = view.visible_scene_rect()
    scene_rect = window.scene.sceneRect()
    assert visible.width() >= scene_rect.width() - 1
    assert visible.height() >= scene_rect.height() - 1
    assert window.zoom_label.text() == f"{view.zoom * 100:.0f} %"


def test_cards_simplify_when_zoomed_far_out(window: MainWindow) -> None:
    window.view.set_zoom(0.1)
    image = window.view.viewport().grab().toImage()
    assert not image.isNull()
    window.view.set_zoom(1.0)


def test_deleting_a_stage_with_cards_asks_first(window: MainWindow, qtbot: QtBot) -> None:
    doc = window.document
    first = doc.map.stages[0].id
    window.scene.select_only([window.scene.stage_items[first]])
    seen: list[str] = []
    answer_next_message_box(QMessageBox.StandardButton.Cancel, seen)
    window.act_delete.trigger()
    assert "2 cards" in seen[0]
    assert doc.map.stages[0].id == first

    answer_next_message_box("Delete")
    window.act_delete.trigger()
    assert all(s.id != first for s in doc.map.stages)
    assert not doc.has_card("ad") and not doc.has_card("friend")
    doc.undo_stack.undo()
    assert doc.map.stages[0].id == first and doc.has_card("ad")


def test_add_stage_and_lane_from_the_menu(window: MainWindow, qtbot: QtBot) -> None:
    doc = window.document
    window.act_add_stage.trigger()
    editor = window.view.editor
    assert editor is not None
    editor.setText("Loyalty")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert doc.map.stages[-1].name == "Loyalty"
    window.act_add_lane.trigger()
    assert window.view.editor is not None
    window.view.editor.setText("Staff")
    qtbot.keyClick(window.view.editor, Qt.Key.Key_Return)
    assert doc.map.lanes[-1].name == "Staff"
    assert len(window.scene.stage_items) == 6 and len(window.scene.lane_items) == 6


def test_no_two_actions_share_a_shortcut(window: MainWindow) -> None:
    from PySide6.QtGui import QAction

    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for sequence in action.shortcuts():
            owners.setdefault(sequence.toString(), []).append(action.objectName()
                                                             or action.text())
    clashes = {key: names for key, names in owners.items() if len(names) > 1}
    assert not clashes
    assert owners["Ctrl+D"] == ["duplicate"]
    assert window.act_undo.text() == "&Undo", "a fixed label: toolbar buttons never move"


def test_clicking_the_inspector_while_editing_a_title_gives_it_the_keyboard(
        window: MainWindow, qtbot: QtBot) -> None:
    _select(window, qtbot, "ad")
    qtbot.keyClick(window.view, Qt.Key.Key_F2)
    assert window.view.editor is not None
    title = window.inspector.card_page.title
    window.activateWindow()
    qtbot.mouseClick(title, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.view.editor is None)
    assert title.hasFocus(), "the clicked field keeps the keyboard"
    title.selectAll()
    qtbot.keyClick(title, Qt.Key.Key_Backspace)
    qtbot.keyClicks(title, "Phase 2 noted")
    assert window.document.has_card("ad"), "Backspace went to the field, not to Delete"
    title.editingFinished.emit()
    assert window.document.card("ad").title == "Phase 2 noted"
    assert emotion_of(window.document.card("ad")) == 1, "the 2 did not set an emotion"


def test_editing_in_place_while_zoomed_out_leaves_the_canvas_fonts_alone(
        window: MainWindow, qtbot: QtBot) -> None:
    from journeymap_desktop.canvas.fonts import role_font
    from journeymap_desktop.layout import theme
    from journeymap_desktop.layout.theme import FontRole

    window.view.set_zoom(0.5)
    window.act_add_lane.trigger()
    assert window.view.editor is not None
    qtbot.keyClick(window.view.editor, Qt.Key.Key_Escape)
    for role in FontRole:
        assert role_font(role).pixelSize() == round(theme.FONTS[role].size)


def test_a_new_emotion_keeps_a_typed_word_and_drops_a_default_one(window: MainWindow,
                                                                   qtbot: QtBot) -> None:
    """Keys 1-5 keep the feeling word the user typed; a word of the old level's default
    list ("pleased" for +1 on -2..+2) goes, so the new level's own shows."""
    from journeymap_desktop import commands

    window.document.push(commands.SetFields(window.document, "card", "ad",
                                            {"emotions": feel(1, "curious")}))
    window.document.push(commands.SetFields(window.document, "card", "friend",
                                            {"emotions": feel(1, "Pleased")}))
    _select(window, qtbot, "ad")
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    card = window.document.card("ad")
    assert (emotion_of(card), word_of(card)) == (-2, "curious")
    window.document.undo_stack.undo()
    card = window.document.card("ad")
    assert (emotion_of(card), word_of(card)) == (1, "curious")
    _select(window, qtbot, "friend")
    qtbot.keyClick(window.view, Qt.Key.Key_1)
    card = window.document.card("friend")
    assert (emotion_of(card), word_of(card)) == (-2, "")
    # The inspector then shows the new level's default as the field's placeholder.
    page = window.inspector.card_page
    assert (page.emotion_word.text(), page.emotion_word.placeholderText()) == ("", "frustrated")


def test_find_ignores_accents_and_case(window: MainWindow, qtbot: QtBot) -> None:
    from journeymap_desktop import commands

    window.document.push(commands.SetFields(window.document, "card", "compare",
                                            {"title": "Zażółć gęślą jaźń"}))
    window.find_bar.open_bar()
    window.find_bar.field.setText("zazolc GESLA")
    assert window.scene.matching == {"compare"}


def test_single_key_shortcuts_for_moment_of_truth_votes_and_new_cards(
        window: MainWindow, qtbot: QtBot) -> None:
    _select(window, qtbot, "fees")
    qtbot.keyClick(window.view, Qt.Key.Key_M)
    assert window.document.card("fees").moment_of_truth
    qtbot.keyClick(window.view, Qt.Key.Key_Plus)
    qtbot.keyClick(window.view, Qt.Key.Key_Plus)
    assert window.document.card("fees").votes == 6
    qtbot.keyClick(window.view, Qt.Key.Key_Minus)
    assert window.document.card("fees").votes == 5
    cell = (window.document.card("fees").stage_id, window.document.card("fees").lane_id)
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    editor = window.view.editor
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    ids = window.document.cell_card_ids(*cell)
    assert len(ids) == 2 and ids[0] == "fees"
    assert window.document.card(ids[1]).kind == "pain_point", "the lane's kind of card"
