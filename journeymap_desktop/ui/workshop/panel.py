"""The facilitator's panel on the laptop (a dock beside the map in workshop mode):

    Timer        the time, big; minutes to set; Start/Pause, +1 min, -1 min, Reset; a sound
                 at the end (or not); close the round when time is up (or not)
    Voting round which round; New round…, Open voting, Reveal, Close; who is voting now and
                 their dots left (always in sight); I'm done; a late joiner; done count;
                 the ranked results once revealed
    Projector    which screen (or this screen only); whole map or stage by stage;
                 results on the projector

(Capture has its own bar along the bottom of the window: capture.CaptureBar.)

Names of rounds and participants come from the map: they are shown as plain text only (list
items, combo boxes, plain labels).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from journeymap_desktop.layout import theme
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.model.workshop import (
    ANONYMITY_LABELS,
    Audience,
    VotingRound,
    done_count,
    participant_label,
    remaining,
    results,
    round_letter,
    scope_text,
)
from journeymap_desktop.ui.plain_text import plain_label
from journeymap_desktop.ui.workshop.results_board import ResultsBoard
from journeymap_desktop.ui.workshop.screens import screen_infos
from journeymap_desktop.ui.workshop.timer_face import TimerFace

if TYPE_CHECKING:
    from journeymap_desktop.ui.workshop.controller import WorkshopController

STATE_WORDS = {"draft": "not open yet", "open": "voting", "closed": "closed"}
MESSAGE_MS = 6_000  # a refusal stays in sight this long
LIST_ROWS = 6  # participants in sight without scrolling
WARN = "#A13F00"


def panel_summary(voting_round: VotingRound, journey: JourneyMap) -> str:
    """The round's rules in two short lines (who takes part is in the list below)."""
    dots = voting_round.budget
    rules = f"{dots} dot{'s' if dots != 1 else ''} each"
    if voting_round.cap_per_card is not None:
        rules += f", at most {voting_round.cap_per_card} on a card"
    rules += f" · {ANONYMITY_LABELS[voting_round.anonymity].lower()}"
    return f"{rules}\nOn: {scope_text(journey, voting_round)}"


def round_icon(index: int) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(theme.round_colour(index)))
    return QIcon(pixmap)


def _heading(text: str) -> QLabel:
    label = QLabel(text.upper())
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    label.setStyleSheet(f"color: {theme.INK_SOFT}; padding-top: 10px")
    return label


def _rule() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setStyleSheet(f"color: {theme.GRID_LINE}")
    return line


def _button(text: str, name: str, slot: object) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(slot)
    return button


class WorkshopPanel(QDockWidget):
    def __init__(self, controller: WorkshopController) -> None:
        super().__init__("Workshop", controller.window)
        self.setObjectName("workshopDock")
        self.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.controller = controller
        self.session = controller.session
        self.document = controller.document
        self._updating = False
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(12, 4, 12, 12)
        self._timer_part(column)
        column.addWidget(_rule())
        self._projector_part(column)
        column.addWidget(_rule())
        self._round_part(column)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(scroll)
        self.setMinimumWidth(390)

        document = self.document
        document.workshop_changed.connect(self.update_round)
        self.session.changed.connect(self.update_round)
        self.session.refused.connect(self.show_message)
        controller.message.connect(self.show_message)
        controller.shown_changed.connect(self.update_projector)
        controller.timer.changed.connect(self.update_timer)
        self.update_round()
        self.update_timer()

    # ----- timer ---------------------------------------------------------------------------
    def _timer_part(self, column: QVBoxLayout) -> None:
        timer = self.controller.timer
        column.addWidget(_heading("Timer"))
        top = QHBoxLayout()
        self.face = TimerFace(timer, compact=True)
        self.face.setFixedHeight(54)
        top.addWidget(self.face, 1)
        self.start_button = _button("Start", "timerStart", timer.toggle)
        top.addWidget(self.start_button)
        less = _button("−1", "timerLess", lambda: timer.add(-60))
        less.setToolTip("Take a minute off")
        more = _button("+1", "timerMore", lambda: timer.add(60))
        more.setToolTip("Add a minute")
        for button in (less, more):
            button.setFixedWidth(44)
            top.addWidget(button)
        column.addLayout(top)
        row = QHBoxLayout()
        self.minutes = QSpinBox()
        self.minutes.setObjectName("timerMinutes")
        self.minutes.setRange(1, 240)
        self.minutes.setValue(timer.duration // 60)
        self.minutes.setSuffix(" min")
        row.addWidget(self.minutes)
        row.addWidget(_button("Set", "timerSet", self._set_timer))
        row.addWidget(_button("Reset", "timerReset", timer.reset))
        self.sound = QCheckBox("Sound")
        self.sound.setObjectName("timerSound")
        self.sound.setToolTip("A sound at the end, if this computer has one")
        self.sound.setChecked(self.controller.sound)
        self.sound.toggled.connect(self._set_sound)
        row.addWidget(self.sound)
        column.addLayout(row)
        self.close_on_time = QCheckBox("Close the round when time is up")
        self.close_on_time.setObjectName("closeOnTime")
        self.close_on_time.toggled.connect(self._set_close_on_time)
        column.addWidget(self.close_on_time)

    def _set_timer(self) -> None:
        self.controller.timer.set(self.minutes.value() * 60)

    def _set_sound(self, on: bool) -> None:
        self.controller.sound = on

    def _set_close_on_time(self, on: bool) -> None:
        self.controller.close_on_time = on

    def update_timer(self) -> None:
        timer = self.controller.timer
        self.start_button.setText("Pause" if timer.running else "Start")
        if not self.minutes.hasFocus():
            self.minutes.setValue(max(1, round(timer.duration / 60)))

    # ----- the voting round --------------------------------------------------------------------
    def _round_part(self, column: QVBoxLayout) -> None:
        column.addWidget(_heading("Voting round"))
        row = QHBoxLayout()
        self.rounds = QComboBox()
        self.rounds.setObjectName("roundChooser")
        self.rounds.currentIndexChanged.connect(self._round_chosen)
        row.addWidget(self.rounds, 1)
        row.addWidget(_button("New round…", "newRound", self.controller.new_round))
        column.addLayout(row)
        self.summary = plain_label()
        self.summary.setObjectName("roundSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(f"color: {theme.INK_SOFT}")
        self.summary.setMaximumHeight(3 * self.summary.fontMetrics().lineSpacing() + 2)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        column.addWidget(self.summary)
        row = QHBoxLayout()
        self.open_button = _button("Open", "openRound", self.controller.open_round)
        self.open_button.setToolTip("Open the round for voting")
        self.reveal_button = _button("Reveal", "revealRound", self.controller.reveal)
        self.reveal_button.setToolTip("Show everyone's dots on the map")
        self.close_button = _button("Close", "closeRound", lambda: self.controller.close_round())
        self.close_button.setToolTip("No more votes: the ranked results")
        self.results_button = _button("Results", "showResults", self._toggle_results)
        self.results_button.setCheckable(True)
        self.results_button.setToolTip("The round's ranked results on the projector")
        for button in (self.open_button, self.reveal_button, self.close_button,
                       self.results_button):
            row.addWidget(button)
        column.addLayout(row)

        self.voter = plain_label()
        self.voter.setObjectName("currentVoter")
        font = QFont(self.voter.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.voter.setFont(font)
        self.voter.setWordWrap(True)
        column.addWidget(self.voter)
        self.message = plain_label()
        self.message.setObjectName("workshopMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {WARN}; font-weight: bold")
        column.addWidget(self.message)
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.setInterval(MESSAGE_MS)
        self._message_timer.timeout.connect(self._clear_message)
        self.message.hide()
        self.done_label = plain_label()
        self.done_label.setObjectName("doneCount")
        self.done_label.setStyleSheet(f"color: {theme.INK_SOFT}")
        column.addWidget(self.done_label)
        self.people = QListWidget()
        self.people.setObjectName("participants")
        self.people.currentItemChanged.connect(self._person_chosen)
        column.addWidget(self.people)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.done_button = _button("I'm done", "imDone", self.controller.done)
        row.addWidget(self.done_button)
        self.joiner = QLineEdit()
        self.joiner.setObjectName("lateJoinerName")
        self.joiner.setPlaceholderText("Late joiner (name)")
        self.joiner.returnPressed.connect(self._add_joiner)
        row.addWidget(self.joiner, 1)
        row.addWidget(_button("Add", "addJoiner", self._add_joiner))
        self.done_row = QWidget()
        self.done_row.setLayout(row)
        column.addWidget(self.done_row)
        self.results_list = QListWidget()
        self.results_list.setObjectName("roundResults")
        self.results_list.setMaximumHeight(240)
        self.results_list.setWordWrap(True)
        self.results_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        column.addWidget(self.results_list)
        self.results_here = ResultsBoard(self.document, self.controller.measurer,
                                         "facilitator", None, zoom=1.0, panel=False)
        self.results_here.hide()

    def _round_chosen(self, index: int) -> None:
        if self._updating or index < 0:
            return
        round_id = self.rounds.itemData(index)
        self.session.set_round(round_id)

    def _person_chosen(self, item: QListWidgetItem | None) -> None:
        if self._updating or item is None:
            return
        self._clear_message()
        self.session.set_participant(item.data(Qt.ItemDataRole.UserRole))

    def _clear_message(self) -> None:
        self.message.clear()
        self.message.hide()

    def _add_joiner(self) -> None:
        self.controller.add_late_joiner(self.joiner.text())
        self.joiner.clear()

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self._message_timer.start()
        self.controller.window.statusBar().showMessage(text, MESSAGE_MS)

    def update_round(self) -> None:
        self._updating = True
        try:
            self._fill_round()
        finally:
            self._updating = False

    def _fill_round(self) -> None:
        journey = self.document.map
        workshop = journey.workshop
        current = self.session.voting_round
        self.rounds.clear()
        for index, voting_round in enumerate(workshop.rounds):
            self.rounds.addItem(round_icon(index),
                                f"{round_letter(index)} · {voting_round.name} "
                                f"({STATE_WORDS[voting_round.state]})", voting_round.id)
        if current is not None:
            self.rounds.setCurrentIndex(self.rounds.findData(current.id))
        self.people.clear()
        self.results_list.clear()
        if current is None:
            self.summary.setText("No voting round yet: start one with New round….")
            self.voter.setText("")
            self.done_label.setText("")
            for button in (self.open_button, self.reveal_button, self.close_button,
                           self.done_button):
                button.setEnabled(False)
            self.results_list.hide()
            for widget in (self.people, self.done_row, self.done_label):
                widget.setVisible(False)
            return
        self.summary.setText(panel_summary(current, journey))
        self.open_button.setEnabled(current.state != "open")
        self.open_button.setText("Open" if current.state == "draft" else "Reopen")
        self.reveal_button.setEnabled(not current.revealed)
        self.close_button.setEnabled(current.state != "closed")
        participant = self.session.participant_id
        for number, person_id in enumerate(current.participant_ids, start=1):
            name = participant_label(workshop, person_id)
            left = remaining(current, person_id)
            finished = "  ✓ done" if person_id in current.done_ids else ""
            item = QListWidgetItem(f"{number}  {name}: {left} of {current.budget} left"
                                   f"{finished}")
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            self.people.addItem(item)
            if person_id == participant:
                self.people.setCurrentItem(item)
        self.done_button.setEnabled(current.state == "open" and participant is not None
                                    and participant not in current.done_ids)
        done, people = done_count(current)
        self.done_label.setText(f"Who votes (keys 1-9) · done: {done} of {people}")
        rows = max(1, self.people.count())
        self.people.setFixedHeight(min(LIST_ROWS, rows) * self.people.sizeHintForRow(0) + 6)
        if participant is not None and current.state == "open":
            left = remaining(current, participant)
            self.voter.setText(f"{participant_label(workshop, participant)}: {left} of "
                               f"{current.budget} dot{'s' if current.budget != 1 else ''} "
                               "left")
        elif current.state == "draft":
            self.voter.setText("Open voting when everyone is ready.")
        elif current.state == "closed":
            self.voter.setText("This round is closed.")
        else:
            self.voter.setText("Choose who is voting (keys 1-9).")
        shows = current.revealed or current.state == "closed"
        self.results_list.setVisible(shows)
        voting = current.state != "closed"
        for widget in (self.people, self.done_row, self.done_label):
            widget.setVisible(voting)
        if shows:
            self._fill_results(current)

    def _fill_results(self, current: VotingRound) -> None:
        # With one screen the room sees this panel too: names only as the room may see them.
        audience: Audience = "room" if self.controller.one_screen else "facilitator"
        for row in results(self.document.map, current, audience):
            rank = f"{row.rank}=" if row.tied else f"{row.rank}"
            who = f"  ({', '.join(f'{n} {d}' for n, d in row.voters)})" if row.voters else ""
            tied = "  tied" if row.tied else ""
            self.results_list.addItem(f"{rank:<4}{row.dots:>3} · {row.title}{tied}{who}")

    def show_results_here(self, round_id: str | None) -> None:
        """With one screen, the results go over the laptop's own map (the room sees it)."""
        board = self.results_here
        view = self.controller.window.view
        if round_id is None:
            board.hide()
            return
        board.setParent(view)
        board.panel = True
        board.zoom = 2.3
        board.audience = "room"
        board.setGeometry(view.rect())
        board.show_round(round_id)
        board.show()
        board.raise_()

    # ----- the projector -----------------------------------------------------------------------
    def _projector_part(self, column: QVBoxLayout) -> None:
        self.where = _heading("Projector")
        self.where.setObjectName("projectorShows")
        column.addWidget(self.where)
        self.screens = QComboBox()
        self.screens.setObjectName("projectorScreen")
        self.screens.activated.connect(self._screen_chosen)
        column.addWidget(self.screens)
        row = QHBoxLayout()
        row.setSpacing(4)
        row.addWidget(_button("Whole map", "showWhole", self.controller.show_whole))
        row.addWidget(_button("◀ Stage", "previousStage",
                              lambda: self.controller.show_stage(-1)))
        row.addWidget(_button("Stage ▶", "nextStage", lambda: self.controller.show_stage(1)))
        column.addLayout(row)

    def _screen_chosen(self, index: int) -> None:
        self.controller.set_target(self.screens.itemData(index))

    def _toggle_results(self, on: bool) -> None:
        voting_round = self.session.voting_round
        self.controller.show_results(voting_round.id if on and voting_round else None)

    def update_projector(self) -> None:
        controller = self.controller
        self.screens.clear()
        self.screens.addItem("This screen only (no projector window)", None)
        own = controller.window.screen()
        for info in screen_infos():
            if own is not None and own.geometry().topLeft().x() == info.x and \
                    own.geometry().topLeft().y() == info.y:
                continue
            self.screens.addItem(f"Projector on {info.label}", info)
        self.screens.setCurrentIndex(max(0, self.screens.findData(controller.target)))
        stage_id = controller.stage_id
        stages = self.document.map.stages
        # The heading says what the room sees (a stage's name is map text: plain label).
        if stage_id is None:
            self.where.setText("PROJECTOR · WHOLE MAP")
        else:
            number = next((i for i, s in enumerate(stages, start=1) if s.id == stage_id), 0)
            self.where.setText(f"PROJECTOR · STAGE {number} OF {len(stages)}")
        self.results_button.setChecked(controller.results_round_id is not None)
