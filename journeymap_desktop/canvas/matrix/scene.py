"""The matrix scene: observes the document and lays the pain points and opportunities out on
the chosen axes (layout.matrix), one item per card. It never edits the map."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QGraphicsScene

from journeymap_desktop.canvas.matrix.items import ChipItem, MarkItem, PictureItem, ReadoutItem
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.matrix import MatrixAxes, MatrixLayout, matrix_layout
from journeymap_desktop.layout.text import TextMeasurer
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.map import Card
from journeymap_desktop.model.views import view_cards

MIN_WIDTH = 560.0
MIN_HEIGHT = 420.0


class MatrixScene(QGraphicsScene):
    layout_changed = Signal()

    def __init__(self, document: JourneyDocument, measurer: TextMeasurer | None = None) -> None:
        super().__init__()
        self.document = document
        self.measurer = measurer or FontMeasurer()
        self.axes = MatrixAxes()
        self.size = (900.0, 600.0)
        self.selected: set[str] = set()
        # Laid out only while shown: a closed matrix window costs the map's edits nothing.
        self.active = True
        self._dirty = False
        self.marks: dict[str, MarkItem] = {}
        self.chips: dict[str, ChipItem] = {}
        self.background: PictureItem | None = None
        self.readout = ReadoutItem()
        self.addItem(self.readout)
        self.setBackgroundBrush(QBrush(QColor(theme.CANVAS_BACKGROUND)))
        self.layout: MatrixLayout = self._layout()
        document.edited.connect(self.relayout)
        document.reset.connect(self.relayout)
        document.active_view_changed.connect(self._view_changed)
        self.relayout()

    def cards(self) -> list[Card]:
        """The cards the matrix is about: those of the saved view applied, else all."""
        view = self.document.active_view
        journey = self.document.map
        return view_cards(journey, view) if view is not None else list(journey.cards)

    def _layout(self) -> MatrixLayout:
        width, height = self.size
        return matrix_layout(self.cards(), self.measurer, max(MIN_WIDTH, width),
                             max(MIN_HEIGHT, height), self.axes)

    def _view_changed(self, _view: object) -> None:
        self.relayout()

    def set_axes(self, axes: MatrixAxes) -> None:
        if axes != self.axes:
            self.axes = axes
            self.relayout()

    def set_size(self, width: float, height: float) -> None:
        if (width, height) != self.size:
            self.size = (width, height)
            self.relayout()

    def set_selected(self, card_ids: set[str]) -> None:
        self.selected = set(card_ids)
        for card_id, item in self.marks.items():
            if item.state != "dragged":
                item.set_state("selected" if card_id in self.selected else "normal")

    def set_active(self, active: bool) -> None:
        self.active = active
        if active and self._dirty:
            self.relayout()

    def relayout(self) -> None:
        """Lay the matrix out again and rebuild its items (the examples: a few ms; 400 scored
        cards: about 0.2 s, benchmarks/bench_matrix.py)."""
        if not self.active:
            self._dirty = True
            return
        self._dirty = False
        layout = self._layout()
        self.layout = layout
        for item in [*self.marks.values(), *self.chips.values()]:
            self.removeItem(item)
        if self.background is not None:
            self.removeItem(self.background)
        self.background = PictureItem(layout.background, QRectF(0, 0, layout.width,
                                                                layout.height))
        self.addItem(self.background)
        self.marks = {card_id: MarkItem(mark) for card_id, mark in layout.marks.items()}
        self.chips = {card_id: ChipItem(chip) for card_id, chip in layout.chips.items()}
        for card_id, mark_item in self.marks.items():
            self.addItem(mark_item)
            if card_id in self.selected:
                mark_item.set_state("selected")
        for chip_item in self.chips.values():
            self.addItem(chip_item)
        self.readout.hide()
        self.setSceneRect(QRectF(0, 0, layout.width, layout.height))
        self.layout_changed.emit()

    def scene_point_of(self, card_id: str) -> tuple[float, float] | None:
        """Where a card's dot is (tests and the window use it to point at a card)."""
        mark = self.layout.marks.get(card_id)
        if mark is not None:
            return mark.dot
        chip = self.layout.chips.get(card_id)
        return chip.rect.centre if chip is not None else None
