"""Inspector pages for a stage and for a lane."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget

from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.map import LANE_KINDS
from journeymap_desktop.model.queries import LANE_KIND_LABELS, stage_emotion_average
from journeymap_desktop.ui.inspector.base import InspectorPage
from journeymap_desktop.ui.inspector.fields import ColourCombo, CommitTextEdit, set_line


class StagePage(InspectorPage):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.stage_id: str | None = None
        self.name = QLineEdit()
        self.name.setObjectName("stageName")
        self.name.setMaxLength(200)
        self.description = CommitTextEdit(lines=4)
        self.description.setObjectName("stageDescription")
        self.colour = ColourCombo("Default")
        self.colour.setObjectName("stageColour")
        self.summary = QLabel()
        self.summary.setObjectName("stageSummary")
        self.summary.setStyleSheet("color: #5B6068;")
        self.form.addRow("Name", self.name)
        self.form.addRow("Description", self.description)
        self.form.addRow("Colour", self.colour)
        self.outer.addWidget(self.summary)
        self.outer.addStretch(1)
        self.bind_text(self.name, self._name_finished)
        self.bind_text(self.description, lambda: self._push(
            {"description": self.description.toPlainText().rstrip()}))
        self.colour.activated.connect(
            lambda _: self._push({"colour": self.colour.value()}, mergeable=False))
        document.stage_changed.connect(self._on_stage_changed)

    def _on_stage_changed(self, stage_id: str) -> None:
        if stage_id == self.stage_id:
            self.reload()

    def _name_finished(self) -> None:
        name = self.name.text().strip()
        if not name:
            if not self.name.hasFocus():  # still typing: an empty name may be on its way
                self.show_problem("A stage needs a name.")
                self.reload()
            return
        self._push({"name": name})

    def _push(self, changes: dict[str, object], mergeable: bool = True) -> None:
        if self.stage_id is not None and any(s.id == self.stage_id
                                             for s in self.document.map.stages):
            self.push_fields("stage", self.stage_id, changes, mergeable)

    def show_stage(self, stage_id: str) -> None:
        if stage_id != self.stage_id:
            self.commit_pending()
        self.stage_id = stage_id
        self.problem.hide()
        self.reload()

    def reload(self) -> None:
        if self.stage_id is None or not any(s.id == self.stage_id
                                            for s in self.document.map.stages):
            return
        stage = self.document.stage(self.stage_id)
        journey = self.document.map
        count = sum(1 for card in journey.cards if card.stage_id == stage.id)
        average = stage_emotion_average(journey, stage.id)
        with self.loading():
            self.heading.setText("Stage")
            if self.refill(self.name):
                set_line(self.name, stage.name)
            if self.refill(self.description):
                self.description.load(stage.description)
            self.colour.set_value(stage.colour)
            feeling = "" if average is None else f" · average emotion {average:+.1f}"
            self.summary.setText(f"{count} card{'s' if count != 1 else ''}{feeling}")


class LanePage(InspectorPage):
    def __init__(self, document: JourneyDocument, parent: QWidget | None = None) -> None:
        super().__init__(document, parent)
        self.lane_id: str | None = None
        self.title = QLineEdit()
        self.title.setObjectName("laneTitle")
        self.title.setMaxLength(200)
        self.kind = QComboBox()
        self.kind.setObjectName("laneKind")
        for kind in LANE_KINDS:
            self.kind.addItem(LANE_KIND_LABELS[kind], kind)
        self.hint = QLabel("The emotions lane draws the emotion curve of the cards above and "
                           "below it.")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #5B6068;")
        self.form.addRow("Title", self.title)
        self.form.addRow("Kind", self.kind)
        self.outer.addWidget(self.hint)
        self.outer.addStretch(1)
        self.bind_text(self.title, self._title_finished)
        self.kind.activated.connect(
            lambda _: self._push({"kind": self.kind.currentData()}, mergeable=False))
        document.lane_changed.connect(self._on_lane_changed)

    def _on_lane_changed(self, lane_id: str) -> None:
        if lane_id == self.lane_id:
            self.reload()

    def _title_finished(self) -> None:
        title = self.title.text().strip()
        if not title:
            if not self.title.hasFocus():
                self.show_problem("A lane needs a title.")
                self.reload()
            return
        self._push({"title": title})

    def _push(self, changes: dict[str, object], mergeable: bool = True) -> None:
        if self.lane_id is not None and any(x.id == self.lane_id
                                            for x in self.document.map.lanes):
            self.push_fields("lane", self.lane_id, changes, mergeable)

    def show_lane(self, lane_id: str) -> None:
        if lane_id != self.lane_id:
            self.commit_pending()
        self.lane_id = lane_id
        self.problem.hide()
        self.reload()

    def reload(self) -> None:
        if self.lane_id is None or not any(x.id == self.lane_id
                                           for x in self.document.map.lanes):
            return
        lane = self.document.lane(self.lane_id)
        with self.loading():
            self.heading.setText("Lane")
            if self.refill(self.title):
                set_line(self.title, lane.title)
            self.kind.setCurrentIndex(self.kind.findData(lane.kind))
            self.hint.setVisible(lane.kind == "emotions")
