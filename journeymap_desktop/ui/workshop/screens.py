"""Which screen the projector window goes to: the laptop keeps the controls on its own screen,
the room sees the map on another. Pure (tested with made-up screen lists); `screen_infos`
reads Qt's."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QGuiApplication, QScreen


@dataclass(frozen=True)
class ScreenInfo:
    name: str
    x: int
    y: int
    width: int
    height: int

    @property
    def label(self) -> str:
        return f"{self.name} ({self.width} × {self.height})"

    def contains(self, x: int, y: int) -> bool:
        return self.x <= x < self.x + self.width and self.y <= y < self.y + self.height


def projector_screen(screens: list[ScreenInfo], laptop: ScreenInfo | None) -> ScreenInfo | None:
    """The screen for the projector: the largest one that is not the laptop's (ties: the one
    listed first). None with one screen (or only mirrored copies of the laptop's)."""
    if laptop is None:
        if not screens:
            return None
        laptop = screens[0]
    # A screen at the laptop's own place is the laptop's, or a mirror of it.
    others = [s for s in screens if (s.x, s.y) != (laptop.x, laptop.y)]
    if not others:
        return None
    best = others[0]
    for screen in others[1:]:
        if screen.width * screen.height > best.width * best.height:
            best = screen
    return best


def screen_infos() -> list[ScreenInfo]:
    return [info_of(screen) for screen in QGuiApplication.screens()]


def info_of(screen: QScreen) -> ScreenInfo:
    box = screen.geometry()
    return ScreenInfo(screen.name() or "Screen", box.x(), box.y(), box.width(), box.height())


def qt_screen(info: ScreenInfo) -> QScreen | None:
    for screen in QGuiApplication.screens():
        if info_of(screen) == info:
            return screen
    return None
