"""One window's workshop: the session (round, participant, capture cell), the timer, the
badges on the laptop's map, the facilitator's panel and the projector window, and the round
actions the panel's buttons trigger (each one undo step).

    two screens   the laptop window keeps its map and the panel; a projector window, full
                  screen on the other screen, shows the room's view (private cards left out)
    one screen    the laptop window goes full screen and its own map becomes the room's view
                  (private cards left out there too); the panel stays beside it

The facilitator can move the projector to another screen, or switch it off, from the panel.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication

from journeymap_desktop import commands
from journeymap_desktop.canvas.workshop import WorkshopSession
from journeymap_desktop.canvas.workshop_overlay import WorkshopOverlay
from journeymap_desktop.layout.typeface import FontMeasurer
from journeymap_desktop.model.fields import utc_now
from journeymap_desktop.model.ids import new_id
from journeymap_desktop.model.workshop import Participant
from journeymap_desktop.ui.workshop import navigation
from journeymap_desktop.ui.workshop.capture import CaptureBar
from journeymap_desktop.ui.workshop.projector import ProjectorWindow
from journeymap_desktop.ui.workshop.screens import (
    ScreenInfo,
    info_of,
    projector_screen,
    screen_infos,
)
from journeymap_desktop.ui.workshop.timer import WorkshopTimer

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow
    from journeymap_desktop.ui.workshop.panel import WorkshopPanel

LAPTOP_BADGE_SCALE = 0.9  # badges never under 18 px on the laptop
ROOM_BADGE_SCALE = 1.4  # nor under 28 px on a 1080-pixel-high projector


class WorkshopController(QObject):
    shown_changed = Signal()  # whole map / a stage / results on the projector
    message = Signal(str)  # a line for the facilitator (why a vote was refused, time's up)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document = window.document
        self.session = WorkshopSession(window.document, self)
        self.timer = WorkshopTimer(window.document, self.session, parent=self)
        self.overlay = WorkshopOverlay(window.scene, self.session, "facilitator")
        self.projector: ProjectorWindow | None = None
        self.target: ScreenInfo | None = None  # the projector's screen; None: this screen only
        self.active = False
        self.was_full_screen = False
        self.was_maximized = False
        self.sound = True
        self.close_on_time = False
        self.stage_id: str | None = None  # None: the whole map
        self.results_round_id: str | None = None
        self._measurer: FontMeasurer | None = None
        self.timer.ended.connect(self._time_is_up)
        application = QGuiApplication.instance()
        if isinstance(application, QGuiApplication):
            application.screenAdded.connect(self._screens_changed)
            application.screenRemoved.connect(self._screen_removed)
        self.session.refused.connect(self.message)
        self.session.captured.connect(self._on_captured)
        self.session.typed.connect(self._start_note)
        from journeymap_desktop.ui.workshop.panel import WorkshopPanel

        self.panel: WorkshopPanel = WorkshopPanel(self)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.panel)
        self.panel.hide()
        self.capture = CaptureBar(window.document, self.session, window)
        self.capture.line.leave_requested.connect(self._leave)
        self.capture.message.connect(self.message)
        window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self.capture)
        self.capture.hide()

    @property
    def measurer(self) -> FontMeasurer:
        if self._measurer is None:
            engine_measurer = self.window.scene.engine.measurer
            self._measurer = (engine_measurer if isinstance(engine_measurer, FontMeasurer)
                              else FontMeasurer())
        return self._measurer

    # ----- on and off ----------------------------------------------------------------------
    def start(self) -> None:
        """Workshop mode begins: the panel, the badges, the projector (or this screen)."""
        self.active = True
        self.was_full_screen = self.window.isFullScreen()
        self.was_maximized = self.window.isMaximized()
        self.window.view.workshop = self.session
        self.overlay.attach()
        self.window.view.zoom_changed.connect(self._on_zoom)
        self._on_zoom(self.window.view.zoom)
        self.panel.show()
        self.panel.raise_()
        self.capture.show()
        if self.target is None or self.target not in screen_infos():
            # The screen chosen last time, while it is there; else another than the laptop's.
            self.target = self.default_target()
        self._use_target()
        self.capture.line.setFocus(Qt.FocusReason.OtherFocusReason)

    def stop(self) -> None:
        self.active = False
        self.window.view.zoom_changed.disconnect(self._on_zoom)
        self.overlay.detach()
        self.panel.hide()
        self.capture.hide()
        self._close_projector()
        self.window.scene.set_hide_private(False)
        self.window.view.workshop = None

    def default_target(self) -> ScreenInfo | None:
        """The projector's screen: another screen than the laptop window's, if any."""
        screen = self.window.screen()
        laptop = info_of(screen) if screen is not None else None
        return projector_screen(screen_infos(), laptop)

    def set_target(self, target: ScreenInfo | None) -> None:
        """Move the projector to another screen, or (None) show the room's view here."""
        self.target = target
        if self.active:
            self._use_target()

    @property
    def one_screen(self) -> bool:
        return self.target is None

    def _use_target(self) -> None:
        window = self.window
        if self.target is None:
            self._close_projector()
            window.scene.set_hide_private(True)
            window.showFullScreen()
        else:
            window.scene.set_hide_private(False)
            if window.isFullScreen() and not self.was_full_screen:
                if self.was_maximized:
                    window.showMaximized()
                else:
                    window.showNormal()
            if self.projector is None:
                self.projector = ProjectorWindow(self.document, self.session, self.timer,
                                                 self.measurer)
                self.projector.closed.connect(self._projector_closed)
            self.projector.place_on(self.target)
            window.activateWindow()
        self.panel.update_projector()
        self._on_zoom(window.view.zoom)
        QTimer.singleShot(150, self._show_where)

    def _close_projector(self) -> None:
        if self.projector is not None:
            projector, self.projector = self.projector, None
            projector.closed.disconnect(self._projector_closed)
            projector.close()
            projector.deleteLater()

    def _screens_changed(self, _screen: QScreen) -> None:
        if self.active:
            self.panel.update_projector()

    def _screen_removed(self, screen: QScreen) -> None:
        """The projector's screen was unplugged: its window would land on the laptop's."""
        if self.target is not None and info_of(screen) == self.target:
            self._close_projector()
            self.target = None
            self.message.emit("The projector's screen went away: choose a screen to show "
                              "the map again.")
        self._screens_changed(screen)

    def _projector_closed(self) -> None:
        """The projector window was closed from outside (its screen unplugged, a window
        manager's close): let it go; the panel offers the screens again."""
        projector, self.projector = self.projector, None
        if projector is not None:
            projector.deleteLater()
        self.target = None
        self.panel.update_projector()
        self.message.emit("The projector window was closed: choose a screen to show it again.")

    # ----- what the room sees ------------------------------------------------------------------
    def show_whole(self) -> None:
        self.stage_id = None
        self._show_where()
        self.shown_changed.emit()

    def show_stage(self, step: int) -> None:
        """The next (1) or previous (-1) stage; from the whole map, the first or last."""
        stages = [s.id for s in self.document.map.stages]
        if not stages:
            return
        if self.stage_id in stages:
            index = max(0, min(len(stages) - 1, stages.index(self.stage_id) + step))
        else:
            index = 0 if step > 0 else len(stages) - 1
        self.stage_id = stages[index]
        self._show_where()
        self.shown_changed.emit()

    def _show_where(self) -> None:
        if not self.active:
            return
        if self.stage_id is not None and self.stage_id not in {
                s.id for s in self.document.map.stages}:
            self.stage_id = None
        if self.projector is not None:
            if self.stage_id is None:
                self.projector.show_whole()
            else:
                self.projector.show_stage(self.stage_id)
        elif self.target is None:
            view = self.window.view
            if self.stage_id is None:
                navigation.show_whole(view)
            else:
                navigation.show_stage(view, self.stage_id, navigation.focus_lanes(
                    self.document.map, self.session.voting_round))

    def show_results(self, round_id: str | None) -> None:
        """A round's ranked results on the projector (or the laptop's one screen); None hides
        them."""
        self.results_round_id = round_id
        if self.projector is not None:
            self.projector.show_results(round_id)
        self.panel.show_results_here(round_id if self.projector is None else None)
        self.shown_changed.emit()

    def _on_zoom(self, zoom: float) -> None:
        # On one shared screen the badges are the room's: as large as on a projector.
        self.overlay.set_zoom(zoom, ROOM_BADGE_SCALE * self.window.height() / 1080
                              if self.one_screen else LAPTOP_BADGE_SCALE)

    def _start_note(self, text: str) -> None:
        line = self.capture.line
        line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        line.insert(text)

    def _leave(self) -> None:
        self.window.modes.switch_to("edit")

    def _on_captured(self, card_ids: list[str]) -> None:
        if card_ids and self.projector is None:
            navigation.follow_card(self.window.view, card_ids[-1])

    # ----- round actions (each one undo step) ---------------------------------------------------
    def new_round(self) -> None:
        from journeymap_desktop.ui.workshop.round_dialog import RoundDialog

        window = self.window
        dialog = RoundDialog(self.document.map, window.scene.selected_card_ids(), window)
        if dialog.exec() != RoundDialog.DialogCode.Accepted or dialog.result_round is None:
            return
        voting_round = dialog.result_round
        if dialog.opening:
            voting_round = voting_round.model_copy(update={"state": "open",
                                                           "opened": utc_now()})
        self.document.push(commands.AddRound(self.document, voting_round,
                                             dialog.new_participants))
        self.session.set_round(voting_round.id)

    def open_round(self) -> None:
        voting_round = self.session.voting_round
        if voting_round is None or voting_round.state == "open":
            return
        changes: dict[str, object] = {"state": "open", "closed": None}
        if voting_round.opened is None:
            changes["opened"] = utc_now()
        self._edit(changes, "Open voting")

    def reveal(self) -> None:
        self._edit({"revealed": True}, "Reveal votes")

    def close_round(self, text: str = "Close round") -> None:
        voting_round = self.session.voting_round
        if voting_round is None or voting_round.state == "closed":
            return
        self._edit({"state": "closed", "revealed": True, "closed": utc_now()}, text)
        self.show_results(voting_round.id)

    def delete_round(self) -> None:
        voting_round = self.session.voting_round
        if voting_round is not None:
            if self.results_round_id == voting_round.id:
                self.show_results(None)
            self.document.push(commands.RemoveRound(self.document, voting_round.id))

    def done(self) -> None:
        """The current participant says "I'm done"; the next one who is not comes up."""
        voting_round = self.session.voting_round
        participant = self.session.participant_id
        if voting_round is None or participant is None or participant in voting_round.done_ids:
            return
        self._edit({"done_ids": [*voting_round.done_ids, participant]}, "Done voting")
        self.session.next_participant()

    def not_done(self, participant_id: str) -> None:
        voting_round = self.session.voting_round
        if voting_round is not None and participant_id in voting_round.done_ids:
            self._edit({"done_ids": [p for p in voting_round.done_ids if p != participant_id]},
                       "Not done after all")

    def add_late_joiner(self, name: str) -> None:
        voting_round = self.session.voting_round
        if voting_round is None:
            self.message.emit("Start a voting round first.")
            return
        name = " ".join(name.split())
        workshop = self.document.map.workshop
        known = next((p for p in workshop.participants if name and p.name.casefold()
                      == name.casefold()), None)
        if known is not None and known.id in voting_round.participant_ids:
            self.session.set_participant(known.id)
            return
        if known is not None:
            self.document.push(commands.EditRound(
                self.document, voting_round.id,
                {"participant_ids": [*voting_round.participant_ids, known.id]},
                "Add a participant"))
            self.session.set_participant(known.id)
            return
        participant = Participant(id=new_id("person"), name=name[:200])
        self.document.push(commands.JoinRound(self.document, voting_round.id, participant))
        self.session.set_participant(participant.id)

    def _edit(self, changes: dict[str, object], text: str) -> None:
        voting_round = self.session.voting_round
        if voting_round is None:
            return
        try:
            command = commands.EditRound(self.document, voting_round.id, dict(changes), text)
            self.document.push(command)
        except ValueError as error:
            self.message.emit(str(error))

    # ----- the end of the timer -------------------------------------------------------------
    def _time_is_up(self) -> None:
        if self.sound:
            QApplication.beep()
        voting_round = self.session.voting_round
        if self.close_on_time and voting_round is not None and voting_round.state == "open":
            self.close_round("Close round (time is up)")
        self.message.emit("Time's up.")
