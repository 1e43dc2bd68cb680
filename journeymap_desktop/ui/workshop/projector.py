"""The room's window: on the second screen, full screen, the map as the room may see it
(private cards left out, votes hidden until revealed), a bar with the round and the big timer,
the round's results when the facilitator shows them, and "Time's up" across the map when the
timer runs out. Nothing on it takes a click: the facilitator drives it from the laptop.

With one screen there is no projector window: the laptop's own window goes full screen and
shows the map the same way (controller.py).
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QColor,
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from journeymap_desktop.canvas.fonts import role_font
from journeymap_desktop.canvas.modes import PROJECTOR
from journeymap_desktop.canvas.scene import JourneyScene
from journeymap_desktop.canvas.view import JourneyView
from journeymap_desktop.canvas.workshop import WorkshopSession
from journeymap_desktop.canvas.workshop_overlay import WorkshopOverlay
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.layout import theme
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.workshop import done_count, round_index, round_letter
from journeymap_desktop.ui.plain_text import plain_label
from journeymap_desktop.ui.workshop import navigation
from journeymap_desktop.ui.workshop.results_board import ResultsBoard
from journeymap_desktop.ui.workshop.screens import ScreenInfo, qt_screen
from journeymap_desktop.ui.workshop.timer import WorkshopTimer
from journeymap_desktop.ui.workshop.timer_face import END_TEXT, TimerFace

Shown = Literal["whole", "stage"]
BAR_SHARE = 0.1  # of the screen's height: the bar with the round and the timer
BADGE_SCALE = 1.4  # a card's voting badge: never under 28 px on a 1080-pixel-high screen


def round_status(document: JourneyDocument, session: WorkshopSession) -> tuple[str, str, int]:
    """(the round's name, what is happening in it, its index) for the bar; the map's title
    when no round is chosen (index -1)."""
    journey = document.map
    voting_round = session.voting_round
    if voting_round is None:
        return journey.title, "", -1
    index = round_index(journey.workshop, voting_round.id)
    done, people = done_count(voting_round)
    if voting_round.state == "draft":
        status = "Voting starts soon"
    elif voting_round.state == "open":
        dots = voting_round.budget
        status = f"Voting: {dots} dot{'s' if dots != 1 else ''} each"
        if voting_round.cap_per_card is not None:
            status += f", at most {voting_round.cap_per_card} on one card"
        status += f" · {done} of {people} done"
        if voting_round.revealed:
            status += " · dots shown"
    else:
        status = "Results"
    return voting_round.name, status, index


class Chip(QWidget):
    """The round's colour with its letter: painted, so it needs no style sheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.index = -1

    def set_round(self, index: int) -> None:
        self.index = index
        self.setVisible(index >= 0)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.index < 0:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        colour = theme.round_colour(self.index)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 8, 8)
        font = QFont(role_font(FontRole.CARD_TITLE))
        font.setPixelSize(max(8, int(self.height() * 0.55)))
        painter.setFont(font)
        painter.setPen(QColor(theme.readable_ink(colour)))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, round_letter(self.index))
        painter.end()


class Legend(QWidget):
    """The other rounds whose dots the map shows: each round's colour and letter with its
    name (at most three, the latest first)."""

    MOST = 3

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("roundLegend")
        self.entries: list[tuple[int, str]] = []

    def set_rounds(self, entries: list[tuple[int, str]]) -> None:
        self.entries = entries[-self.MOST:][::-1]
        self.setVisible(bool(entries))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.entries:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        line_h = self.height() / self.MOST
        font = QFont(role_font(FontRole.CARD_BODY))
        font.setPixelSize(max(8, int(line_h * 0.62)))
        bold = QFont(role_font(FontRole.CARD_TITLE))
        bold.setPixelSize(font.pixelSize())
        for i, (index, name) in enumerate(self.entries):
            top = i * line_h
            size = line_h * 0.8
            colour = theme.round_colour(index)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            chip = QRectF(0, top + (line_h - size) / 2, size * 1.6, size)
            painter.drawRoundedRect(chip, size / 2, size / 2)
            painter.setFont(bold)
            painter.setPen(QColor(theme.readable_ink(colour)))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, round_letter(index))
            painter.setFont(font)
            painter.setPen(QColor(theme.INK_SOFT))
            text = painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight,
                                                    int(self.width() - chip.width() - 8))
            painter.drawText(QRectF(chip.right() + 8, top, self.width(), line_h),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        painter.end()


class ProjectorWindow(QWidget):
    closed = Signal()  # the window went (closed by the window system, or by the laptop)

    def __init__(self, document: JourneyDocument, session: WorkshopSession,
                 timer: WorkshopTimer, measurer: FontMeasurer) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("projectorWindow")
        self.setWindowTitle("JourneyMap: projector")
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        # The laptop's window decides when the app ends, never this one.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.document = document
        self.session = session
        self.timer = timer
        self.shown: Shown = "whole"
        self.stage_id: str | None = None
        self.followed: str | None = None
        self.screen_info: ScreenInfo | None = None

        self.scene = JourneyScene(document, measurer, hide_private=True)
        self.view = JourneyView(self.scene)
        self.scene.setParent(self.view)
        self.view.set_mode(PROJECTOR)
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setInteractive(False)
        self.overlay = WorkshopOverlay(self.scene, session, "room")
        self.overlay.attach()
        self.veil = navigation.StageVeil(self.scene)

        self.bar = QWidget()
        self.bar.setObjectName("projectorBar")
        self.bar.setAutoFillBackground(True)
        palette = self.bar.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(theme.PAPER_COLOUR))
        self.bar.setPalette(palette)
        self.chip = Chip()
        self.title = plain_label()
        self.title.setObjectName("projectorRoundName")
        self.status = plain_label()
        self.status.setObjectName("projectorStatus")
        for label in (self.title, self.status):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        words = QVBoxLayout()
        words.setSpacing(0)
        words.addWidget(self.title)
        words.addWidget(self.status)
        self.face = TimerFace(timer)
        self.legend = Legend()
        row = QHBoxLayout(self.bar)
        row.addWidget(self.chip)
        row.addLayout(words, 1)
        row.addWidget(self.legend)
        row.addWidget(self.face)

        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.bar)
        column.addWidget(self.view, 1)

        self.results = ResultsBoard(document, measurer, "room", self.view)
        self.results.hide()
        self.banner = QLabel(END_TEXT, self.view)
        self.banner.setObjectName("timeUpBanner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet(f"background: {theme.TIMER_END}; color: white;"
                                  "border-radius: 18px;")
        self.banner.hide()

        document.workshop_changed.connect(self.update_bar)
        session.changed.connect(self._on_session_changed)
        session.captured.connect(self._on_captured)
        timer.changed.connect(self._on_timer)
        timer.ended.connect(self._on_ended)
        self.scene.layout_changed.connect(self._after_layout)
        self.view.viewport().installEventFilter(self)
        self.view.zoom_changed.connect(self._on_zoom)
        self.update_bar()
        self._sizes()

    # ----- where it is -----------------------------------------------------------------------
    def place_on(self, screen: ScreenInfo) -> None:
        """Full screen on this screen."""
        self.screen_info = screen
        target = qt_screen(screen)
        if self.isFullScreen():
            self.showNormal()
        if target is not None:
            self.setScreen(target)
        self.setGeometry(screen.x, screen.y, screen.width, screen.height)
        self.showFullScreen()
        QTimer.singleShot(150, self.reapply)

    # ----- what it shows ---------------------------------------------------------------------
    def show_whole(self) -> None:
        self.shown, self.stage_id = "whole", None
        self.reapply()

    def show_stage(self, stage_id: str) -> None:
        self.shown, self.stage_id = "stage", stage_id
        self.reapply()

    def reapply(self) -> None:
        if self.shown == "stage" and self.stage_id is not None:
            lanes = navigation.focus_lanes(self.document.map, self.session.voting_round)
            navigation.show_stage(self.view, self.stage_id, lanes)
            self.veil.show(self.stage_id)
        else:
            navigation.show_whole(self.view)
            self.veil.clear()
        if self.followed is not None and self.shown == "stage":
            navigation.follow_card(self.view, self.followed)

    def show_results(self, round_id: str | None) -> None:
        """The round's ranked results over the map (None: back to the map)."""
        self.results.show_round(round_id)
        self.results.setVisible(round_id is not None)
        self._sizes()

    def _on_captured(self, card_ids: list[str]) -> None:
        if card_ids:
            self.followed = card_ids[-1]
            QTimer.singleShot(0, self.reapply)

    def _on_session_changed(self) -> None:
        self.update_bar()
        if self.shown == "stage":
            QTimer.singleShot(0, self.reapply)  # the round's lanes may be others

    def _after_layout(self) -> None:
        # New cards, a new stage: the view keeps showing what was asked for.
        QTimer.singleShot(0, self.reapply)

    def _on_zoom(self, zoom: float) -> None:
        # The dots read from the back of the room however far out the map is zoomed.
        self.overlay.set_zoom(zoom, BADGE_SCALE * max(360, self.height()) / 1080)

    # ----- the bar and the timer --------------------------------------------------------------
    def update_bar(self) -> None:
        name, status, index = round_status(self.document, self.session)
        self.title.setText(name)
        self.status.setText(status)
        self.chip.set_round(index)
        self.legend.set_rounds([(i, r.name) for i, r in
                                enumerate(self.document.map.workshop.rounds)
                                if i != index and (r.revealed or r.state == "closed")])

    def _on_timer(self) -> None:
        if self.timer.state != "ended":
            self.banner.hide()

    def _on_ended(self) -> None:
        self._sizes()
        self.banner.show()
        self.banner.raise_()

    def _sizes(self) -> None:
        height = max(360, self.height())
        bar_h = int(height * BAR_SHARE)
        self.bar.setFixedHeight(bar_h)
        self.chip.setFixedSize(int(bar_h * 0.62), int(bar_h * 0.62))
        self.face.setFixedWidth(int(bar_h * 3.2))
        self.legend.setFixedSize(int(bar_h * 4.2), int(bar_h * 0.8))
        title = QFont(role_font(FontRole.MAP_TITLE))
        title.setPixelSize(max(12, int(bar_h * 0.36)))
        self.title.setFont(title)
        status = QFont(role_font(FontRole.CARD_BODY))
        status.setPixelSize(max(10, int(bar_h * 0.24)))
        self.status.setFont(status)
        area = self.view.rect()
        self.results.setGeometry(area)
        banner = QFont(role_font(FontRole.MAP_TITLE))
        banner.setPixelSize(max(16, int(height * 0.12)))
        self.banner.setFont(banner)
        w, h = int(area.width() * 0.6), int(height * 0.22)
        self.banner.setGeometry((area.width() - w) // 2, (area.height() - h) // 2, w, h)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._sizes()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self._sizes)
        return False

    def closeEvent(self, event: QCloseEvent) -> None:
        self.overlay.detach()
        super().closeEvent(event)
        self.closed.emit()
