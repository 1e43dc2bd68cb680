"""PyInstaller run-time hook, in place of PyInstaller's own for PySide6 (Linux builds).

PyInstaller's hook imports PySide6.QtCore before the app starts, so even `journeymap --version`
would load Qt (about 0.3 s). What it does for a PySide6 wheel on Linux comes down to telling Qt
where its plugins are; PySide6 itself registers its qt.conf when the app first imports it.
"""

import os
import sys

_qt = os.path.join(sys._MEIPASS, "PySide6", "Qt")  # type: ignore[attr-defined]
os.environ["QT_PLUGIN_PATH"] = os.path.join(_qt, "plugins")
