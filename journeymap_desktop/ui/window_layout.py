"""Where a window opens, and how its panels share its width.

- The first window fits the screen's available area (never larger, centred on it); the last
  window's place and size come back only if they still fit the screen it opens on (a laptop
  that was on a big monitor yesterday gets a window it can show, not one running off it).
- The palette is a strip of icons, the history panel starts hidden, and the inspector takes a
  share of the window's width (`INSPECTOR_SHARE`) that it keeps as the window is resized, never
  more than `INSPECTOR_MAX_SHARE`: at 1366x768 the map gets about 70 % of the width, at
  1024x700 about two thirds. Ctrl+Shift+I folds the inspector away and back.
- Which panels show and their sizes are saved with the window (QSettings `window/state`,
  versioned by `STATE_VERSION` so a layout from an older app with its wide panels is not
  brought back).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QWidget

from journeymap_desktop.ui.inspector import INSPECTOR_MIN_WIDTH

if TYPE_CHECKING:
    from journeymap_desktop.ui.main_window import MainWindow

PREFERRED_WIDTH, PREFERRED_HEIGHT = 1440, 900
BIG_SCREEN_SHARE = 0.8
# What a window manager's frame adds around a window's geometry: borders and a title bar.
FRAME_SIDE, FRAME_TOP = 8, 32
INSPECTOR_SHARE = 0.26
INSPECTOR_MAX_SHARE = 0.34
INSPECTOR_MAX_WIDTH = 440
STATE_VERSION = 2  # of `saveState`: 2 since the palette became a strip (issue 10)

RECT_KEY = "window/rect"
MAXIMIZED_KEY = "window/maximized"
STATE_KEY = "window/state"
INSPECTOR_SHORTCUT = "Ctrl+Shift+I"


def screen_area() -> QRect:
    """The available area (without panels and docks of the desktop) of the screen under the
    mouse, where a new window is expected."""
    screen = QGuiApplication.screenAt(QCursor.pos()) or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def with_frame(rect: QRect) -> QRect:
    return rect.adjusted(-FRAME_SIDE, -FRAME_TOP, FRAME_SIDE, FRAME_SIDE)


def fits(rect: QRect, area: QRect) -> bool:
    """Whether a window of geometry `rect` shows whole, frame and all, in `area`."""
    return rect.isValid() and area.contains(with_frame(rect))


def first_geometry(area: QRect) -> QRect:
    """A new window's geometry: the preferred size (or four fifths of a big screen), never
    more than the whole area, centred in the area."""
    room_w = area.width() - 2 * FRAME_SIDE
    room_h = area.height() - FRAME_TOP - FRAME_SIDE
    # On a big screen, most of it (four fifths), not a small window in its middle.
    width = min(room_w, max(PREFERRED_WIDTH, round(BIG_SCREEN_SHARE * room_w)))
    height = min(room_h, max(PREFERRED_HEIGHT, round(BIG_SCREEN_SHARE * room_h)))
    x = area.x() + FRAME_SIDE + (room_w - width) // 2
    y = area.y() + FRAME_TOP + (room_h - height) // 2
    return QRect(x, y, width, height)


def inside(rect: QRect, area: QRect) -> QRect:
    """`rect` moved (not resized) so that it lies in `area` where it can."""
    framed = with_frame(rect)
    dx = max(0, area.left() - framed.left()) - max(0, framed.right() - area.right())
    dy = max(0, area.top() - framed.top()) - max(0, framed.bottom() - area.bottom())
    return rect.translated(dx, dy)


def other_screen_areas() -> list[QRect]:
    """The available areas of every screen: a window saved on a second monitor that is
    still there comes back on it."""
    return [screen.availableGeometry() for screen in QGuiApplication.screens()]


def screen_area_of(widget: QWidget) -> QRect:
    """The available area of the screen a window (or its parent) is on."""
    owner = widget.parentWidget() or widget
    return owner.screen().availableGeometry()


def fit_on_screen(widget: QWidget, area: QRect | None = None) -> None:
    """Shrink a window or dialog that would not fit its screen (the matrix window, the
    import wizard on a 1024x700 laptop), and move it back inside if it was placed."""
    if area is None:
        area = screen_area_of(widget)
    room_w = area.width() - 2 * FRAME_SIDE
    room_h = area.height() - FRAME_TOP - FRAME_SIDE
    if widget.width() > room_w or widget.height() > room_h:
        widget.resize(min(widget.width(), room_w), min(widget.height(), room_h))
    if widget.testAttribute(Qt.WidgetAttribute.WA_Moved):
        widget.setGeometry(inside(widget.geometry(), area))


def place_window(window: MainWindow, settings: QSettings, area: QRect,
                 after: MainWindow | None = None, elsewhere: list[QRect] | None = None) -> bool:
    """Give a new window its geometry and panel layout: beside `after`, else where the last
    window was if that fits `area` or one of the areas `elsewhere`, else the first geometry
    in `area`. Returns True when it should open maximized (it was closed so)."""
    saved = settings.value(RECT_KEY)
    if after is not None:
        rect = inside(after.normalGeometry().translated(32, 32), area)
    elif isinstance(saved, QRect) and any(fits(saved, a) for a in [area, *(elsewhere or [])]):
        rect = saved
    else:
        rect = first_geometry(area)
    window.setGeometry(rect)
    state = settings.value(STATE_KEY)
    restored = state is not None and window.restoreState(state, STATE_VERSION)
    if not restored:
        default_panels(window)
    fit_inspector(window, window.width())
    return bool(settings.value(MAXIMIZED_KEY, False, type=bool)) and after is None


def remember_window(window: MainWindow, settings: QSettings) -> None:
    settings.setValue(RECT_KEY, window.normalGeometry())
    settings.setValue(MAXIMIZED_KEY, window.isMaximized())
    settings.setValue(STATE_KEY, window.saveState(STATE_VERSION))


def default_panels(window: MainWindow) -> None:
    """The first layout: palette strip on the left, inspector on the right, history hidden
    under the inspector (View > History shows it)."""
    window.history.hide()
    window.inspector.show()
    window.palette_dock.show()
    width = window.width()
    window.resizeDocks([window.inspector], [inspector_width(width, INSPECTOR_SHARE * width)],
                       Qt.Orientation.Horizontal)


def inspector_width(window_width: int, wanted: float) -> int:
    """The inspector's width for a window: what is wanted, within its bounds."""
    top = max(INSPECTOR_MIN_WIDTH, min(INSPECTOR_MAX_WIDTH, INSPECTOR_MAX_SHARE * window_width))
    return round(max(INSPECTOR_MIN_WIDTH, min(top, wanted)))


def fit_inspector(window: MainWindow, new_width: int, old_width: int = 0) -> None:
    """Keep the inspector's share of the window's width as the window is resized (and never
    more than its largest share)."""
    inspector = window.inspector
    if inspector.isHidden() or inspector.isFloating() or new_width <= 0:
        return
    current = inspector.width()
    wanted = current * new_width / old_width if old_width > 0 else current
    width = inspector_width(new_width, wanted)
    if width != current:
        window.resizeDocks([inspector], [width], Qt.Orientation.Horizontal)
