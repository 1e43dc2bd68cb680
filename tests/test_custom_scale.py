"""The custom emotion scale, driven as a user does: the map inspector's scale chooser,
"Custom…", the dialog's lowest and highest level and a name per level, OK; one undo step;
the names wherever a scale's level names show (faces' words, value boxes, legend, PDF)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from journeymap_desktop.export.options import PdfOptions
from journeymap_desktop.export.pdf import export_pdf
from journeymap_desktop.model.curves import value_word
from journeymap_desktop.ui.main_window import MainWindow
from journeymap_desktop.ui.scale_dialog import CustomScaleDialog, clean_name
from tests.helpers import centre, click
from tests.helpers.keyboard import type_text
from tests.helpers.maps import emotion_of
from tests.test_untrusted_text import displayed

NAMES = ["Furious", "<b>Cross</b>", "Uneasy & tense", "Calm", "Content 🙂", "مسرور",
         "Thrilled"]


def _open_custom(window: MainWindow) -> CustomScaleDialog:
    """Choose "Custom…" in the map inspector's scale chooser, as a click on it would."""
    window.scene.clearSelection()
    group = window.inspector.map_page.emotions
    index = group.preset.findText("Custom…")
    assert index >= 0, "the chooser offers a custom scale"
    group.preset.setCurrentIndex(index)
    group.preset.activated.emit(index)
    dialog = group.custom_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def _type_number(qtbot: QtBot, box: QSpinBox, value: int) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, str(value))
    assert box.value() == value


def _type_name(qtbot: QtBot, dialog: CustomScaleDialog, level: int, text: str) -> None:
    edit = dialog.findChild(QLineEdit, f"levelName_{level}")
    assert edit is not None
    edit.setFocus()
    edit.selectAll()
    if text:
        type_text(qtbot, edit, text)
    else:
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert edit.text() == text


def _make_one_to_seven(window: MainWindow, qtbot: QtBot) -> CustomScaleDialog:
    dialog = _open_custom(window)
    _type_number(qtbot, dialog.low, 1)
    _type_number(qtbot, dialog.high, 7)
    for level, name in enumerate(NAMES, start=1):
        _type_name(qtbot, dialog, level, name)
    return dialog


def test_a_custom_scale_with_named_levels_is_one_undo_step(window: MainWindow,
                                                           qtbot: QtBot) -> None:
    doc = window.document
    before = doc.map.model_copy(deep=True)
    dialog = _make_one_to_seven(window, qtbot)
    # Before anything is applied, the dialog says what happens to the map's four values.
    note = dialog.note.text()
    assert "4 values on 4 cards will move onto the new levels" in note
    assert "Names stay with their level numbers" in note
    assert "e.g. −1 on −2 to 2 becomes 2 on 1 to 7" in note and "Undo" in note
    assert dialog.ok_button.text() == "Move values and apply"
    steps = doc.undo_stack.count()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    scale = doc.map.scale
    assert (scale.preset, scale.min, scale.max, scale.names) == ("custom", 1, 7, NAMES)
    assert [emotion_of(doc.card(c)) for c in ("ad", "friend", "compare", "checkout")] == \
        [6, 7, 4, 2], "each value keeps its place, rounded to the nearest level"
    assert doc.undo_stack.count() == steps + 1
    assert doc.undo_stack.undoText() == "Emotion scale: Custom 1 to 7 (7 levels)"
    group = window.inspector.map_page.emotions
    assert group.preset.currentText() == "Custom 1 to 7 (7 levels)"
    assert "&lt;b&gt;Cross&lt;/b&gt;" in group.preset.toolTip(), "names literal in its tip"

    doc.undo_stack.undo()
    assert doc.map.scale == before.scale
    assert window.action_map["emotion1"].text() == "Very negative (frustrated)"
    assert [c.emotions for c in doc.map.cards] == [c.emotions for c in before.cards]
    assert group.preset.currentText() == "−2 to +2"
    doc.undo_stack.redo()
    assert doc.map.scale.names == NAMES


def test_the_level_names_show_in_the_card_inspector_and_on_the_canvas(
        window: MainWindow, qtbot: QtBot) -> None:
    dialog = _make_one_to_seven(window, qtbot)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    click(qtbot, window.view, centre(window.scene.layout.cards["ad"].rect))
    page = window.inspector.card_page
    (combo,) = page.curves.values.values()
    items = [combo.itemText(i) for i in range(combo.count())][1:]
    assert items == [f"{level} · {name}" for level, name in enumerate(NAMES, start=1)]
    assert combo.currentText() == "6 · مسرور"
    # The faces' tooltips show the names literally, with the keys 1-5 spread over 7 levels.
    tips = {level: displayed(button.toolTip())
            for level, button in page.emotion.buttons.items() if level is not None}
    assert tips[2] == "<b>Cross</b> — key 2"
    assert tips[3] == "Uneasy & tense"
    assert tips[6] == "مسرور — key 4"
    # Keys 1-5 still reach lowest, a quarter, middle, three quarters, highest.
    for key, level in ((Qt.Key.Key_1, 1), (Qt.Key.Key_3, 4), (Qt.Key.Key_5, 7)):
        qtbot.keyClick(window.view, key)
        assert emotion_of(window.document.card("ad")) == level
    # The Card menu's Emotion entries name the levels the keys set.
    entries = [window.action_map[f"emotion{key}"] for key in range(1, 6)]
    assert [a.text() for a in entries] == ["Furious", "<b>Cross</b>", "Calm", "مسرور",
                                           "Thrilled"]
    assert displayed(entries[1].toolTip()) == "<b>Cross</b> — key 2"
    # The word beside the card's face is the level's name.
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    box = window.scene.layout.cards["ad"]
    assert box.content.emotion_label is not None
    assert box.content.emotion_label.text == "<b>cross</b>"
    assert value_word(window.document.map,
                      window.document.card("ad").emotions["everyone-as-is"]) == "<b>cross</b>"


def test_the_dialog_refuses_what_is_no_scale_with_a_clear_message(window: MainWindow,
                                                                   qtbot: QtBot) -> None:
    doc = window.document
    dialog = _open_custom(window)
    _type_number(qtbot, dialog.high, -2)
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == ("The highest level must be above the lowest: −2 and −2 "
                                     "give no scale.")
    _type_number(qtbot, dialog.low, 0)
    _type_number(qtbot, dialog.high, 30)
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == "A scale has at most 21 levels; 0 to 30 would have 31."
    _type_number(qtbot, dialog.high, 4)
    assert dialog.ok_button.isEnabled() and dialog.problem.isHidden()
    assert len(dialog.name_edits) == 5
    _type_name(qtbot, dialog, 0, "Bad")
    _type_name(qtbot, dialog, 4, "bad")
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == ("Levels 0 and 4 are both named “bad”: give each level "
                                     "its own name.")
    _type_name(qtbot, dialog, 4, "")
    assert dialog.ok_button.isEnabled(), "an empty name takes the suggested one"
    assert dialog.name_edits[4].placeholderText() == "Very positive"
    assert dialog.scale().names == ["Bad", "Negative", "Neutral", "Positive", "Very positive"]
    steps = doc.undo_stack.count()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert doc.undo_stack.count() == steps and doc.map.scale.preset == "-2..2"
    assert window.inspector.map_page.emotions.preset.currentText() == "−2 to +2"


def test_typed_names_stay_with_their_levels_while_the_range_changes(
        window: MainWindow, qtbot: QtBot) -> None:
    dialog = _open_custom(window)
    assert [e.text() for e in dialog.name_edits.values()] == [
        "Very negative", "Negative", "Neutral", "Positive", "Very positive"], "prefilled"
    _type_name(qtbot, dialog, 2, "Delighted")
    _type_number(qtbot, dialog.low, -4)
    names = [e.text() for e in dialog.name_edits.values()]
    assert names == ["Very negative", "Negative", "Slightly negative", "Neutral",
                     "Slightly positive", "Positive", "Delighted"], \
        "suggested names follow the range; the typed one stays on level 2"
    # The suggested names alone are the scale's own: the preset range stays the preset.
    _type_number(qtbot, dialog.low, -2)
    _type_name(qtbot, dialog, 2, "")
    assert dialog.scale().preset == "-2..2" and dialog.scale().names == []
    dialog.reject()


def test_names_are_kept_as_one_line_of_plain_text() -> None:
    assert clean_name("  Very\n\tcalm \x07 ") == "Very calm"
    assert clean_name("<b>&amp; 🙂 \u200fمسرور") == "<b>&amp; 🙂 \u200fمسرور"


def test_a_reopened_dialog_starts_from_the_custom_scale(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    dialog = _make_one_to_seven(window, qtbot)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    again = _open_custom(window)
    assert (again.low.value(), again.high.value()) == (1, 7)
    assert [e.text() for e in again.name_edits.values()] == NAMES
    assert again.note.text() == "" and again.ok_button.text() == "OK"
    _type_number(qtbot, again.high, 8)
    assert "Names stay with their level numbers" in again.note.text()
    assert again.name_edits[7].text() == "Thrilled"
    assert again.name_edits[8].text() == "8 – very positive", "a new level: suggested"
    _type_number(qtbot, again.high, 7)
    _type_name(qtbot, again, 4, "Okay")
    qtbot.mouseClick(again.ok_button, Qt.MouseButton.LeftButton)
    assert window.document.map.scale.names[3] == "Okay"
    assert emotion_of(window.document.card("compare")) == 4, "renaming moves no value"


def test_the_exported_legend_lists_the_level_names(window: MainWindow, qtbot: QtBot,
                                                   tmp_path: Path) -> None:
    from pdfminer.high_level import extract_text

    dialog = _open_custom(window)
    _type_number(qtbot, dialog.low, 1)
    _type_number(qtbot, dialog.high, 7)
    short = ["Furious", "<b>", "A & B", "Calm", "Content", "Glad", "Thrilled"]
    for level, name in enumerate(short, start=1):
        _type_name(qtbot, dialog, level, name)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    out = tmp_path / "custom.pdf"
    export_pdf(window.document.map, out, PdfOptions(paper="A3"))
    text = " ".join(extract_text(str(out)).split())
    legend = text[text.index("EMOTION"):]
    at = [legend.find(name) for name in short]
    assert -1 not in at, legend[:300]
    assert at == sorted(at), "lowest first, as the legend draws them"


def test_return_in_a_name_goes_on_to_the_next_level(window: MainWindow, qtbot: QtBot) -> None:
    dialog = _open_custom(window)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    first = dialog.name_edits[-2]
    first.setFocus()
    first.selectAll()
    for name in ("Awful", "Poor", "So-so", "Good", "Great"):
        type_text(qtbot, QApplication.focusWidget(), name)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert not dialog.isVisible(), "Return in the last name is OK"
    assert window.document.map.scale.names == ["Awful", "Poor", "So-so", "Good", "Great"]
