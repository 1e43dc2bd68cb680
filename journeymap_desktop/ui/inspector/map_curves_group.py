"""The map inspector's "Emotions" group: the map's scale (a preset, faces or dots) and its
curves (add one per persona and scenario, name it, reorder, remove), each change one undo
step (`commands.SetScale`, `AddCurve`, `RenameCurve`, `MoveCurve`, `RemoveCurve`).

Which curves the emotions lane shows and which one is active are view state: the Curves
menu (ui/curves.py). Adding a curve makes it the active one, so keys 1-5 fill it in at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from journeymap_desktop import commands
from journeymap_desktop.layout.curve_traces import curve_style
from journeymap_desktop.model.curves import EVERYONE, find_curve, scenario_label
from journeymap_desktop.model.emotion import AS_IS, TO_BE, EmotionCurve
from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.scales import (
    PRESET_LABELS,
    describe,
    level_names,
    preset_scale,
)
from journeymap_desktop.safe_text import shown
from journeymap_desktop.ui.inspector.fields import section_label, set_line
from journeymap_desktop.ui.plain_text import menu_text, tooltip
from journeymap_desktop.ui.scale_dialog import CustomScaleDialog

if TYPE_CHECKING:
    from journeymap_desktop.ui.inspector.map_page import MapPage

MARKS = (("faces", "Faces"), ("dots", "Plain dots"))
EDIT_CUSTOM = "custom-edit"  # the chooser's last entry: opens the custom-scale dialog


class MapCurvesGroup(QWidget):
    def __init__(self, page: MapPage) -> None:
        super().__init__(page)
        self.page = page
        self.document = page.document
        self.setObjectName("mapCurves")
        self.custom_dialog: CustomScaleDialog | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 0)
        outer.addWidget(section_label("Emotion scale"))
        scale_row = QHBoxLayout()
        self.preset = QComboBox()
        self.preset.setObjectName("scalePreset")
        self.preset.setToolTip("The levels every curve is drawn on; values move with it")
        self.marks = QComboBox()
        self.marks.setObjectName("scaleMarks")
        for key, label in MARKS:
            self.marks.addItem(label, key)
        scale_row.addWidget(self.preset, 1)
        scale_row.addWidget(self.marks)
        outer.addLayout(scale_row)

        outer.addWidget(section_label("Emotion curves"))
        self.curves = QListWidget()
        self.curves.setObjectName("curveList")
        self.curves.setMaximumHeight(112)
        outer.addWidget(self.curves)
        buttons = QHBoxLayout()
        self.add = QToolButton()
        self.add.setObjectName("addCurve")
        self.add.setText("Add curve")
        self.add.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.add_menu = QMenu(self.add)
        self.add_menu.aboutToShow.connect(self._fill_add_menu)
        self.add.setMenu(self.add_menu)
        self.up = QToolButton()
        self.up.setObjectName("curveUp")
        self.up.setText("↑")
        self.up.setToolTip("Move up (the first curve is shown when none is chosen)")
        self.down = QToolButton()
        self.down.setObjectName("curveDown")
        self.down.setText("↓")
        self.down.setToolTip("Move down")
        self.remove = QPushButton("Remove")
        self.remove.setObjectName("removeCurve")
        self.remove.setToolTip("Remove the curve and every card's value on it (Undo brings "
                               "them back)")
        for widget in (self.add, self.up, self.down, self.remove):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.name = QLineEdit()
        self.name.setObjectName("curveName")
        self.name.setMaxLength(200)
        self.name.setPlaceholderText("Own name (empty: persona · scenario)")
        outer.addWidget(self.name)

        self.preset.activated.connect(self._scale_chosen)
        self.marks.activated.connect(self._scale_chosen)
        self.curves.currentRowChanged.connect(lambda _row: self._load_curve())
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.remove.clicked.connect(self._remove)
        page.bind_text(self.name, self._rename)
        document = self.document
        for signal in (document.curves_changed, document.scale_changed,
                       document.personas_changed, document.reset):
            signal.connect(self.reload)
        self.reload()

    # ----- showing --------------------------------------------------------------------------
    def selected_curve_id(self) -> str | None:
        item = self.curves.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def reload(self, *_: object) -> None:
        document = self.document
        journey = document.map
        scale = journey.scale
        selected = self.selected_curve_id()
        for widget in (self.preset, self.marks, self.curves):
            widget.blockSignals(True)
        try:
            self.preset.clear()
            for key, label in PRESET_LABELS.items():
                if key != "custom":
                    self.preset.addItem(label, key)
            if scale.preset == "custom" or scale.names:
                self.preset.addItem(describe(scale), "custom")
            self.preset.addItem("Custom…", EDIT_CUSTOM)
            self.preset.setItemData(self.preset.count() - 1,
                                    "Choose the lowest and highest level and name each level",
                                    Qt.ItemDataRole.ToolTipRole)
            current = "custom" if scale.names else scale.preset
            self.preset.setCurrentIndex(max(0, self.preset.findData(current)))
            self.preset.setToolTip(tooltip("Levels, lowest first: "
                                           + ", ".join(shown(name, 80)
                                                       for name in level_names(scale))))
            self.marks.setCurrentIndex(max(0, self.marks.findData(scale.marks)))
            self.curves.clear()
            active = document.active_curve_id
            for curve in journey.curves:
                style = curve_style(journey, curve, curve.id == active)
                from journeymap_desktop.ui.curves import curve_icon

                item = QListWidgetItem(curve_icon(style), shown(style.name, 60))
                item.setData(Qt.ItemDataRole.UserRole, curve.id)
                self.curves.addItem(item)
            ids = [curve.id for curve in journey.curves]
            if ids:
                self.curves.setCurrentRow(ids.index(selected) if selected in ids else 0)
        finally:
            for widget in (self.preset, self.marks, self.curves):
                widget.blockSignals(False)
        self._load_curve()

    def _load_curve(self) -> None:
        curve_id = self.selected_curve_id()
        index = self.curves.currentRow()
        has = curve_id is not None
        self.remove.setEnabled(has)
        self.name.setEnabled(has)
        self.up.setEnabled(has and index > 0)
        self.down.setEnabled(has and index < self.curves.count() - 1)
        if curve_id is not None and self.page.refill(self.name):
            with self.page.loading():
                set_line(self.name, self.document.curve(curve_id).name)

    # ----- editing ----------------------------------------------------------------------------
    def _scale_chosen(self, _index: int) -> None:
        preset = self.preset.currentData()
        marks = self.marks.currentData()
        current = self.document.map.scale
        if preset == EDIT_CUSTOM:
            self.edit_custom_scale()
            return
        if preset == "custom":
            scale = current.model_copy(update={"marks": marks})
        else:
            scale = preset_scale(preset, marks)
        if scale == current:
            return
        self.page.push_command(lambda: commands.SetScale(self.document, scale))

    def edit_custom_scale(self) -> CustomScaleDialog:
        """Open the custom-scale dialog on the map's scale; OK applies it as one undo step.
        The chooser goes back to the map's scale meanwhile (and stays there on Cancel)."""
        self.reload()
        journey = self.document.map
        values = [(card.id, value.value) for card in journey.cards
                  for value in card.emotions.values()]
        dialog = CustomScaleDialog(self.window(), journey.scale, values)
        dialog.accepted.connect(lambda: self._apply_custom(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.custom_dialog = dialog
        dialog.open()
        return dialog

    def _apply_custom(self, dialog: CustomScaleDialog) -> None:
        scale = dialog.scale()
        if scale != self.document.map.scale:
            self.page.push_command(lambda: commands.SetScale(
                self.document, scale, text=f"Emotion scale: {describe(scale)}"))

    def _fill_add_menu(self) -> None:
        """Each persona's (and everyone's) as-is and to-be curve the map lacks, and a
        scenario of the user's own."""
        menu = self.add_menu
        menu.clear()
        journey = self.document.map
        who: list[tuple[str | None, str]] = [(None, EVERYONE)]
        who += [(persona.id, persona.name) for persona in journey.personas]
        for persona_id, name in who:
            for scenario in (AS_IS, TO_BE):
                if find_curve(journey, persona_id, scenario) is None:
                    action = menu.addAction(menu_text(f"{name} · {scenario_label(scenario)}",
                                                      60))
                    action.triggered.connect(
                        lambda _=False, p=persona_id, s=scenario: self._add(p, s))
        menu.addSeparator()
        for persona_id, name in who:
            action = menu.addAction(menu_text(f"{name} · another scenario…", 60))
            action.triggered.connect(lambda _=False, p=persona_id: self._add_own(p))

    def _add_own(self, persona_id: str | None) -> None:
        scenario, ok = QInputDialog.getText(self, "Add curve",
                                            "Scenario (e.g. 2025 pilot):")
        if ok and scenario.strip():
            self._add(persona_id, scenario.strip()[:60])

    def _add(self, persona_id: str | None, scenario: str) -> None:
        document = self.document
        curve = EmotionCurve(id=new_id("curve"), persona_id=persona_id, scenario=scenario)
        if self.page.push_command(lambda: commands.AddCurve(document, curve)):
            document.set_active_curve(curve.id)  # keys 1-5 fill it in from here
            self.reload()
            self.curves.setCurrentRow(self.curves.count() - 1)

    def _move(self, step: int) -> None:
        curve_id = self.selected_curve_id()
        if curve_id is None:
            return
        index = self.document.curve_index(curve_id) + step
        if 0 <= index < len(self.document.map.curves):
            self.page.push_command(lambda: commands.MoveCurve(self.document, curve_id, index))
            self.curves.setCurrentRow(index)

    def _remove(self) -> None:
        curve_id = self.selected_curve_id()
        if curve_id is not None:
            self.page.push_command(lambda: commands.RemoveCurve(self.document, curve_id))

    def _rename(self) -> None:
        curve_id = self.selected_curve_id()
        if curve_id is None or not any(c.id == curve_id for c in self.document.map.curves):
            return
        name = self.name.text().strip()
        if name == self.document.curve(curve_id).name:
            return
        self.page.push_command(lambda: commands.RenameCurve(self.document, curve_id, name))
