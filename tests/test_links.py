"""Files linked as evidence are opened only inside the map's folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from journeymap_desktop.storage.links import LinkError, linked_file


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    maps = tmp_path / "maps"
    (maps / "research").mkdir(parents=True)
    (maps / "research" / "notes.txt").write_text("notes", encoding="utf-8")
    (maps / "map.journeymap").write_text("{}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    return maps


def test_a_file_beside_the_map_opens(folder: Path) -> None:
    found = linked_file(folder / "map.journeymap", "research/notes.txt")
    assert found.read_text(encoding="utf-8") == "notes"


@pytest.mark.parametrize(("link", "reason"), [
    ("../secret.txt", "stay inside"), ("/etc/passwd", "relative"),
    ("research/missing.txt", "no such file"), ("research", "not a regular file"),
    ("C:/Windows/win.ini", "drive letter"),
])
def test_links_outside_or_missing_are_refused(folder: Path, link: str, reason: str) -> None:
    with pytest.raises(LinkError, match=reason):
        linked_file(folder / "map.journeymap", link)


def test_a_symbolic_link_out_of_the_folder_is_refused(folder: Path) -> None:
    os.symlink(folder.parent / "secret.txt", folder / "research" / "innocent.txt")
    os.symlink(folder.parent, folder / "up")
    for link in ("research/innocent.txt", "up/secret.txt"):
        with pytest.raises(LinkError, match="outside the map's folder"):
            linked_file(folder / "map.journeymap", link)


def test_a_map_opened_through_a_symbolic_link_uses_its_real_folder(folder: Path,
                                                                  tmp_path: Path) -> None:
    elsewhere = tmp_path / "desktop"
    elsewhere.mkdir()
    os.symlink(folder / "map.journeymap", elsewhere / "map.journeymap")
    found = linked_file(elsewhere / "map.journeymap", "research/notes.txt")
    assert found == (folder / "research" / "notes.txt").resolve()


def test_documents_open_but_programs_and_scripts_never(folder: Path) -> None:
    from journeymap_desktop.storage.links import linked_document

    found = linked_document(folder / "map.journeymap", "research/notes.txt")
    assert found.name == "notes.txt"
    for name in ("run.exe", "setup.BAT", "start.desktop", "open.lnk", "tool.sh", "x.ps1"):
        (folder / name).write_text("code", encoding="utf-8")
        with pytest.raises(LinkError, match="program or script"):
            linked_document(folder / "map.journeymap", name)
    if os.name == "posix":
        (folder / "research" / "tool").write_text("#!/bin/sh\n", encoding="utf-8")
        os.chmod(folder / "research" / "tool", 0o755)
        with pytest.raises(LinkError, match="program or script"):
            linked_document(folder / "map.journeymap", "research/tool")
