"""Before the first window on Linux: are the system libraries Qt's X11 ("xcb") platform plugin
needs there? Without one, Qt prints a line about a plugin that "could not be loaded even though
it was found", suggests reinstalling, and aborts with a core dump; most of these libraries it
does not even name. Asked first, the app names the missing package and the command that
installs it, and exits cleanly. No Qt is imported here.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

# What the xcb plugin of Qt 6 loads (ldd of libqxcb.so, libQt6XcbQpa.so) beyond a minimal X
# system, with the Debian / Ubuntu package that provides each.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def uses_xcb(environ: Mapping[str, str] = os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt will draw windows through X11: on Linux, asked for by QT_QPA_PLATFORM, or
    left to Qt outside a Wayland session."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "").split(":")[0].split(";")[0].strip()
    if chosen:
        return chosen == "xcb"
    return environ.get("XDG_SESSION_TYPE", "") != "wayland" or not environ.get(
        "WAYLAND_DISPLAY")


def _loads(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def missing_xcb_packages(loads: Callable[[str], bool] = _loads) -> list[tuple[str, str]]:
    """(library, package) of each library the xcb plugin needs that cannot be loaded."""
    return [(soname, package) for soname, package in XCB_LIBRARIES.items()
            if not loads(soname)]


def missing_message(missing: list[tuple[str, str]]) -> str:
    libraries = ", ".join(soname for soname, _ in missing)
    packages = " ".join(package for _, package in missing)
    return (f"journeymap: cannot open a window: Qt needs the system "
            f"librar{'y' if len(missing) == 1 else 'ies'} {libraries} to draw windows on "
            f"X11, and {'it is' if len(missing) == 1 else 'they are'} not installed.\n"
            f"On Debian or Ubuntu: sudo apt install {packages}\n"
            f"(Elsewhere, install the packages that provide them. The command-line tools, "
            f"such as `journeymap export`, work without them.)")
