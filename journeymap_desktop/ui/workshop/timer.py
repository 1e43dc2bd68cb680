"""The facilitator's timer: set, start, pause, add or take off a minute, reset; only the laptop
drives it, the projector shows it. Each action goes into the map's timer log (what was done,
when, the seconds left, the round it timed), outside the undo history: undoing a vote never
takes the clock back. When it runs out it says so (`ended`), once.

The clock is injectable (`clock=`), so tests move time on without waiting.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import QObject, QTimer, Signal

from journeymap_desktop.canvas.workshop import WorkshopSession
from journeymap_desktop.document import JourneyDocument
from journeymap_desktop.model.fields import utc_now
from journeymap_desktop.model.workshop import MAX_TIMER_SECONDS, TimerAction, TimerEvent

TimerState = Literal["idle", "running", "paused", "ended"]
DEFAULT_SECONDS = 5 * 60
WARNING_SECONDS = 10  # the last seconds are shown in another colour
_TICK_MS = 100


class WorkshopTimer(QObject):
    changed = Signal()  # the state, or the whole seconds left
    ended = Signal()  # it ran out (once per run)

    def __init__(self, document: JourneyDocument, session: WorkshopSession,
                 clock: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.session = session
        self.clock = clock
        self.duration = DEFAULT_SECONDS
        self.state: TimerState = "idle"
        self._left = float(DEFAULT_SECONDS)  # seconds left when not running
        self._deadline = 0.0  # clock time it runs out, when running
        self._shown = self.seconds_left()
        self._ticker = QTimer(self)
        self._ticker.setInterval(_TICK_MS)
        self._ticker.timeout.connect(self.tick)

    # ----- reading ---------------------------------------------------------------------------
    def left(self) -> float:
        if self.state == "running":
            return max(0.0, self._deadline - self.clock())
        return self._left

    def seconds_left(self) -> int:
        """Whole seconds as shown: 4:59.2 shows as 5:00 until a whole second has gone."""
        return math.ceil(self.left() - 1e-9)

    @property
    def running(self) -> bool:
        return self.state == "running"

    def in_last_seconds(self) -> bool:
        return self.state in ("running", "paused") and 0 < self.seconds_left() <= \
            WARNING_SECONDS

    # ----- actions ---------------------------------------------------------------------------
    def set(self, seconds: int) -> None:
        """Set the time (the timer stops at it)."""
        seconds = max(1, min(MAX_TIMER_SECONDS, int(seconds)))
        self._ticker.stop()
        self.duration = seconds
        self._left = float(seconds)
        self.state = "idle"
        self._log("set")
        self._changed()

    def start(self) -> None:
        """Start (or go on after a pause); after it ran out, start the set time again."""
        if self.state == "running":
            return
        action: TimerAction = "resume" if self.state == "paused" else "start"
        if self.state == "ended" or self._left <= 0:
            self._left = float(self.duration)
            action = "start"
        self._deadline = self.clock() + self._left
        self.state = "running"
        self._ticker.start()
        self._log(action)
        self._changed()

    def pause(self) -> None:
        if self.state != "running":
            return
        self._left = self.left()
        self._ticker.stop()
        self.state = "paused"
        self._log("pause")
        self._changed()

    def toggle(self) -> None:
        if self.state == "running":
            self.pause()
        else:
            self.start()

    def add(self, seconds: int) -> None:
        """Add (or, negative, take off) time; taking off more than is left ends it now."""
        if seconds == 0:
            return
        if self.state == "ended":
            if seconds < 0:
                return
            self._left = 0.0
            self.state = "paused"
        left = min(float(MAX_TIMER_SECONDS), self.left() + seconds)
        if left <= 0:
            self._left = 0.0
            self._log("subtract")
            self._finish()
            return
        if self.state == "running":
            self._deadline = self.clock() + left
        else:
            self._left = left
        if self.state == "idle":
            self.duration = max(1, round(left))
        self._log("add" if seconds > 0 else "subtract")
        self._changed()

    def reset(self) -> None:
        """Back to the set time, stopped."""
        self._ticker.stop()
        self._left = float(self.duration)
        self.state = "idle"
        self._log("reset")
        self._changed()

    def tick(self) -> None:
        """Check the clock (every tenth of a second while running)."""
        if self.state != "running":
            return
        if self.left() <= 0:
            self._finish()
        elif self.seconds_left() != self._shown:
            self._changed()

    def _finish(self) -> None:
        self._ticker.stop()
        self._left = 0.0
        self.state = "ended"
        self._log("end")
        self._changed()
        self.ended.emit()

    def _changed(self) -> None:
        self._shown = self.seconds_left()
        self.changed.emit()

    def _log(self, action: TimerAction) -> None:
        self.document.log_timer(TimerEvent(at=utc_now(), action=action,
                                           seconds=max(0, self.seconds_left()),
                                           round_id=self.session.round_id))


def clock_text(seconds: int) -> str:
    """"4:05", "0:09", "1:02:00" for an hour or more."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
