"""The architecture, as tests: which layer may import which, and where Qt may appear.

          ui/ ──▶ canvas/ ──▶ commands.py ──▶ document.py ──▶ storage/ ──▶ model/
                     │                                                      ▲
                     ├──────────▶ painter/ ──▶ layout/ ─────────────────────┘
          export/ ──▶ layout/, model/, ... (painter/ only to draw a PNG; never canvas/ or ui/)
          storage/importers/: pure Python parsers of other tools' files (Mermaid, CSV, XLSX,
          survey exports) into neutral dataclasses; they import nothing of the app, not even
          the model, and only the standard library.

Arrows point one way only: docs/ARCHITECTURE.md describes the layers, the one display list and
where each behaviour lives, and the tests below keep the code and that document in step.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import journeymap_desktop

PACKAGE = "journeymap_desktop"
PACKAGE_DIR = Path(journeymap_desktop.__file__).resolve().parent

# What each layer may import from the package, besides itself and the package root
# (`journeymap_desktop/__init__.py`: the version and the app's name). `None`: anything not
# listed in FORBIDDEN.
ALLOWED: dict[str, set[str] | None] = {
    "safe_text": set(),  # escaping and shortening text for messages: used by every layer
    # Asked by `journeymap` before the first window: are Qt's X11 libraries there?
    "system_libraries": set(),
    "model": set(),
    "layout": {"model", "resources"},
    "storage": {"model", "storage.importers", "safe_text"},
    "storage.importers": set(),
    "document": {"model", "storage", "safe_text"},
    "commands": {"model", "document", "safe_text"},
    "painter": {"layout", "model"},
    # The file format registry names readers and writers as "module:function" strings and
    # imports them when a file is read or written; it imports only the model's type.
    "formats": {"model"},
    # Maps in and out: the mapping between the importers' neutral dataclasses and the model,
    # and the readers and writers the registry names.
    "interchange": {"model", "storage", "storage.importers", "safe_text", "formats"},
}
# What a layer must never import, even where ALLOWED leaves it free.
FORBIDDEN: dict[str, set[str]] = {
    "model": {"canvas", "ui"},
    "layout": {"canvas", "ui"},
    "storage": {"canvas", "ui"},
    "storage.importers": {"canvas", "ui"},
    "export": {"canvas", "ui"},
    "document": {"canvas", "ui"},
    "commands": {"canvas", "ui"},
    "canvas": {"ui"},
    "painter": {"canvas", "ui", "export", "storage", "document", "commands"},
    "formats": {"canvas", "ui"},
    "interchange": {"canvas", "ui", "document", "commands", "export"},
}

# Folders that are layers of their own inside a layer (`storage/importers` -> "storage.importers").
# Wherever a rule allows the parent layer, the sub-layer is allowed too.
SUBLAYERS = ("storage.importers",)

# Importing these must not load Qt widgets; the `no Qt at all` ones must not load PySide6.
NO_QT_AT_ALL = ("safe_text", "system_libraries", "model", "layout", "storage", "export",
                "formats", "interchange")
NO_QT_WIDGETS = (*NO_QT_AT_ALL, "document", "commands", "painter")
ARCHITECTURE = PACKAGE_DIR.parent / "docs" / "ARCHITECTURE.md"


def _layer_of_module(path: Path) -> str:
    """`journeymap_desktop/model/map.py` -> `model`; `journeymap_desktop/cli.py` -> `cli`."""
    relative = path.relative_to(PACKAGE_DIR)
    if len(relative.parts) == 1:
        return "" if relative.stem == "__init__" else relative.stem
    for sublayer in SUBLAYERS:
        if tuple(relative.parts[:-1])[: len(sublayer.split("."))] == tuple(sublayer.split(".")):
            return sublayer
    return relative.parts[0]


def _layer_of_name(dotted: str) -> str | None:
    """The layer an absolute module name belongs to; '' for the root; None if not ours."""
    parts = dotted.split(".")
    if parts[0] != PACKAGE:
        return None
    for sublayer in SUBLAYERS:
        depth = len(sublayer.split("."))
        if tuple(parts[1 : 1 + depth]) == tuple(sublayer.split(".")):
            return sublayer
    return parts[1] if len(parts) > 1 else ""


def _module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE_DIR.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_submodule(name: str) -> bool:
    parts = name.split(".")[1:]
    candidate = PACKAGE_DIR.joinpath(*parts)
    return candidate.is_dir() or candidate.with_suffix(".py").is_file()


def imported_layers(path: Path) -> set[tuple[str, int]]:
    """(layer, line) for every import of our package in a module, incl. function-level and
    TYPE_CHECKING imports (a type-only import is still a dependency of the design)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    this = _module_name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    found: set[tuple[str, int]] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts)
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names = [module]
            # `from journeymap_desktop import storage` imports the storage layer.
            names += [f"{module}.{alias.name}" for alias in node.names
                      if _is_submodule(f"{module}.{alias.name}")]
        for name in names:
            layer = _layer_of_name(name)
            if layer is not None:
                found.add((layer, node.lineno))
    return found


def _python_files() -> list[Path]:
    return sorted(PACKAGE_DIR.rglob("*.py"))


def _violations() -> list[str]:
    problems = []
    for path in _python_files():
        layer = _layer_of_module(path)
        allowed = ALLOWED.get(layer)
        forbidden = FORBIDDEN.get(layer, set())
        for target, line in sorted(imported_layers(path)):
            if target in ("", layer):
                continue
            where = f"{path.relative_to(PACKAGE_DIR.parent)}:{line}"
            parent = target.split(".")[0]
            if target in forbidden or parent in forbidden:
                problems.append(f"{where}: {layer} must never import {target}")
            elif allowed is not None and target not in allowed and \
                    not (target in SUBLAYERS and parent in allowed):
                problems.append(f"{where}: {layer} may import only "
                                f"{sorted(allowed) or 'itself'}, not {target}")
    return problems


def test_dependencies_point_one_way() -> None:
    assert _violations() == []


def test_the_rules_cover_the_layers_that_exist() -> None:
    layers = {_layer_of_module(path) for path in _python_files()}
    assert set(ALLOWED) <= layers
    assert {"model", "layout", "storage", "document", "commands", "cli", "painter"} <= layers


def _document_name(layer: str) -> str:
    """How docs/ARCHITECTURE.md names a layer: `storage/importers/`, `layout/`, `cli.py`."""
    path = layer.replace(".", "/")
    return f"{path}/" if (PACKAGE_DIR / path).is_dir() else f"{path}.py"


def test_the_architecture_document_names_every_layer_and_its_rules() -> None:
    """The design the code follows is committed beside it, and names what exists."""
    if not ARCHITECTURE.is_file():
        pytest.skip("docs/ are not installed with the package")
    text = ARCHITECTURE.read_text(encoding="utf-8")
    layers = {_layer_of_module(path) for path in _python_files()} - {""}
    for layer in sorted(layers):
        name = _document_name(layer)
        assert f"`{name}" in text or name in text, f"{name} is not in docs/ARCHITECTURE.md"
    table = {line.split("|")[1].strip().strip("`"): line.split("|")[2]
             for line in text.splitlines()
             if line.startswith("| `") and line.count("|") >= 4}
    for layer, allowed in ALLOWED.items():
        name = _document_name(layer)
        assert name in table, f"{name} has no row in the layer table"
        named = set(re.findall(r"`([\w.]+)`", table[name]))
        # The document names layout's use of `resources.py` (font files) in a sentence.
        assert named == allowed - {"resources"}, f"{name}: the document says {named}, " \
                                                 f"the test {allowed}"


def test_layout_and_the_pure_layers_do_not_load_reportlab_either() -> None:
    script = ("import importlib, sys\n"
              f"for name in {_real_modules('layout') + _real_modules('model')!r}:\n"
              "    importlib.import_module(name)\n"
              "print(any(m.split('.')[0] == 'reportlab' for m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


# The checker itself must catch what it is meant to catch.
@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("model/bad.py", "from journeymap_desktop.storage import codec\n", "storage"),
        ("model/bad.py", "from ..document import JourneyDocument\n", "document"),
        ("model/bad.py", "from journeymap_desktop import layout\n", "layout"),
        ("layout/bad.py", "import journeymap_desktop.canvas.scene\n", "canvas"),
        ("storage/bad.py", "def f():\n    from journeymap_desktop.document import x\n",
         "document"),
        ("canvas/bad.py", "from journeymap_desktop.ui.window import W\n", "ui"),
        ("document.py", "from .commands import AddCards\n", "commands"),
        ("commands.py", "from journeymap_desktop.storage import save_map\n", "storage"),
        ("storage/importers/bad.py", "from journeymap_desktop.model.map import JourneyMap\n",
         "model"),
        ("storage/importers/bad.py", "from ..errors import LoadError\n", "storage"),
        ("model/bad.py", "from journeymap_desktop.storage.importers import csv_reader\n",
         "storage.importers"),
    ],
)
def test_the_import_checker_sees_violations(module: str, source: str, expected: str,
                                            tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    fake_package = tmp_path / PACKAGE
    for sub in ("model", "layout", "storage", "storage/importers", "canvas", "ui", "document.py",
                "commands.py"):
        target = fake_package / sub
        if sub.endswith(".py"):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("")
        else:
            target.mkdir(parents=True, exist_ok=True)
            (target / "__init__.py").write_text("")
    (fake_package / "__init__.py").write_text("")
    path = fake_package / module
    path.write_text(source)
    monkeypatch.setattr(sys.modules[__name__], "PACKAGE_DIR", fake_package)
    monkeypatch.setattr(sys.modules[__name__], "_python_files", lambda: [path])
    violations = _violations()
    assert len(violations) == 1
    assert violations[0].endswith(expected)


def test_importers_use_only_the_standard_library() -> None:
    # The parsers of other tools' files are pure Python: no pydantic, no Qt, no third-party
    # packages, so a later model or UI can wrap them without dragging anything along.
    folder = PACKAGE_DIR / "storage" / "importers"
    found = []
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top != PACKAGE and top not in sys.stdlib_module_names:
                    found.append(f"{path.name}:{node.lineno} imports {name}")
    assert found == []
    assert len(list(folder.glob("*.py"))) >= 5  # the check above looked at real modules


# ----- Qt stays where it belongs, checked by really importing ------------------------------
def _real_modules(layer: str) -> list[str]:
    folder = PACKAGE_DIR / layer
    if folder.is_dir():
        return sorted(_module_name(p) for p in folder.rglob("*.py"))
    # The model first: see test_document_can_be_the_first_import for why it matters today.
    return [f"{PACKAGE}.model.map", f"{PACKAGE}.{layer}"]


def _qt_modules_after_importing(modules: list[str]) -> list[str]:
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.parametrize("layer", NO_QT_WIDGETS)
def test_pure_layers_and_the_document_do_not_load_qt_widgets(layer: str) -> None:
    modules = _real_modules(layer)
    if layer == "export" and len(modules) < 2:
        pytest.skip("export has no modules yet")
    loaded = _qt_modules_after_importing(modules)
    assert "PySide6.QtWidgets" not in loaded
    if layer in NO_QT_AT_ALL:
        assert loaded == [], f"{layer} must run without Qt, but loaded {loaded}"


def test_document_and_commands_do_use_qt_core_and_gui() -> None:
    # The check above is meaningful only if Qt shows up in sys.modules when it is imported.
    loaded = _qt_modules_after_importing([f"{PACKAGE}.commands"])
    assert {"PySide6.QtCore", "PySide6.QtGui"} <= set(loaded)


def test_document_can_be_the_first_import() -> None:
    result = subprocess.run(
        [sys.executable, "-c", f"import {PACKAGE}.document"],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr.strip().splitlines()[-1]
