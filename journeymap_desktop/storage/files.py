"""Reading and atomically writing `.journeymap` files.

A save never leaves a half-written map: the new text goes to a temporary file in the same
folder, is flushed and fsynced, the previous file is kept beside it as `NAME.bak`, and only then
does `os.replace` swap the new file in. Any failure on the way leaves the old file as it was.

The temporary file is private (0600) while it is written and takes the map's permissions just
before the swap. It is locked (`flock`) for as long as its save runs, so after a crash or a
`kill -9` the next successful save of the same map can tell its leftovers (unlocked) from
another program's save in progress (locked) and remove them. Loading or validating a map never
deletes anything.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
import threading
import time
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

from journeymap_desktop.model.integrity import integrity_problems
from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.safe_text import file_name, file_path
from journeymap_desktop.storage.codec import (
    MAX_FILE_BYTES,
    decode_current,
    decode_map,
    encode_map,
    map_from_data,
    parse_json,
)
from journeymap_desktop.storage.errors import LoadError, ReadOnlyError, SaveError

try:
    import fcntl
except ImportError:  # Windows: no flock; leftovers are then judged by their age
    fcntl = None  # type: ignore[assignment]

FILE_SUFFIX = ".journeymap"
BACKUP_SUFFIX = ".bak"
_TEMP_SUFFIX = ".tmp"
_TEMP_RANDOM = r"[a-z0-9_]{8}"  # what tempfile.mkstemp puts between our prefix and suffix
_STALE_TEMP_SECONDS = 3600  # without flock: older than this and nobody is still writing it
_DEFAULT_NAME_MAX = 255


@dataclass(frozen=True)
class FileStamp:
    """What the file on disk looked like when we last read or wrote it."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, path: Path, data: bytes, sha256: str | None = None) -> FileStamp:
        info = path.stat()
        return cls(info.st_size, info.st_mtime_ns,
                   sha256 if sha256 is not None else hashlib.sha256(data).hexdigest())

    def matches(self, path: Path) -> bool:
        """Whether the file at `path` still holds what this stamp saw. The content decides:
        an edit that keeps the size and the modification time (a program restoring the
        mtime, a coarse-clock file system) is still an edit, and a touch is not."""
        try:
            info = path.stat()
            if info.st_size != self.size or not stat.S_ISREG(info.st_mode):
                return False  # a device or a pipe would be read forever
            digest = hashlib.sha256()
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    digest.update(chunk)
        except (OSError, ValueError):
            return False
        return digest.hexdigest() == self.sha256


def changed_on_disk(path: Path, stamp: FileStamp | None) -> bool:
    """True when someone else has changed (or removed) the file since `stamp` was taken."""
    if stamp is None:
        return False
    return not stamp.matches(path)


class LoadCancelled(Exception):  # noqa: N818 (a request, not an error)
    """The user stopped the opening of a map."""


# Told how far a load has come (0..1); returns False to stop it (LoadCancelled).
LoadProgress = Callable[[float], bool]
_READ_CHUNK = 8 * 1024 * 1024
# Where reading and parsing end on the bar. Measured on 100,000 cards: reading takes about
# 1 % of a load, parsing 27 %, checking 72 %; reading gets 5 % so the bar visibly starts.
_READ_SHARE, _PARSE_SHARE = 0.05, 0.3


def _report(progress: LoadProgress | None, fraction: float) -> None:
    if progress is not None and not progress(min(fraction, 1.0)):
        raise LoadCancelled()


def _read_bytes(path: Path, progress: LoadProgress | None = None) -> bytes:
    name = path.name
    shown_path = file_path(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise LoadError(name, ["this is a folder, not a journey map file"])
        if not stat.S_ISREG(info.st_mode):
            # A device or a pipe has no size to check and may never end.
            raise LoadError(name, ["this is not a regular file (a device or a pipe?)"])
        if info.st_size > MAX_FILE_BYTES:
            raise LoadError(
                name,
                [f"file is too large ({info.st_size / 1e6:.0f} MB; the limit is "
                 f"{MAX_FILE_BYTES // (1024 * 1024)} MB)"],
            )
        with path.open("rb") as handle:
            if progress is None:
                return handle.read(MAX_FILE_BYTES + 1)  # it may have grown since stat()
            chunks: list[bytes] = []
            total = 0
            while total <= MAX_FILE_BYTES and (chunk := handle.read(_READ_CHUNK)):
                chunks.append(chunk)
                total += len(chunk)
                _report(progress, _READ_SHARE * total / max(info.st_size, 1))
            return b"".join(chunks)
    except FileNotFoundError:
        raise LoadError(name, [f"no such file: {shown_path}"]) from None
    except PermissionError:
        raise LoadError(name, [f"permission denied reading {shown_path}"]) from None
    except IsADirectoryError:
        raise LoadError(name, ["this is a folder, not a journey map file"]) from None
    except OSError as error:
        raise LoadError(name, [f"could not read the file: {error.strerror or error}"]) from None
    except ValueError:  # a NUL in the name
        raise LoadError(name, ["this is not a usable file name"]) from None


def read_map_bytes(path: Path) -> bytes:
    """The bytes of a map file, with the same refusals as `load_map` (folders, devices,
    files over the size limit)."""
    return _read_bytes(Path(path))


def load_map_with_stamp(path: Path, progress: LoadProgress | None = None,
                        ) -> tuple[JourneyMap, FileStamp]:
    """Load a map and remember what its file looked like. Reads only: leftovers of
    interrupted saves are removed by the next successful save, never by a load. `progress`
    hears how far it has come, and may stop it (LoadCancelled)."""
    path = Path(path)
    data = _read_bytes(path, progress)
    # hashlib lets go of the interpreter while it hashes: the stamp's digest is made on the
    # other core while this one parses and checks the map.
    digest = _Digest(data)
    if progress is None:
        journey = decode_map(data, path.name)
    else:
        # The fast path reads and checks in one step; the careful one (older versions,
        # anything unusual) reports between parsing and checking.
        fast = decode_current(data) if len(data) <= MAX_FILE_BYTES else None
        if fast is None:
            parsed = parse_json(data, path.name)
            _report(progress, _PARSE_SHARE)
            journey = map_from_data(parsed, path.name)
        else:
            journey = fast
        _report(progress, 1.0)
    return journey, FileStamp.of_bytes(path, data, digest.result())


class _Digest:
    """The SHA-256 of some bytes, made on a thread of its own."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._hex: str | None = None
        self._thread = threading.Thread(target=self._run, name="map-digest", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        self._hex = hashlib.sha256(self._data).hexdigest()

    def result(self) -> str:
        self._thread.join()
        if self._hex is None:  # the thread failed (out of memory): hash here instead
            self._hex = hashlib.sha256(self._data).hexdigest()
        return self._hex


def load_map(path: Path) -> JourneyMap:
    return load_map_with_stamp(path)[0]


def _name_max(directory: Path) -> int:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        return int(os.pathconf(directory, "PC_NAME_MAX"))
    return _DEFAULT_NAME_MAX


def _fitting_name(directory: Path, name: str, reserve: int) -> str:
    """`name`, or a shorter form of it when `name` plus `reserve` more bytes would be too
    long for the file system (most allow 255 bytes): a map called 250 characters long opens,
    so it must save too. The short form ends in a hash of the whole name, so two long names
    that start alike never share their temporary or backup files."""
    limit = _name_max(directory) - reserve
    if len(os.fsencode(name)) <= limit:
        return name
    tag = "~" + hashlib.sha256(os.fsencode(name)).hexdigest()[:8]
    keep = name
    while keep and len(os.fsencode(keep + tag)) > limit:
        keep = keep[: max(len(keep) - 8, 0)]
    return keep + tag


def backup_path(path: Path) -> Path:
    backup = _fitting_name(path.parent, path.name, len(BACKUP_SUFFIX) + len(_TEMP_SUFFIX))
    return path.with_name(backup + BACKUP_SUFFIX)


def _temp_prefix(path: Path, suffix: str = _TEMP_SUFFIX) -> str:
    """What every temporary file of this file's saves starts with: `.NAME.`, shortened for
    long names (mkstemp adds 8 random characters and the suffix)."""
    reserve = 2 + 8 + len(suffix)
    return f".{_fitting_name(path.parent, path.name, reserve)}."


def _temp_pattern(path: Path, suffix: str = _TEMP_SUFFIX) -> re.Pattern[str]:
    return re.compile(re.escape(_temp_prefix(path, suffix)) + _TEMP_RANDOM + re.escape(suffix))


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; not possible on every platform or filesystem.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _keep_backup(path: Path, mode: int) -> None:
    """Keep the current file as NAME.bak: a hard link where possible, else a copy with the
    file's own permissions (a private map's backup is private too)."""
    backup = backup_path(path)
    staging = backup.with_name(backup.name + _TEMP_SUFFIX)
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        try:
            os.link(path, staging)
        except OSError:
            fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(path.read_bytes())
            os.chmod(staging, mode)
        os.replace(staging, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            staging.unlink()
        raise


T = TypeVar("T")


def _lock(fd: int) -> None:
    """Mark a temporary file as being written by a live save (released when it closes, also
    by the kernel when the process is killed)."""
    if fcntl is not None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _is_read_only(path: Path, info: os.stat_result) -> bool:
    # os.access alone says yes to root for a 0444 file: look at the permission bits too.
    return not (info.st_mode & 0o222) or not os.access(path, os.W_OK)


def target_of(path: Path) -> Path:
    """Saving through a symbolic link updates the file it points to and keeps the link."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def atomic_write(path: Path, write: Callable[[BinaryIO], T], *, keep_backup: bool = False,
                 new_file_mode: int | None = None, overwrite_read_only: bool = True,
                 temp_suffix: str = _TEMP_SUFFIX) -> T:
    """Let `write` fill a temporary file beside `path`, fsync it, then swap it in with
    os.replace: readers see the old file or the new one, never a mix. Any failure (or an
    exception from `write`, such as a cancelled export) removes the temporary file and leaves
    `path` as it was. The file keeps the old file's permissions; a new file gets
    `new_file_mode` (default: 0666 less the umask). A read-only file raises ReadOnlyError
    unless `overwrite_read_only` (the user confirmed); it stays read-only."""
    path = target_of(path)
    directory = path.parent
    existing_mode: int | None = None
    with contextlib.suppress(FileNotFoundError):
        info = path.stat()
        existing_mode = stat.S_IMODE(info.st_mode)
        if not overwrite_read_only and _is_read_only(path, info):
            raise ReadOnlyError(f"{file_name(path)} is read-only. The file on disk was not "
                                "changed.")
    if existing_mode is not None:
        mode = existing_mode
    else:
        mode = new_file_mode if new_file_mode is not None else 0o666 & ~_umask()
    fd, temp_name = tempfile.mkstemp(prefix=_temp_prefix(path, temp_suffix),
                                     suffix=temp_suffix, dir=directory)
    temp_path = Path(temp_name)
    _lock(fd)
    try:
        with os.fdopen(fd, "wb") as handle:
            result = write(handle)
            handle.flush()
            os.fsync(handle.fileno())
            os.chmod(temp_path, mode)
            if existing_mode is not None and keep_backup:
                _keep_backup(path, existing_mode)
            # Swapped in while still locked: until then the file is a save in progress.
            os.replace(temp_path, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp_path.unlink()
        raise
    _fsync_directory(directory)
    sweep_stale_temp_files(path, temp_suffix)
    return result


def write_bytes_atomically(path: Path, data: bytes, *, keep_backup: bool = True,
                           new_file_mode: int | None = None,
                           overwrite_read_only: bool = True) -> FileStamp:
    """Write `data` to `path` atomically (see `atomic_write`); returns the new file's stamp."""
    target = target_of(path)
    atomic_write(target, lambda handle: handle.write(data), keep_backup=keep_backup,
                 new_file_mode=new_file_mode, overwrite_read_only=overwrite_read_only)
    return FileStamp.of_bytes(target, data)


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


# os.umask can only be read by setting it, which races with any thread creating files at that
# moment: read it once at import, and prefer Linux's /proc, which reads it without a change.
_UMASK_AT_START = _read_umask()


def _umask() -> int:
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return _UMASK_AT_START


def save_map(journey: JourneyMap, path: Path, *, keep_backup: bool = True,
             overwrite_read_only: bool = False) -> FileStamp:
    """Save atomically; raises SaveError (file on disk unchanged) when anything goes wrong,
    ReadOnlyError for a read-only file unless `overwrite_read_only` (the user said so)."""
    path = Path(path)
    name = file_name(path)
    problem = _unopenable_reason(journey)
    if problem:
        raise SaveError(f"Could not save {name}: {problem}. The file on disk was not "
                        "changed.")
    try:
        data = encode_map(journey)
    except ValueError as error:  # text that cannot be UTF-8 (a lone surrogate)
        raise SaveError(f"Could not save {name}: the map holds text that cannot be written "
                        f"as UTF-8 ({error}). The file on disk was not changed.") from error
    if len(data) > MAX_FILE_BYTES:
        raise SaveError(
            f"Could not save {name}: the map would be {len(data) / 1e6:.0f} MB, over "
            f"the {MAX_FILE_BYTES // (1024 * 1024)} MB a journey map file may have. "
            "The file on disk was not changed."
        )
    try:
        return write_bytes_atomically(path, data, keep_backup=keep_backup,
                                      overwrite_read_only=overwrite_read_only)
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno == errno.ENOSPC:
            reason = "the disk is full"
        elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            reason = "permission denied"
        raise SaveError(
            f"Could not save {name}: {reason}. The file on disk was not changed."
        ) from error


_TOP_LEVEL_ITEMS: dict[str, type] = {
    name: typing.get_args(info.annotation)[0]
    for name, info in JourneyMap.model_fields.items()
    if typing.get_origin(info.annotation) is list
}


def _unopenable_reason(journey: JourneyMap) -> str | None:
    """Why the loader would refuse this map, if it would. A last check before writing: a
    file that cannot be opened again must never be written.

    Every object in a map has passed validation when it entered it (a load, or a document
    verb that validates the changed object), and objects are replaced, never changed in
    place; what edits can still get wrong is how objects fit together (an id used twice, a
    reference left behind, a value outside a changed scale). So this runs the whole-map
    checks (about 3 ms for 5,000 cards), not a second validation of every field (about
    50 ms: more than writing the file), and the shape of the map's top-level lists."""
    for name, model in _TOP_LEVEL_ITEMS.items():
        items = getattr(journey, name)
        if not isinstance(items, list) or not all(isinstance(i, model) for i in items):
            return f"the map's {name} are not what a journey map holds"
    problems = integrity_problems(journey)
    return str(problems[0]) if problems else None


def sweep_stale_temp_files(path: Path, suffix: str = _TEMP_SUFFIX) -> list[Path]:
    """Remove the temporary files of this map's saves that no running save holds any more
    (left by a crash or a kill -9). Other maps' files, look-alikes and a save in progress
    in another process (it holds its file's lock) are left alone. Runs after each successful
    save."""
    path = Path(path)
    pattern = _temp_pattern(path, suffix)
    removed: list[Path] = []
    try:
        names = [entry.name for entry in os.scandir(path.parent)
                 if pattern.fullmatch(entry.name)]
    except OSError:
        return removed
    for name in names:
        candidate = path.parent / name
        with contextlib.suppress(OSError):
            if _abandoned(candidate):
                candidate.unlink()
                removed.append(candidate)
    return removed


def _abandoned(candidate: Path) -> bool:
    """No save is writing this temporary file any more."""
    if fcntl is None:
        return candidate.stat().st_mtime < time.time() - _STALE_TEMP_SECONDS
    fd = os.open(candidate, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a live save holds it
        return True
    finally:
        os.close(fd)


def suggested_file_stem(title: str) -> str:
    """A file name (without suffix) for a map called `title`: 'Grocery: weekly shop' ->
    'grocery-weekly-shop'."""
    cleaned = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in title).strip()
    return "-".join(cleaned.lower().split())[:60] or "journey-map"
