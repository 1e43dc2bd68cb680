"""The custom emotion scale: the lowest and the highest level (whole numbers) and a name for
every level, prefilled from the map's scale. The map inspector opens it from its scale
chooser ("Custom…") and applies the result as one undoable `commands.SetScale`.

What happens to the values already on the map is said in the dialog before anything is
applied: when the range changes, every value moves to the same place between the lowest and
highest level, a whole level rounded to the nearest level of the new scale
(`scales.moved_value`, the same function `JourneyDocument.set_scale` uses), so the note's
numbers are the ones the map will hold. Names typed here are plain text: shown literally
everywhere (faces' words, the inspector's value boxes, the legend on screen and paper).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from journeymap_desktop.layout import theme
from journeymap_desktop.model.emotion import (
    MAX_SCALE_LEVELS,
    MIN_SCALE_LEVELS,
    SCALE_LIMIT,
    SCALE_PRESETS,
    EmotionScale,
    ScaleMarks,
)
from journeymap_desktop.model.fields import MAX_NAME
from journeymap_desktop.model.scales import (
    ANCHORS,
    default_names,
    format_value,
    key_value,
    moved_value,
    position,
)
from journeymap_desktop.safe_text import shown
from journeymap_desktop.ui.icons import face_icon
from journeymap_desktop.ui.plain_text import plain_label

LEVEL_COLUMN, NAME_COLUMN, KEY_COLUMN = range(3)


def clean_name(text: str) -> str:
    """A level's name as stored: one line (any run of white space, line breaks included, is
    one space), no control characters, trimmed. Everything else (`<b>`, `&`, emoji, RTL text
    and its direction marks) is kept as typed."""
    kept = "".join(ch for ch in text if unicodedata.category(ch) != "Cc" or ch.isspace())
    return " ".join(kept.split())


def _span(low: int, high: int) -> str:
    return f"{format_value(low)} to {format_value(high)}"


class CustomScaleDialog(QDialog):
    """`values` are the (card id, value) pairs of every curve on the map, to say what moves.
    After `accept()`, `chosen` is the new scale."""

    def __init__(self, parent: QWidget | None, current: EmotionScale,
                 values: Sequence[tuple[str, float]] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("customScaleDialog")
        self.setWindowTitle("Custom emotion scale")
        self.current = current
        self.values = list(values)
        self.chosen: EmotionScale | None = None
        self.marks: ScaleMarks = current.marks
        # The names the map or the user gave, by level, kept while the range is changed; a
        # level without one shows the suggested name of the range (1-5's "Positive" is not
        # 1-7's level 4, so those follow the range).
        self._typed: dict[int, str] = dict(zip(range(current.min, current.max + 1),
                                               current.names, strict=False))
        self._range = (current.min, current.max)
        self.name_edits: dict[int, QLineEdit] = {}

        layout = QVBoxLayout(self)
        intro = plain_label(
            f"Levels are whole numbers from the lowest to the highest, {MIN_SCALE_LEVELS} to "
            f"{MAX_SCALE_LEVELS} of them. Name each level as your survey words it; an empty "
            "name uses the suggested one.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.low = QSpinBox()
        self.low.setObjectName("scaleMin")
        self.high = QSpinBox()
        self.high.setObjectName("scaleMax")
        for box, value in ((self.low, current.min), (self.high, current.max)):
            box.setRange(-SCALE_LIMIT, SCALE_LIMIT)
            box.setValue(value)
            box.setKeyboardTracking(True)
        form.addRow("Lowest level", self.low)
        form.addRow("Highest level", self.high)
        layout.addLayout(form)

        self.table = QTableWidget(0, 3)
        self.table.setObjectName("scaleLevels")
        self.table.setHorizontalHeaderLabels(["Level", "Name", "Key"])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(LEVEL_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KEY_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setToolTip("Keys 1-5 on the canvas set the levels marked here")
        layout.addWidget(self.table, 1)

        self.note = plain_label()
        self.note.setObjectName("scaleNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #5B6068;")
        layout.addWidget(self.note)
        self.problem = plain_label()
        self.problem.setObjectName("scaleProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #A13F00;")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.low.valueChanged.connect(self._range_changed)
        self.high.valueChanged.connect(self._range_changed)
        self._fill_rows()
        self._refresh()
        self.resize(460, 520)

    @property
    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    # ----- the levels ---------------------------------------------------------------------
    def _range_problem(self, low: int, high: int) -> str:
        if low >= high:
            return (f"The highest level must be above the lowest: {format_value(low)} and "
                    f"{format_value(high)} give no scale.")
        count = high - low + 1
        if count > MAX_SCALE_LEVELS:
            return (f"A scale has at most {MAX_SCALE_LEVELS} levels; {_span(low, high)} "
                    f"would have {count}.")
        return ""

    def _range_changed(self, _value: int) -> None:
        low, high = self.low.value(), self.high.value()
        if not self._range_problem(low, high):
            self._range = (low, high)
            self._fill_rows()
        self._refresh()

    def _fill_rows(self) -> None:
        low, high = self._range
        suggested = default_names(low, high)
        scale = EmotionScale.model_validate({"preset": "custom", "min": low, "max": high})
        keys = {key_value(scale, key): key for key in range(1, ANCHORS + 1)}
        for old in self.name_edits.values():
            old.setObjectName("")  # deleted later: never found in place of the new box
        self.table.setRowCount(0)
        self.name_edits = {}
        self.table.setRowCount(high - low + 1)
        for row, level in enumerate(range(low, high + 1)):
            number = QTableWidgetItem(format_value(level))
            if self.marks == "faces":  # how the level will look on the map
                number.setIcon(face_icon(theme.face_tone(position(scale, level))))
            number.setFlags(number.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, LEVEL_COLUMN, number)
            edit = QLineEdit(self._typed.get(level, suggested[row]))
            edit.setObjectName(f"levelName_{level}")
            edit.setMaxLength(MAX_NAME)
            edit.setPlaceholderText(suggested[row])
            edit.setFrame(False)
            edit.textEdited.connect(lambda text, lv=level: self._name_edited(lv, text))
            edit.installEventFilter(self)
            self.table.setCellWidget(row, NAME_COLUMN, edit)
            self.name_edits[level] = edit
            key = keys.get(level)
            key_item = QTableWidgetItem("" if key is None else str(key))
            key_item.setFlags(key_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(row, KEY_COLUMN, key_item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Return in a name box goes on to the next level's name, as in a table; in the
        last one it is the dialog's OK."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            edits = list(self.name_edits.values())
            if watched in edits[:-1]:
                row = edits.index(watched) + 1
                following = edits[row]
                following.setFocus(Qt.FocusReason.TabFocusReason)
                following.selectAll()
                self.table.scrollTo(self.table.model().index(row, NAME_COLUMN))
                return True
        return super().eventFilter(watched, event)

    def _name_edited(self, level: int, text: str) -> None:
        suggested = default_names(*self._range)[level - self._range[0]]
        if text == suggested:
            self._typed.pop(level, None)
        else:
            self._typed[level] = text
        self._refresh()

    # ----- the result -----------------------------------------------------------------------
    def scale(self) -> EmotionScale:
        """The scale as typed; ValueError with the message to show when it is not one."""
        low, high = self.low.value(), self.high.value()
        problem = self._range_problem(low, high)
        if problem:
            raise ValueError(problem)
        suggested = default_names(low, high)
        names = [clean_name(self._typed.get(level, suggested[i])) or suggested[i]
                 for i, level in enumerate(range(low, high + 1))]
        seen: dict[str, int] = {}
        for level, name in zip(range(low, high + 1), names, strict=True):
            other = seen.get(name.casefold())
            if other is not None:
                raise ValueError(f"Levels {format_value(other)} and {format_value(level)} "
                                 f"are both named “{shown(name, 40)}”: give each level its "
                                 "own name.")
            seen[name.casefold()] = level
        if names == suggested:
            # The suggested names are the scale's own: stored as none, so cards keep the
            # five words (frustrated .. delighted) and a preset range stays that preset.
            preset = next((key for key, span in SCALE_PRESETS.items() if span == (low, high)),
                          "custom")
            return EmotionScale.model_validate({"preset": preset, "min": low, "max": high,
                                                "marks": self.marks})
        return EmotionScale.model_validate({"preset": "custom", "min": low, "max": high,
                                            "names": names, "marks": self.marks})

    def moves(self, scale: EmotionScale) -> list[tuple[str, float, float]]:
        """(card id, value now, value after) of every value the new scale changes."""
        if (scale.min, scale.max) == (self.current.min, self.current.max):
            return []
        moved = [(card_id, value, moved_value(value, self.current, scale))
                 for card_id, value in self.values]
        return [(card_id, old, new) for card_id, old, new in moved if old != new]

    def _refresh(self) -> None:
        try:
            scale = self.scale()
        except ValueError as error:
            self.problem.setText(str(error))
            self.problem.show()
            self.note.setText("")
            self.ok_button.setEnabled(False)
            return
        self.problem.hide()
        self.ok_button.setEnabled(True)
        moves = self.moves(scale)
        self.note.setText(self._moves_note(scale, moves))
        self.ok_button.setText("Move values and apply" if moves else "OK")

    def _moves_note(self, scale: EmotionScale, moves: list[tuple[str, float, float]]) -> str:
        text = self._values_note(scale, moves)
        if (scale.min, scale.max) != (self.current.min, self.current.max) and any(
                level in self._typed for level in range(scale.min, scale.max + 1)):
            # Values move by their place on the scale; names stay with their numbers.
            text += (" Names stay with their level numbers: check they still fit the new "
                     "range.")
        return text.strip()

    def _values_note(self, scale: EmotionScale, moves: list[tuple[str, float, float]]) -> str:
        if not moves:
            if (scale.min, scale.max) != (self.current.min, self.current.max) and self.values:
                return "The values on the map stay where they are."
            return ""
        cards = len({card_id for card_id, _old, _new in moves})
        old_span, new_span = _span(self.current.min, self.current.max), _span(scale.min,
                                                                               scale.max)
        count = len(moves)
        # The example: a value between the ends, where rounding shows (the ends map to ends).
        ends = (self.current.min, self.current.max)
        inner = [move for move in moves if move[1] not in ends] or moves
        _id, old, new = min(inner, key=lambda move: move[1])
        text = (f"{count} value{'s' if count != 1 else ''} on {cards} "
                f"card{'s' if cards != 1 else ''} will move onto the new levels: each keeps "
                "its place between the lowest and the highest level, rounded to the nearest "
                f"level (e.g. {format_value(old)} on {old_span} becomes {format_value(new)} "
                f"on {new_span}). Words and evidence stay; Undo puts the old scale and values "
                "back.")
        after: dict[float, set[float]] = {}
        for _card, before in self.values:
            after.setdefault(moved_value(before, self.current, scale), set()).add(before)
        merged = sorted(befores for befores in after.values() if len(befores) > 1)
        if merged:
            a, b = sorted(merged[0])[:2]
            text += (f" With fewer levels, values that differ now will share one (e.g. "
                     f"{format_value(a)} and {format_value(b)}).")
        return text
