"""The emotion scale is the map's: no part of the package may assume -2..+2 (issue 13).

The one place the numbers -2 and 2 may appear as a scale is the table of presets in
model/emotion.py (`SCALE_PRESETS`); everything else asks `model.scales` for levels, names and
positions. This test reads the package's source and fails on the shapes hard-coding took
before format version 2."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import journeymap_desktop

PACKAGE = Path(journeymap_desktop.__file__).resolve().parent
ALLOWED = {("model/emotion.py", '    "-2..2": (-2, 2),')}

# A number that could be a -2..+2 level: -2, -1, 0, 1, 2 (not 0.2, 12, x2 or 2.5).
_LEVEL = r"(?<![\w.])[-−]?[012](?![\w.])"
PATTERNS = {
    "a constant for the old bounds": r"\bEMOTION_(MIN|MAX)\b",
    "the old five levels as a range": r"range\(\s*-\s*2\s*,\s*3\s*\)",
    "the old five levels listed": r"\(\s*-2\s*,\s*-1\s*,\s*0\s*,\s*1\s*,\s*2\s*\)",
    "a key paired with a fixed level": r"\(\s*[1-5]\s*,\s*-[12]\s*\)",
    "a level as a dictionary key": r"(^|[{,])\s*-2\s*:",
    "a feeling compared with a fixed level": (
        r"\b(emotion|level|feeling|value|mood|tone)\w*\s*(==|!=|<=|>=|<|>)\s*" + _LEVEL
        + r"\s*(?!\.)(\)|$|\s+(and|or|if|else)\b|:)"),
    "a fixed level compared with a feeling": (
        _LEVEL + r"\s*(==|!=|<=|>=|<|>)\s*\w*(emotion|level|feeling)"),
    "abs() of a feeling against 2": r"abs\(\s*\w*(emotion|level)\w*\s*\)\s*==\s*2\b",
    "a level shifted by the old offsets": r"\b(emotion|level)\w*\s*[+-]\s*[23]\b",
    "the old scale's span": r"\(\s*2\s*-\s*\w*(emotion|level)",
    "an emotion typed as the old range": r"ge\s*=\s*-2\b|le\s*=\s*2\b.*emotion",
}


def _source_lines() -> list[tuple[str, int, str]]:
    lines = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("#", 1)[0] if not line.lstrip().startswith(('"', "'")) else line
            if (relative, line) not in ALLOWED:
                lines.append((relative, number, code))
    return lines


@pytest.mark.parametrize("shape", list(PATTERNS))
def test_no_hard_coded_five_point_scale_in_the_package(shape: str) -> None:
    pattern = re.compile(PATTERNS[shape], re.IGNORECASE)
    found = [f"{path}:{number}: {code.strip()}" for path, number, code in _source_lines()
             if pattern.search(code)]
    assert found == [], f"{shape}:\n" + "\n".join(found)


def test_the_presets_are_the_one_place_the_old_scale_is_written() -> None:
    text = (PACKAGE / "model" / "emotion.py").read_text(encoding="utf-8")
    assert sum(line in text for _, line in ALLOWED) == len(ALLOWED)


@pytest.mark.parametrize("sample", [
    "EMOTION_MIN = -2", "for level in range(-2, 3):", "if card.emotion == -2:",
    "below = card.emotion != -2 and (card.emotion == 2 or i % 2 == 0)",
    "half = 0.46 if abs(level) == 2 else 0.42", "key = level + 3",
    "    -2: \"#D7191C\",", "level_y = {level: y + (2 - level) / 4 * usable}",
    "Emotion = Annotated[int, Field(ge=-2, le=2)]",
    "for key, level in ((1, -2), (2, -1), (3, 0), (4, 1), (5, 2)):",
])
def test_the_search_recognises_what_version_1_wrote(sample: str) -> None:
    assert any(re.search(p, sample.split("#", 1)[0], re.IGNORECASE)
               for p in PATTERNS.values()), sample
