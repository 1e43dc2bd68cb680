"""The editor on maps with several curves and other scales: keys 1-5, the inspector's faces
and the emotions lane all work on the active curve, over the map's scale."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from journeymap_desktop import commands
from journeymap_desktop.layout.display import Face
from journeymap_desktop.model.emotion import EmotionCurve, EmotionValue
from journeymap_desktop.model.scales import preset_scale
from journeymap_desktop.ui.main_window import MainWindow
from tests.helpers import centre, click
from tests.helpers_model import emotion_of


def _select(window: MainWindow, qtbot: QtBot, card_id: str) -> None:
    click(qtbot, window.view, centre(window.scene.layout.cards[card_id].rect))
    assert window.scene.selected_card_ids() == [card_id]


def _add_to_be(window: MainWindow) -> None:
    doc = window.document
    doc.push(commands.AddCurve(doc, EmotionCurve(id="to-be", scenario="to-be")))
    doc.push(commands.SetCardEmotion(doc, "compare", "to-be", EmotionValue(value=2,
                                                                           word="sure")))


def test_keys_set_the_active_curve_and_leave_the_others(window: MainWindow,
                                                        qtbot: QtBot) -> None:
    _add_to_be(window)
    doc = window.document
    window.document.set_active_curve("to-be")
    _select(window, qtbot, "ad")
    qtbot.keyClick(window.view, Qt.Key.Key_2)
    assert emotion_of(doc.card("ad"), "to-be") == -1
    assert emotion_of(doc.card("ad")) == 1, "the as-is value stays"
    qtbot.keyClick(window.view, Qt.Key.Key_0)
    assert emotion_of(doc.card("ad"), "to-be") is None
    assert emotion_of(doc.card("ad")) == 1


def test_the_inspector_and_the_lane_show_the_active_curve(window: MainWindow,
                                                          qtbot: QtBot) -> None:
    _add_to_be(window)
    _select(window, qtbot, "compare")
    page = window.inspector.card_page
    assert page.emotion.buttons[0].isChecked(), "as-is: neutral"
    curve = next(iter(window.scene.curve_items.values()))
    as_is_y = curve.point_centres()["compare"][1]
    window.document.set_active_curve("to-be")
    assert page.emotion.buttons[2].isChecked(), "to-be: very positive"
    assert page.emotion_word.text() == "sure"
    assert [p.card_id for p in curve.band.points] == ["compare"], "only its values"
    assert curve.point_centres()["compare"][1] < as_is_y, "higher on the band"
    box = window.scene.layout.cards["compare"]
    assert box.content.emotion_label is not None
    assert box.content.emotion_label.text == "sure", "the card shows the to-be word"
    page.emotion.buttons[-1].click()
    assert emotion_of(window.document.card("compare"), "to-be") == -1
    assert emotion_of(window.document.card("compare")) == 0


def test_a_seven_point_scale_gives_seven_faces_and_keys_spread_over_it(
        window: MainWindow, qtbot: QtBot) -> None:
    doc = window.document
    doc.push(commands.SetScale(doc, preset_scale("1..7")))
    assert emotion_of(doc.card("friend")) == 7 and emotion_of(doc.card("compare")) == 4
    _select(window, qtbot, "fees")
    page = window.inspector.card_page
    assert [level for level in page.emotion.buttons if level is not None] == list(range(1, 8))
    for key, level in ((Qt.Key.Key_1, 1), (Qt.Key.Key_2, 2), (Qt.Key.Key_3, 4),
                       (Qt.Key.Key_4, 6), (Qt.Key.Key_5, 7)):
        qtbot.keyClick(window.view, key)
        assert emotion_of(doc.card("fees")) == level
        assert page.emotion.buttons[level].isChecked()
    (band,) = window.scene.layout.bands
    assert sorted(band.level_y) == list(range(1, 8))
    assert band.neutral == 4
    emotions_lane = next(lane.id for lane in doc.map.lanes if lane.kind == "emotions")
    faces = [item for item in window.scene.lane_items[emotions_lane].picture.background
             if isinstance(item, Face)]
    assert len(faces) == 7, "the lane's header shows the scale, a face per level"
    top_down = [f.tone for f in sorted(faces, key=lambda f: f.cy)]
    assert top_down == sorted(top_down, reverse=True) and top_down[0] == 1.0, "best on top"
