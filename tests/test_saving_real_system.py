"""Saving against the real system: real processes killed with SIGKILL mid-save, permissions
checked by an ordinary user (not root, who may write anything), a second process holding the
file, names at the file system's length limit (issue 8)."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from journeymap_desktop.storage import (
    SaveError,
    changed_on_disk,
    load_map,
    load_map_with_stamp,
    save_map,
)
from journeymap_desktop.storage.errors import ReadOnlyError
from journeymap_desktop.storage.files import backup_path
from tests.helpers.maps import rich_map

NOBODY = 65534


def _temp_files(folder: Path, name: str) -> list[Path]:
    return sorted(folder.glob(f".{name[:200]}*.tmp"))


def _map_with_cards(count: int) -> object:
    journey = rich_map()
    template = journey.cards[0]
    journey.cards = [template.model_copy(update={"id": f"c-{i}", "order": i,
                                                 "body": "Some text on the card. " * 4})
                     for i in range(count)]
    return journey


# ----- an ordinary user --------------------------------------------------------------------
@pytest.fixture
def user_folder() -> Iterator[Path]:
    """A folder an ordinary user owns (root creates it for `nobody` when the tests run as
    root)."""
    base = Path(tempfile.mkdtemp(prefix="journeymap-user-"))
    base.chmod(0o755)
    folder = base / "home"
    folder.mkdir()
    if os.geteuid() == 0:
        os.chown(folder, NOBODY, NOBODY)
    try:
        yield folder
    finally:
        shutil.rmtree(base, ignore_errors=True)


def run_as_user(folder: Path, body: str) -> subprocess.CompletedProcess[str]:
    """Run `body` (Python) as an ordinary user in `folder`. As root, through setpriv as
    `nobody`; the script first proves it has no root powers left, so a test can never pass
    just because root may write anything."""
    script = folder / "script.py"
    script.write_text(textwrap.dedent('''
        import os, sys
        from pathlib import Path
        assert os.geteuid() != 0, "still root"
        try:
            open("/etc/journeymap-privilege-probe", "w")
        except PermissionError:
            pass
        else:
            os.remove("/etc/journeymap-privilege-probe")
            sys.exit("could write to /etc: privileges were not dropped")
        os.umask(0o022)
        folder = Path(sys.argv[1])
    ''') + textwrap.dedent(body), encoding="utf-8")
    command = [sys.executable, str(script), str(folder)]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root and setpriv (util-linux) is missing: cannot drop to "
                        "an ordinary user, and as root these checks would pass vacuously")
        os.chown(script, NOBODY, NOBODY)
        command = [setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
                   *command]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=120,
                            check=False, env={**os.environ, "HOME": str(folder)})
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def test_a_private_map_stays_private_in_saves_backups_temp_files_and_drafts(
        user_folder: Path) -> None:
    result = run_as_user(user_folder, '''
        import json, stat
        from journeymap_desktop.storage import save_map
        from journeymap_desktop.storage import files
        from journeymap_desktop.storage.recovery import RecoveryStore
        from tests.helpers.maps import rich_map

        def mode(p): return oct(stat.S_IMODE(os.stat(p).st_mode))
        path = folder / "private.journeymap"
        save_map(rich_map(), path)
        os.chmod(path, 0o600)
        seen = []
        def write(handle):
            seen.append(oct(stat.S_IMODE(os.fstat(handle.fileno()).st_mode)))
            handle.write(files.encode_map(rich_map()))
        files.atomic_write(path, write, keep_backup=True)  # the backup as a hard link
        real_link = os.link
        os.link = lambda *a, **k: (_ for _ in ()).throw(OSError("no hard links here"))
        save_map(rich_map(), path)  # the backup as a copy
        os.link = real_link
        store = RecoveryStore(folder / "data" / "recovery")
        draft = store.write("draft-0123456789abcdef", rich_map(), path)
        shared = folder / "shared.journeymap"
        save_map(rich_map(), shared)
        os.chmod(shared, 0o640)
        shared_draft = store.write("draft-fedcba9876543210", rich_map(), shared)
        unsaved_draft = store.write("draft-00000000ffffffff", rich_map(), None)
        print(json.dumps({"map": mode(path), "backup": mode(files.backup_path(path)),
                          "temp while writing": seen[0], "draft": mode(draft),
                          "drafts folder": mode(store.directory),
                          "draft of a 0640 map": mode(shared_draft),
                          "draft of an unsaved map": mode(unsaved_draft),
                          "new map": mode(shared.with_name("new.journeymap"))
                          if save_map(rich_map(), folder / "new.journeymap") else None}))
    ''')
    modes = json.loads(result.stdout)
    assert modes == {"map": "0o600", "backup": "0o600", "temp while writing": "0o600",
                     "draft": "0o600", "drafts folder": "0o700",
                     "draft of a 0640 map": "0o640", "draft of an unsaved map": "0o600",
                     "new map": "0o644"}


def test_a_read_only_map_is_refused_unless_the_user_confirms(user_folder: Path) -> None:
    result = run_as_user(user_folder, '''
        from journeymap_desktop.storage import save_map, load_map
        from journeymap_desktop.storage.errors import ReadOnlyError
        from tests.helpers.maps import rich_map
        path = folder / "read-only.journeymap"
        save_map(rich_map(), path)
        os.chmod(path, 0o444)
        before = path.read_bytes()
        changed = rich_map(); changed.title = "Changed"
        try:
            save_map(changed, path)
        except ReadOnlyError as error:
            print("refused:", error)
        assert path.read_bytes() == before
        save_map(changed, path, overwrite_read_only=True)
        assert load_map(path).title == "Changed"
        print("mode after:", oct(os.stat(path).st_mode & 0o777))
    ''')
    assert "refused: read-only.journeymap is read-only. The file on disk was not changed." \
        in result.stdout
    assert "mode after: 0o444" in result.stdout


def test_a_read_only_folder_is_refused_cleanly(user_folder: Path) -> None:
    result = run_as_user(user_folder, '''
        from journeymap_desktop.storage import save_map, SaveError
        from tests.helpers.maps import rich_map
        locked = folder / "locked"; locked.mkdir()
        path = locked / "map.journeymap"
        save_map(rich_map(), path)
        before = sorted(p.name for p in locked.iterdir())
        os.chmod(locked, 0o555)
        try:
            save_map(rich_map(), path)
        except SaveError as error:
            print("refused:", error)
        os.chmod(locked, 0o755)
        assert sorted(p.name for p in locked.iterdir()) == before
    ''')
    assert "refused: Could not save map.journeymap: permission denied." in result.stdout


def test_root_too_is_refused_a_read_only_map(tmp_path: Path) -> None:
    """Whoever runs it: the permission bits decide, not only os.access (which says yes to
    root)."""
    path = tmp_path / "read-only.journeymap"
    save_map(rich_map(), path)
    path.chmod(0o444)
    with pytest.raises(ReadOnlyError):
        save_map(rich_map(), path)
    path.chmod(0o644)


# ----- kill -9 during saves ----------------------------------------------------------------
_SAVER = '''
import os, sys, time
from pathlib import Path
from journeymap_desktop.storage import load_map, save_map
real_fsync = os.fsync
def slow_disk_fsync(fd):  # a slow disk: the temporary file lives long enough to be killed
    time.sleep(0.05)
    real_fsync(fd)
os.fsync = slow_disk_fsync
path = Path(sys.argv[1])
journey = load_map(path)
number = int(journey.title.split()[-1])
while True:
    number += 1
    journey.title = f"Version {number}"
    print(number, flush=True)
    save_map(journey, path)
'''


def test_killing_a_saving_process_never_damages_the_map_and_leftovers_go(
        tmp_path: Path) -> None:
    path = tmp_path / "map.journeymap"
    journey = _map_with_cards(1500)
    journey.title = "Version 0"  # type: ignore[attr-defined]
    save_map(journey, path)  # type: ignore[arg-type]
    rng = random.Random(8)
    last = 0
    killed_mid_write = 0
    for _ in range(8):
        saver = subprocess.Popen([sys.executable, "-c", _SAVER, str(path)],
                                 stdout=subprocess.PIPE, text=True, cwd=tmp_path)
        assert saver.stdout is not None
        for _ in range(rng.randint(1, 3)):
            last = int(saver.stdout.readline())
        time.sleep(rng.uniform(0, 0.08))
        saver.send_signal(signal.SIGKILL)
        saver.wait()
        saver.stdout.close()
        # The map is always whole: the version before the save being killed, or that one.
        title = load_map(path).title
        assert title in (f"Version {last - 1}", f"Version {last}", f"Version {last + 1}"), title
        if backup_path(path).exists():  # from the first completed save on
            assert load_map(backup_path(path)).title.startswith("Version")
        killed_mid_write += bool(_temp_files(tmp_path, path.name))
    assert killed_mid_write, "no kill landed while a temporary file was being written"
    # The next successful save removes what the killed saves left behind; nothing else.
    (tmp_path / "notes.tmp").write_text("mine", encoding="utf-8")
    save_map(load_map(path), path)
    assert _temp_files(tmp_path, path.name) == []
    assert (tmp_path / "notes.tmp").exists()


# ----- a second process holding the file ---------------------------------------------------
_HOLDER = '''
import fcntl, hashlib, os, sys
path = sys.argv[1]
fd = os.open(path, os.O_RDONLY)
fcntl.flock(fd, fcntl.LOCK_SH)
print("holding", flush=True)
for command in sys.stdin:
    command = command.strip()
    if command == "edit":  # change the file in place, keeping its size and its time
        info = os.stat(path)
        with open(path, "r+b") as handle:
            data = handle.read()
            handle.seek(0)
            handle.write(data.replace(b"Grocery", b"GROCERY", 1))
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        print("edited", flush=True)
    elif command == "read":
        os.lseek(fd, 0, 0)
        chunks = []
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
        print(hashlib.sha256(b"".join(chunks)).hexdigest(), flush=True)
'''


def test_an_edit_keeping_size_and_time_is_seen_and_a_holder_keeps_its_copy(
        tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "map.journeymap"
    save_map(rich_map(), path)
    _, stamp = load_map_with_stamp(path)
    holder = subprocess.Popen([sys.executable, "-c", _HOLDER, str(path)], text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert holder.stdin is not None and holder.stdout is not None
    try:
        assert holder.stdout.readline().strip() == "holding"
        info = path.stat()
        holder.stdin.write("edit\n")
        holder.stdin.flush()
        assert holder.stdout.readline().strip() == "edited"
        assert (path.stat().st_size, path.stat().st_mtime_ns) == (info.st_size,
                                                                  info.st_mtime_ns)
        assert changed_on_disk(path, stamp), "same size and time, other content"
        theirs = hashlib.sha256(path.read_bytes()).hexdigest()

        mine = rich_map()
        mine.title = "Mine"
        save_map(mine, path)  # their lock and open file do not stop an atomic save
        assert load_map(path).title == "Mine"
        holder.stdin.write("read\n")
        holder.stdin.flush()
        # They still read their whole version through their open file, never a mix.
        assert holder.stdout.readline().strip() == theirs
        assert load_map(backup_path(path)).title.startswith("GROCERY")
    finally:
        holder.stdin.close()
        holder.wait(timeout=10)
        holder.stdout.close()


# ----- names at the file system's limit ----------------------------------------------------
@pytest.mark.parametrize("stem", ["L" * 240, "é" * 121, "plan [v2] " * 24])
def test_a_name_as_long_as_the_file_system_allows_saves_again_and_again(
        tmp_path: Path, stem: str) -> None:
    name = stem + ".journeymap"
    assert 240 <= len(os.fsencode(name)) <= 255
    path = tmp_path / name
    save_map(rich_map(), path)
    changed = rich_map()
    changed.title = "Saved again"
    save_map(changed, path)  # needs a temporary and a backup file beside it
    save_map(changed, path)
    assert load_map(path).title == "Saved again"
    backups = [p for p in tmp_path.iterdir() if p.name.endswith(".bak")]
    assert len(backups) == 1 and len(os.fsencode(backups[0].name)) <= 255
    assert load_map(backups[0]).title == "Saved again"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, backups[0].name])


def test_a_temp_file_of_a_long_name_left_by_a_kill_is_cleaned_up(tmp_path: Path) -> None:
    path = tmp_path / ("L" * 240 + ".journeymap")
    save_map(rich_map(), path)
    from journeymap_desktop.storage import files

    leftover = tmp_path / (files._temp_prefix(path) + "abcd1234.tmp")
    leftover.write_bytes(b"{")
    save_map(rich_map(), path)
    assert not leftover.exists()


def test_save_errors_name_the_file_on_one_bounded_line(tmp_path: Path) -> None:
    folder = tmp_path / "gone"
    path = folder / ("x\x1b[2J" + "y" * 400 + ".journeymap")
    with pytest.raises(SaveError) as caught:
        save_map(rich_map(), path)
    message = str(caught.value)
    assert "\x1b" not in message and "\n" not in message
    assert "x\\x1b[2J" in message and len(message) < 400
    assert stat.S_ISDIR(tmp_path.stat().st_mode)
