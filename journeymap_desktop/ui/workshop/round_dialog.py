"""A new voting round: its name, what can be voted on (kinds, lanes, stages, or the cards
selected on the map), the budget per participant (1-99), a cap per card, who takes part
(names, one a line, or just how many), and whether votes are anonymous, visible to the
facilitator only, or named. Participants already in the workshop are found again by name, so
someone voting in two rounds is one person in both."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.map import CARD_KINDS, MAX_NAME, CardKind, JourneyMap
from journeymap_desktop.model.queries import KIND_LABELS
from journeymap_desktop.model.workshop import (
    ANONYMITY_LABELS,
    MAX_BUDGET,
    MAX_PARTICIPANTS,
    Anonymity,
    Participant,
    VoteScope,
    VotingRound,
)
from journeymap_desktop.ui.plain_text import plain_label

ANONYMITY_KEYS: tuple[Anonymity, ...] = ("anonymous", "facilitator", "named")


def participants_for(journey: JourneyMap, names: list[str] | None,
                     count: int) -> tuple[list[str], list[Participant]]:
    """(the round's participant ids, the participants to add to the workshop): by name, the
    workshop's participant of that name (ignoring case) or a new one; by count, the workshop's
    unnamed participants first, then new ones."""
    existing = journey.workshop.participants
    ids: list[str] = []
    new: list[Participant] = []
    if names is not None:
        by_name = {p.name.casefold(): p.id for p in existing if p.name}
        for name in names:
            key = name.casefold()
            if key in by_name:
                if by_name[key] not in ids:
                    ids.append(by_name[key])
                continue
            participant = Participant(id=new_id("person"), name=name[:MAX_NAME])
            by_name[key] = participant.id
            new.append(participant)
            ids.append(participant.id)
        return ids, new
    unnamed = [p.id for p in existing if not p.name]
    ids = unnamed[:count]
    while len(ids) < count:
        participant = Participant(id=new_id("person"))
        new.append(participant)
        ids.append(participant.id)
    return ids, new


class RoundDialog(QDialog):
    def __init__(self, journey: JourneyMap, selected_card_ids: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roundDialog")
        self.setWindowTitle("New voting round")
        self.journey = journey
        self.selected = list(selected_card_ids)
        form = QFormLayout()
        self.name = QLineEdit(f"Round {len(journey.workshop.rounds) + 1}")
        self.name.setObjectName("roundName")
        self.name.setMaxLength(MAX_NAME)
        form.addRow("Name", self.name)

        self.budget = QSpinBox()
        self.budget.setObjectName("roundBudget")
        self.budget.setRange(1, MAX_BUDGET)
        self.budget.setValue(3)
        self.budget.setSuffix(" dots each")
        form.addRow("Budget", self.budget)
        self.cap = QSpinBox()
        self.cap.setObjectName("roundCap")
        self.cap.setRange(0, MAX_BUDGET)
        self.cap.setSpecialValueText("No cap")
        self.cap.setSuffix(" on one card")
        form.addRow("At most", self.cap)

        scope = QGroupBox("What can be voted on")
        scope_column = QVBoxLayout(scope)
        self.every = QRadioButton("Every card")
        self.narrowed = QRadioButton("Cards of these kinds, lanes and stages:")
        self.chosen = QRadioButton(f"Only the {len(self.selected)} selected card"
                                   f"{'s' if len(self.selected) != 1 else ''}")
        self.chosen.setEnabled(bool(self.selected))
        self.scope_group = QButtonGroup(self)
        for button in (self.every, self.narrowed, self.chosen):
            self.scope_group.addButton(button)
        self.every.setChecked(True)
        self.kinds: dict[CardKind, QCheckBox] = {}
        kinds_row = QHBoxLayout()
        for kind in CARD_KINDS:
            box = QCheckBox(KIND_LABELS[kind])
            box.setObjectName(f"scopeKind_{kind}")
            box.toggled.connect(self._narrow)
            self.kinds[kind] = box
            kinds_row.addWidget(box)
        self.lanes = self._checklist([(lane.id, lane.name) for lane in journey.lanes
                                      if lane.kind != "emotions"], "scopeLanes")
        self.stages = self._checklist([(stage.id, stage.name) for stage in journey.stages],
                                      "scopeStages")
        lists = QHBoxLayout()
        for title, widget in (("Lanes", self.lanes), ("Stages", self.stages)):
            part = QVBoxLayout()
            part.addWidget(QLabel(title))
            part.addWidget(widget)
            lists.addLayout(part)
        scope_column.addWidget(self.every)
        scope_column.addWidget(self.narrowed)
        scope_column.addLayout(kinds_row)
        scope_column.addLayout(lists)
        scope_column.addWidget(self.chosen)

        people = QGroupBox("Who votes (late joiners can be added during the round)")
        people_column = QVBoxLayout(people)
        self.by_name = QRadioButton("Names, one a line:")
        self.by_count = QRadioButton("Just how many:")
        self.people_group = QButtonGroup(self)
        self.people_group.addButton(self.by_name)
        self.people_group.addButton(self.by_count)
        self.names = QPlainTextEdit()
        self.names.setObjectName("roundNames")
        self.names.setPlaceholderText("Ana\nBen\nChidi")
        self.names.setMaximumHeight(110)
        known = [p.name for p in journey.workshop.participants if p.name]
        self.names.setPlainText("\n".join(known))
        self.count = QSpinBox()
        self.count.setObjectName("roundCount")
        self.count.setRange(1, MAX_PARTICIPANTS)
        self.count.setValue(max(1, len(journey.workshop.participants)) if not known else 6)
        (self.by_name if known else self.by_count).setChecked(True)
        self.names.textChanged.connect(lambda: self.by_name.setChecked(True))
        self.count.valueChanged.connect(lambda _v: self.by_count.setChecked(True))
        people_column.addWidget(self.by_name)
        people_column.addWidget(self.names)
        count_row = QHBoxLayout()
        count_row.addWidget(self.by_count)
        count_row.addWidget(self.count)
        count_row.addStretch(1)
        people_column.addLayout(count_row)

        privacy = QGroupBox("Who sees who voted for what")
        privacy_column = QVBoxLayout(privacy)
        self.anonymity: dict[Anonymity, QRadioButton] = {}
        hints = {"anonymous": "nobody, not even the facilitator's exports",
                 "facilitator": "the facilitator's laptop and the CSV of votes, not the room",
                 "named": "everyone: the projector and the handout name the voters"}
        for key in ANONYMITY_KEYS:
            label = ANONYMITY_LABELS[key]
            button = QRadioButton(f"{label}: {hints[key]}")
            button.setObjectName(f"anonymity_{key}")
            self.anonymity[key] = button
            privacy_column.addWidget(button)
        self.anonymity["anonymous"].setChecked(True)

        self.problem = plain_label()
        self.problem.setObjectName("roundProblem")
        self.problem.setStyleSheet("color: #A13F00")
        buttons = QDialogButtonBox()
        self.open_now = buttons.addButton("Create and open voting",
                                          QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_now.setObjectName("createAndOpen")
        self.open_now.setDefault(True)
        create = buttons.addButton("Create", QDialogButtonBox.ButtonRole.AcceptRole)
        create.setObjectName("createOnly")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.opening = True
        self.open_now.clicked.connect(lambda: self._finish(True))
        create.clicked.connect(lambda: self._finish(False))
        buttons.rejected.connect(self.reject)

        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(scope)
        column.addWidget(people)
        column.addWidget(privacy)
        column.addWidget(self.problem)
        column.addWidget(buttons)
        self.result_round: VotingRound | None = None
        self.new_participants: list[Participant] = []

    def _checklist(self, entries: list[tuple[str, str]], name: str) -> QListWidget:
        widget = QListWidget()
        widget.setObjectName(name)
        widget.setMaximumHeight(120)
        for item_id, label in entries:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            widget.addItem(item)
        widget.itemChanged.connect(self._narrow)
        return widget

    def _narrow(self, *_: object) -> None:
        self.narrowed.setChecked(True)

    @staticmethod
    def _checked(widget: QListWidget) -> list[str]:
        return [widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                if widget.item(i).checkState() == Qt.CheckState.Checked]

    def scope(self) -> VoteScope:
        if self.chosen.isChecked():
            return VoteScope(card_ids=self.selected)
        if self.narrowed.isChecked():
            return VoteScope(kinds=[k for k, box in self.kinds.items() if box.isChecked()],
                             lane_ids=self._checked(self.lanes),
                             stage_ids=self._checked(self.stages))
        return VoteScope()

    def names_given(self) -> list[str]:
        return [" ".join(line.split()) for line in self.names.toPlainText().splitlines()
                if line.strip()]

    def build(self) -> tuple[VotingRound, list[Participant]]:
        """The round the dialog describes; ValueError (a sentence) when it cannot be made."""
        name = " ".join(self.name.text().split())
        if not name:
            raise ValueError("Give the round a name.")
        names = self.names_given() if self.by_name.isChecked() else None
        if names is not None and not names:
            raise ValueError("Name at least one participant, or give how many there are.")
        if names is not None and len(names) > MAX_PARTICIPANTS:
            raise ValueError(f"At most {MAX_PARTICIPANTS} participants.")
        ids, new = participants_for(self.journey, names, self.count.value())
        anonymity = next(key for key, button in self.anonymity.items() if button.isChecked())
        cap = self.cap.value() or None
        voting_round = VotingRound(
            id=new_id("round"), name=name, scope=self.scope(), budget=self.budget.value(),
            cap_per_card=cap, participant_ids=ids, anonymity=anonymity)
        return voting_round, new

    def _finish(self, opening: bool) -> None:
        try:
            self.result_round, self.new_participants = self.build()
        except ValueError as error:
            self.problem.setText(str(error))
            return
        self.opening = opening
        self.accept()
