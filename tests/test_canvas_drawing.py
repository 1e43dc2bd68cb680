"""What the canvas draws: text that stays inside its card at 100 % and 200 %, and the level
of detail that leaves text out when cards are too small to read."""

from __future__ import annotations

import math
from typing import Any

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from journeymap_desktop.canvas.items.card import CardItem
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.display import Dots, Face, Item, Text
from journeymap_desktop.layout.picture import card_far_items, card_items
from journeymap_desktop.layout.theme import Role
from journeymap_desktop.model.map import Card, JourneyMap
from journeymap_desktop.model.templates import service_journey
from journeymap_desktop.painter.render import QtRenderer
from journeymap_desktop.resources import example_maps
from journeymap_desktop.storage import load_map
from journeymap_desktop.ui.main_window import MainWindow
from tests.helpers.maps import feel, unicode_map


def hard_text_map() -> JourneyMap:
    """Cards whose words are as hard to fit as words get: one wide word longer than a card,
    wide capitals, a very wide Arabic ligature, letters with accents, missing glyphs."""
    journey = service_journey()
    stage = journey.stages[0].id
    lanes = [lane.id for lane in journey.lanes]
    texts = [
        ("W" * 60, "M" * 200),
        ("Supercalifragilisticexpialidocious" * 3, "WAWAWAVAVAVA " * 30),
        ("\ufdfa\ufdfa \ufdfa", "\ufdfa " * 40),  # ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM
        ("Z\u0301a\u0308z\u0327o\u0301\u0142\u0107 " * 6, "ĄČĘŁŃÓŚŹŻ " * 20),
        ("Emoji 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉", "日本語のテキスト" * 10),
        ("שלום עולם " * 6, "مرحبا بالعالم " * 12),
    ]
    journey.cards = [
        Card(id=f"h{i}", stage_id=stage, lane_id=lanes[i % len(lanes)], order=i, title=title,
             body=body, emotions=feel((i % 5) - 2, "W" * 40), votes=12,
             moment_of_truth=True, channel="web", owner="W" * 40, tags=["W" * 50])
        for i, (title, body) in enumerate(texts)
    ]
    return journey


def _scene(journey: JourneyMap) -> Any:
    from journeymap_desktop.app import create_application
    from journeymap_desktop.canvas.scene import JourneyScene
    from journeymap_desktop.document import JourneyDocument

    create_application()
    return JourneyScene(JourneyDocument(journey))


def _render(scene: Any, scale: float) -> QImage:
    rect = scene.sceneRect()
    image = QImage(int(rect.width() * scale) + 1, int(rect.height() * scale) + 1,
                   QImage.Format.Format_ARGB32)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.setRenderHints(QPainter.RenderHint.Antialiasing
                           | QPainter.RenderHint.TextAntialiasing)
    scene.render(painter, QRectF(0, 0, rect.width() * scale, rect.height() * scale), rect)
    painter.end()
    return image


def _rows(image: QImage) -> list[bytes]:
    data = bytes(image.constBits())
    stride = image.bytesPerLine()
    return [data[y * stride:y * stride + image.width() * 4] for y in range(image.height())]


_ALL_ITEMS = CardItem.display_items


def _without_text(self: CardItem, level_of_detail: float) -> tuple[Item, ...]:
    return tuple(i for i in _ALL_ITEMS(self, level_of_detail) if not isinstance(i, Text))


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("source", [*(p.stem for p in example_maps()), "unicode", "hard"])
def test_no_text_pixel_falls_outside_its_card(source: str, scale: float,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    examples = {p.stem: p for p in example_maps()}
    maps = [load_map(examples[source])] if source in examples else [
        unicode_map() if source == "unicode" else hard_text_map()]
    for journey in maps:
        scene = _scene(journey)
        with_text = _rows(_render(scene, scale))
        monkeypatch.setattr(CardItem, "display_items", _without_text)
        for item in scene.card_items.values():
            item.update()
        no_text = _rows(_render(scene, scale))
        monkeypatch.undo()
        cards = [box.rect for box in scene.layout.cards.values()]
        text_pixels = 0
        for y, (a, b) in enumerate(zip(with_text, no_text, strict=True)):
            if a == b:
                continue
            # Inside the card, and no further right than its padding allows (a glyph may
            # reach a pixel past its advance, never into the padding's outer half).
            spans = [(r.x * scale, (r.right - theme.CARD_PAD / 2) * scale) for r in cards
                     if r.y * scale <= y + 0.5 < r.bottom * scale]
            diff = bytearray((int.from_bytes(a, "big") ^ int.from_bytes(b, "big"))
                             .to_bytes(len(a), "big"))
            text_pixels += len(diff) - diff.count(0)
            for left, right in spans:  # blank what lies inside a card: nothing may remain
                start, end = 4 * math.ceil(left), 4 * math.floor(right)
                diff[start:end] = bytes(max(0, end - start))
            if diff.count(0) != len(diff):
                outside = next(i for i, v in enumerate(diff) if v) // 4
                raise AssertionError(f"a text pixel at x {outside}, y {y} (scale {scale}) "
                                     f"lies outside every card")
        assert text_pixels > 1000, "the comparison saw the cards' text"


def test_card_text_ends_inside_the_card_padding() -> None:
    """Every line the layout made, drawn at the advances the canvas uses, ends inside the
    card's padding (no renderer has any room to overflow)."""
    from journeymap_desktop.layout.engine import LayoutEngine
    from journeymap_desktop.layout.typeface import FontMeasurer

    measurer = FontMeasurer()
    for journey in (hard_text_map(), unicode_map()):
        layout = LayoutEngine(measurer).layout(journey)
        by_id = {card.id: card for card in journey.cards}
        for card_id, box in layout.cards.items():
            for item in card_items(by_id[card_id], box.content, Role.CANVAS):
                if isinstance(item, Text):
                    drawn = measurer.text_width(item.text, item.size, item.bold)
                    assert item.x >= theme.CARD_PAD - 0.01
                    assert item.x + drawn <= theme.CARD_WIDTH - theme.CARD_PAD + 0.01


# ----- level of detail -----------------------------------------------------------------------
def _record_draws(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Item, ...]]:
    drawn: list[tuple[Item, ...]] = []
    original = QtRenderer.draw

    def recording(self: QtRenderer, painter: QPainter, items: Any, dx: float = 0.0,
                  dy: float = 0.0) -> None:
        items = tuple(items)
        drawn.append(items)
        original(self, painter, items, dx, dy)

    monkeypatch.setattr(QtRenderer, "draw", recording)
    return drawn


@pytest.fixture
def wide_window(manager, tmp_path, small_map: JourneyMap, qtbot):  # type: ignore[no-untyped-def]
    """The small map with 80 more (empty) stages: wide enough to be seen from very far (the
    view zooms out no further than the zoom that fits the map)."""
    from journeymap_desktop.model.map import Stage
    from journeymap_desktop.storage import save_map

    small_map.stages += [Stage(id=f"more{i}", name=f"Stage {i}") for i in range(80)]
    path = tmp_path / "wide.journeymap"
    save_map(small_map, path, keep_backup=False)
    opened = manager.open_path(path)
    assert opened is not None
    opened.resize(1800, 1100)
    qtbot.waitExposed(opened)
    return opened


def test_far_away_cards_draw_boxes_and_no_text(wide_window: MainWindow,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window = wide_window
    view, scene, doc = window.view, window.scene, window.document
    assert view.min_zoom() < 0.1
    card = doc.card("fees")
    drawn = _record_draws(monkeypatch)
    view.set_zoom(0.1)
    view.scroll_to_start()  # the card beside the frozen lane headers, not under them
    image = view.viewport().grab().toImage()
    box = scene.layout.cards["fees"].rect
    height = scene.layout.cards["fees"].content.height
    far = card_far_items(card, height, selected=False)
    near = scene.card_items["fees"].display_items(1.0)
    assert far in drawn, "the card drew its plain box"
    assert near not in drawn
    for card_id, item in scene.card_items.items():
        painted = [items for items in drawn if items == item.display_items(0.1)]
        assert painted, f"{card_id} was not drawn as a plain box"
        assert not any(isinstance(i, Text) for i in painted[0])
    curve = [items for items in drawn if any(isinstance(i, (Dots, Face)) for i in items)
             and any(isinstance(i, Dots) and len(i.centres) == 1 for i in items)]
    assert curve and not any(isinstance(i, Face) for i in curve[0]), "dots, not faces"
    # And on screen: the card's middle is its plain fill, with no letters in it.
    centre = view.mapFromScene(QPointF(box.x + box.w / 2, box.y + height / 2))
    fill = QColor(theme.colour(Role.card(card.colour)))
    assert image.pixelColor(centre).name() == fill.name()

    drawn.clear()
    view.set_zoom(1.0)
    view.scroll_to_start()
    window.view.viewport().grab()
    assert near in drawn
    lines = [i.text for i in near if isinstance(i, Text)]
    assert "Hidden delivery fees" in " ".join(lines)
    assert any(isinstance(i, Face) for items in drawn for i in items)
