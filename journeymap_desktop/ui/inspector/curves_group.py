"""The card inspector's "Emotion curves" group: one row per curve of the map (its line,
persona and scenario, the value on the map's scale, a clear button), so a card's feelings on
every curve are edited in one place; the Emotion faces above edit the active curve only.

Each change is one undo step (`commands.SetCardEmotion`, which marks itself obsolete when
nothing changed). A value from a survey's mean (a decimal) shows as itself until another
level is chosen; its distribution stays with the value (`commands.emotion_at_level`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from journeymap_desktop import commands
from journeymap_desktop.layout.curve_traces import curve_style
from journeymap_desktop.model.emotion import EmotionValue
from journeymap_desktop.model.scales import format_value, level_name, levels
from journeymap_desktop.safe_text import shown
from journeymap_desktop.ui.inspector.fields import section_label
from journeymap_desktop.ui.plain_text import plain_label, tooltip

if TYPE_CHECKING:
    from journeymap_desktop.ui.inspector.card_page import CardPage

NO_VALUE = "—"


def evidence_note(value: EmotionValue | None) -> str:
    """"n 312 · median 1 · q1..q3 0..2" for a value resting on a survey, else ""."""
    if value is None or value.evidence is None:
        return ""
    e = value.evidence
    return (f"n {e.n} · mean {format_value(round(e.mean, 2))} · median "
            f"{format_value(e.median)} · quartiles {format_value(e.q1)} to "
            f"{format_value(e.q3)}")


class CurvesGroup(QWidget):
    """Rows of (line, name, value, clear) for the card the page shows."""

    def __init__(self, page: CardPage) -> None:
        super().__init__(page)
        self.page = page
        self.document = page.document
        self.setObjectName("cardCurves")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 6, 0, 0)
        self.grid.setHorizontalSpacing(6)
        self.grid.setVerticalSpacing(3)
        # The value's words get the room first; a long curve name wraps.
        self.grid.setColumnStretch(1, 2)
        self.grid.setColumnStretch(2, 3)
        self.heading = section_label("Emotion curves")
        self.grid.addWidget(self.heading, 0, 0, 1, 4)
        self.values: dict[str, QComboBox] = {}
        self.clears: dict[str, QToolButton] = {}
        self._rows: list[QWidget] = []
        self._shape: tuple[object, ...] = ()
        document = self.document
        document.curves_changed.connect(self.reload)
        document.personas_changed.connect(self.reload)
        document.active_curve_changed.connect(self.reload)
        document.scale_changed.connect(self.reload)

    def _rebuild(self) -> None:
        """New rows when the curves, their names, the active one or the scale changed."""
        document = self.document
        journey = document.map
        active = document.active_curve_id
        styles = [curve_style(journey, curve, curve.id == active) for curve in journey.curves]
        shape = (tuple(styles), journey.scale)
        if shape == self._shape:
            return
        self._shape = shape
        for widget in self._rows:
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self._rows = []
        self.values = {}
        self.clears = {}
        from journeymap_desktop.ui.curves import curve_icon

        for row, style in enumerate(styles, start=1):
            line = QLabel()
            line.setPixmap(curve_icon(style).pixmap(QSize(28, 12)))
            name = plain_label(shown(style.name, 40))
            name.setToolTip(tooltip(style.name + (" — the active curve: keys 1-5 and the faces "
                                                  "above set its value" if style.active
                                                  else "")))
            name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            name.setMinimumWidth(56)
            if style.active:
                font = name.font()
                font.setBold(True)
                name.setFont(font)
            name.setWordWrap(True)
            combo = QComboBox()
            combo.setMinimumContentsLength(6)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setObjectName(f"curveValue:{style.curve_id}")
            clear = QToolButton()
            clear.setObjectName(f"curveClear:{style.curve_id}")
            clear.setText("×")
            clear.setAutoRaise(True)
            clear.setToolTip("Clear this curve's value")
            combo.activated.connect(lambda _i, cid=style.curve_id: self._chosen(cid))
            clear.clicked.connect(lambda _=False, cid=style.curve_id: self._set(cid, None))
            for column, widget in enumerate((line, name, combo, clear)):
                self.grid.addWidget(widget, row, column)
                self._rows.append(widget)
            self.values[style.curve_id] = combo
            self.clears[style.curve_id] = clear
        self.setVisible(bool(styles))

    def reload(self, *_: object) -> None:
        card_id = self.page.card_id
        if card_id is None or not self.document.has_card(card_id):
            return
        self._rebuild()
        card = self.document.card(card_id)
        scale = self.document.map.scale
        for curve_id, combo in self.values.items():
            value = card.emotions.get(curve_id)
            blocked = combo.blockSignals(True)
            try:
                combo.clear()
                combo.addItem(NO_VALUE, None)
                for level in levels(scale):
                    combo.addItem(f"{format_value(level)} · {level_name(scale, level)}",
                                  float(level))
                if value is not None and value.value not in levels(scale):
                    # A survey's mean: shown as it is, between its neighbouring levels.
                    at = sum(1 for level in levels(scale) if level < value.value) + 1
                    combo.insertItem(at, f"{format_value(round(value.value, 2))} (survey mean)",
                                     value.value)
                combo.setCurrentIndex(max(0, combo.findData(
                    value.value if value is not None else None)))
                note = evidence_note(value)
                combo.setToolTip(tooltip(note) if note else "")
            finally:
                combo.blockSignals(blocked)
            self.clears[curve_id].setEnabled(value is not None)

    def _chosen(self, curve_id: str) -> None:
        combo = self.values[curve_id]
        self._set(curve_id, combo.currentData())

    def _set(self, curve_id: str, level: float | None) -> None:
        """One undo step setting (or clearing) the card's value on one curve."""
        page = self.page
        card_id = page.card_id
        document = self.document
        if card_id is None or not document.has_card(card_id):
            return
        old = document.card(card_id).emotions.get(curve_id)
        if (old.value if old is not None else None) == level:
            return  # nothing changes: no undo step
        page.push_command(lambda: commands.SetCardEmotion(
            document, card_id, curve_id,
            commands.emotion_at_level(document, card_id, curve_id, level),
            text="Clear emotion" if level is None else "Set emotion"))
