"""CI runs the README's test command exactly as written, with the shipped-app tests turned on."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```bash\n(.*?)```", quick_start, flags=re.DOTALL)
    assert block, "README's quick start has no bash block"
    return [line for line in block.group(1).splitlines()
            if line.strip() and not line.startswith("#")]


def test_readme_quick_start_has_its_two_commands() -> None:
    assert _readme_commands() == [
        "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/journeymap",
        'python3 -m venv .venv && .venv/bin/pip install -e ".[test]" && .venv/bin/python -m pytest',
    ]


def test_ci_runs_the_readme_test_command_verbatim_with_ship_tests() -> None:
    lines = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    test_command = _readme_commands()[1]
    assert test_command in lines
    assert "export JOURNEYMAP_SHIP_TESTS=1" in lines[:lines.index(test_command)]
