"""Inspector pages for a stage and for a lane: one shape, the map's two axes."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from journeymap_desktop.document import Axis, JourneyDocument
from journeymap_desktop.model.curves import stage_average
from journeymap_desktop.model.map import LANE_KINDS, Lane, Stage
from journeymap_desktop.model.queries import LANE_KIND_LABELS
from journeymap_desktop.model.scales import format_value, level_name
from journeymap_desktop.ui.inspector.base import InspectorPage
from journeymap_desktop.ui.inspector.fields import ColourCombo, CommitTextEdit, set_line
from journeymap_desktop.ui.plain_text import plain_label

BLUEPRINT_HINT = ("A service-blueprint layer: where customer actions, frontstage, backstage "
                  "and support processes lanes follow one another, the lines of interaction, "
                  "visibility and internal interaction are drawn between them.")
LANE_HINTS: dict[str, str] = {
    "emotions": "The emotions lane draws the emotion curve of the touchpoints above and below "
                "it.",
    "metric": "Each card shows its first metric as a figure (value and unit, source, date); "
              "edit it in the card's evidence.",
    "quote": "Each card shows its first quote, with who said it, in place of its title; "
             "add quotes in the card's evidence.",
    "customer_actions": BLUEPRINT_HINT,
    "frontstage": BLUEPRINT_HINT,
    "backstage": BLUEPRINT_HINT,
    "support_processes": BLUEPRINT_HINT,
}


class HeaderPage(InspectorPage):
    """Edits one stage or lane: its name (never empty) and what the subclass adds."""

    axis: Axis
    name_field = "name"  # stages and lanes share one name field

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.header_id: str | None = None
        self.name = QLineEdit()
        self.name.setObjectName(f"{self.axis}{self.name_field.capitalize()}")
        self.name.setMaxLength(200)
        self.form.addRow(self.name_field.capitalize(), self.name)
        self.bind_text(self.name, self._name_finished)
        signal = document.stage_changed if self.axis == "stage" else document.lane_changed
        signal.connect(self._on_changed)

    def _on_changed(self, header_id: str) -> None:
        if header_id == self.header_id:
            self.reload()

    def _name_finished(self) -> None:
        name = self.name.text().strip()
        if not name:
            if not self.pausing:  # mid-word an empty name may be on its way to a new one
                self.show_problem(f"A {self.axis} needs a {self.name_field}.")
                self.reload()
            return
        self._push({self.name_field: name})

    def _push(self, changes: dict[str, object], mergeable: bool = True) -> None:
        if self.header_id is not None and self.document.has_header(self.axis, self.header_id):
            self.push_fields(self.axis, self.header_id, changes, mergeable)

    def show_header(self, header_id: str) -> None:
        if header_id != self.header_id:
            self.commit_pending()
        self.header_id = header_id
        self.problem.hide()
        self.reload()

    def reload(self) -> None:
        if self.header_id is None or not self.document.has_header(self.axis, self.header_id):
            return
        item = self.document.header(self.axis, self.header_id)
        with self.loading():
            self.heading.setText(self.axis.capitalize())
            if self.refill(self.name):
                set_line(self.name, getattr(item, self.name_field))
            self.fill(item)

    def fill(self, item: Any) -> None:
        """Show the subclass's own fields of the stage or lane (called while loading)."""


class StagePage(HeaderPage):
    axis = "stage"

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.description = CommitTextEdit(lines=4)
        self.description.setObjectName("stageDescription")
        self.colour = ColourCombo("Default")
        self.colour.setObjectName("stageColour")
        self.summary = plain_label()  # holds a level name: the map's text
        self.summary.setObjectName("stageSummary")
        self.summary.setStyleSheet("color: #5B6068;")
        self.form.addRow("Description", self.description)
        self.form.addRow("Colour", self.colour)
        self.outer.addWidget(self.summary)
        self.outer.addStretch(1)
        self.bind_text(self.description, lambda: self._push(
            {"description": self.description.toPlainText().rstrip()}))
        self.colour.activated.connect(
            lambda _: self._push({"colour": self.colour.value()}, mergeable=False))

    @property
    def stage_id(self) -> str | None:
        return self.header_id

    def show_stage(self, stage_id: str) -> None:
        self.show_header(stage_id)

    def fill(self, item: Any) -> None:
        stage: Stage = item
        journey = self.document.map
        count = sum(1 for card in journey.cards if card.stage_id == stage.id)
        average = stage_average(journey, stage.id, self.document.active_curve_id)
        if self.refill(self.description):
            self.description.load(stage.description)
        self.colour.set_value(stage.colour)
        feeling = "" if average is None else (
            f" · average emotion {format_value(round(average, 1))} "
            f"({level_name(journey.scale, average).lower()})")
        self.summary.setText(f"{count} card{'s' if count != 1 else ''}{feeling}")


class LanePage(HeaderPage):
    axis = "lane"

    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.kind = QComboBox()
        self.kind.setObjectName("laneKind")
        for kind in LANE_KINDS:
            self.kind.addItem(LANE_KIND_LABELS[kind], kind)
        self.hint = QLabel()
        self.hint.setObjectName("laneHint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5B6068;")
        self.form.addRow("Kind", self.kind)
        self.outer.addWidget(self.hint)
        self.outer.addStretch(1)
        self.kind.activated.connect(
            lambda _: self._push({"kind": self.kind.currentData()}, mergeable=False))

    @property
    def title(self) -> QLineEdit:
        return self.name

    @property
    def lane_id(self) -> str | None:
        return self.header_id

    def show_lane(self, lane_id: str) -> None:
        self.show_header(lane_id)

    def fill(self, item: Any) -> None:
        lane: Lane = item
        self.kind.setCurrentIndex(self.kind.findData(lane.kind))
        hint = LANE_HINTS.get(lane.kind, "")
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
