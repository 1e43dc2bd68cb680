"""The PySide6 6.12.0 + CPython 3.11 trap: void Qt calls corrupt None's refcount.

About 30,000 calls such as `item.setPos(...)` abort the interpreter with
`Fatal Python error: none_dealloc`. A canvas of a few hundred cards makes that many calls in
minutes of dragging, so the app would die mid-edit. The script runs in a subprocess so that an
abort fails this test instead of killing pytest.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parent.parent
CALLS = 50_000

SCRIPT = f"""
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene

app = QApplication([])
scene = QGraphicsScene()
scene.setSceneRect(QRectF(0, 0, 1000, 1000))
item = QGraphicsRectItem(0, 0, 40, 20)
scene.addItem(item)
for i in range({CALLS}):
    item.setPos(i % 500, (i * 7) % 500)
for i in range(2_000):
    item.setPos(QPointF(i % 10, 0))
    item.setZValue(i % 3)
    item.setRotation(i % 360)
    item.setOpacity(0.5 + (i % 2) / 2)
    item.setVisible(i % 2 == 0)
    item.update()
    scene.update()
assert item.pos().x() >= 0
print("done")
"""


def test_many_void_qt_calls_do_not_abort_the_interpreter() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                            env=env, timeout=300, check=False)
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert "done" in result.stdout
    assert "Fatal Python error" not in result.stderr


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def test_the_installed_pyside6_is_not_the_broken_one_on_python_3_11() -> None:
    installed = _version_tuple(PySide6.__version__)
    if sys.version_info < (3, 12):
        assert installed[:3] != (6, 12, 0), (
            f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} aborts after "
            "~30,000 void Qt calls; install PySide6-Essentials < 6.12 here"
        )
    assert installed >= (6, 8)


def test_the_dependency_pin_keeps_pyside6_612_off_python_3_11() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pyside = [dep for dep in project["dependencies"] if dep.lower().startswith("pyside6")]
    for_311 = [dep for dep in pyside if "python_version < '3.12'" in dep]
    assert for_311, f"no PySide6 requirement for Python < 3.12 in {pyside}"
    assert all("<6.12" in dep.replace(" ", "") for dep in for_311), for_311
