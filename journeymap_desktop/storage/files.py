"""Reading and atomically writing `.journeymap` files.

A save never leaves a half-written map: the new text goes to a temporary file in the same
folder, is flushed and fsynced, the previous file is kept beside it as `NAME.bak`, and only then
does `os.replace` swap the new file in. Any failure on the way leaves the old file as it was.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TypeVar

from pydantic import ValidationError

from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.storage.codec import (
    MAX_FILE_BYTES,
    decode_map,
    describe_validation_error,
    encode_map,
)
from journeymap_desktop.storage.errors import LoadError, SaveError

FILE_SUFFIX = ".journeymap"
BACKUP_SUFFIX = ".bak"
_TEMP_SUFFIX = ".tmp"
_STALE_TEMP_SECONDS = 3600


@dataclass(frozen=True)
class FileStamp:
    """What the file on disk looked like when we last read or wrote it."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of_bytes(cls, path: Path, data: bytes) -> FileStamp:
        info = path.stat()
        return cls(info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def changed_on_disk(path: Path, stamp: FileStamp | None) -> bool:
    """True when someone else has changed (or removed) the file since `stamp` was taken."""
    if stamp is None:
        return False
    try:
        info = path.stat()
    except FileNotFoundError:
        return True
    if info.st_size == stamp.size and info.st_mtime_ns == stamp.mtime_ns:
        return False
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest() != stamp.sha256
    except OSError:
        return True


def _read_bytes(path: Path) -> bytes:
    name = path.name
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
            data = handle.read(MAX_FILE_BYTES + 1)  # it may have grown since stat()
        return data
    except FileNotFoundError:
        raise LoadError(name, [f"no such file: {path}"]) from None
    except PermissionError:
        raise LoadError(name, [f"permission denied reading {path}"]) from None
    except IsADirectoryError:
        raise LoadError(name, ["this is a folder, not a journey map file"]) from None
    except OSError as error:
        raise LoadError(name, [f"could not read the file: {error.strerror or error}"]) from None


def load_map_with_stamp(path: Path) -> tuple[JourneyMap, FileStamp]:
    path = Path(path)
    data = _read_bytes(path)
    journey = decode_map(data, path.name)
    sweep_stale_temp_files(path)
    return journey, FileStamp.of_bytes(path, data)


def load_map(path: Path) -> JourneyMap:
    return load_map_with_stamp(path)[0]


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def _fsync_directory(directory: Path) -> None:
    # Makes the rename itself durable; not possible on every platform or filesystem.
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _keep_backup(path: Path) -> None:
    """Keep the current file as NAME.bak: a hard link where possible, else a copy."""
    backup = backup_path(path)
    staging = backup.with_name(backup.name + _TEMP_SUFFIX)
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        try:
            os.link(path, staging)
        except OSError:
            staging.write_bytes(path.read_bytes())
        os.replace(staging, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            staging.unlink()
        raise


T = TypeVar("T")


def atomic_write(path: Path, write: Callable[[BinaryIO], T], *, keep_backup: bool = False,
                 temp_suffix: str = _TEMP_SUFFIX) -> T:
    """Let `write` fill a temporary file beside `path`, fsync it, then swap it in with
    os.replace: readers see the old file or the new one, never a mix. Any failure (or an
    exception from `write`, such as a cancelled export) removes the temporary file and leaves
    `path` as it was. The file keeps the old file's permissions."""
    # Saving through a symbolic link updates the file it points to and keeps the link.
    path = Path(os.path.realpath(path)) if Path(path).is_symlink() else Path(path)
    directory = path.parent
    existing_mode: int | None = None
    with contextlib.suppress(FileNotFoundError):
        existing_mode = stat.S_IMODE(path.stat().st_mode)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=temp_suffix, dir=directory)
    temp_path = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            result = write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp_path, existing_mode if existing_mode is not None else 0o666 & ~_umask())
        if existing_mode is not None and keep_backup:
            _keep_backup(path)
        os.replace(temp_path, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp_path.unlink()
        raise
    _fsync_directory(directory)
    return result


def write_bytes_atomically(path: Path, data: bytes, *, keep_backup: bool = True) -> FileStamp:
    """Write `data` to `path` atomically (see `atomic_write`); returns the new file's stamp."""
    atomic_write(path, lambda handle: handle.write(data), keep_backup=keep_backup)
    target = Path(os.path.realpath(path)) if Path(path).is_symlink() else Path(path)
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


def save_map(journey: JourneyMap, path: Path, *, keep_backup: bool = True) -> FileStamp:
    """Save atomically; raises SaveError (file on disk unchanged) when anything goes wrong."""
    path = Path(path)
    problem = _unopenable_reason(journey)
    if problem:
        raise SaveError(f"Could not save {path.name}: {problem}. The file on disk was not "
                        "changed.")
    try:
        data = encode_map(journey)
        if len(data) > MAX_FILE_BYTES:
            raise SaveError(
                f"Could not save {path.name}: the map would be {len(data) / 1e6:.0f} MB, over "
                f"the {MAX_FILE_BYTES // (1024 * 1024)} MB a journey map file may have. "
                "The file on disk was not changed."
            )
        return write_bytes_atomically(path, data, keep_backup=keep_backup)
    except OSError as error:
        reason = error.strerror or str(error)
        if error.errno == errno.ENOSPC:
            reason = "the disk is full"
        elif error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            reason = "permission denied"
        raise SaveError(
            f"Could not save {path.name}: {reason}. The file on disk was not changed."
        ) from error


def _unopenable_reason(journey: JourneyMap) -> str | None:
    """Why the loader would refuse this map, if it would. A last check before writing: the
    app's own edits are validated already, but a file that cannot be opened again must never
    be written whatever happened in memory."""
    try:
        JourneyMap.model_validate(journey.model_dump())
    except ValidationError as error:
        problems = describe_validation_error(error, journey.model_dump(mode="json"))
        return problems[0] if problems else "the map is not valid"
    return None


def sweep_stale_temp_files(path: Path) -> list[Path]:
    """Remove our own temporary files left beside `path` by a save that was killed midway."""
    removed = []
    cutoff = time.time() - _STALE_TEMP_SECONDS
    with contextlib.suppress(OSError):
        for candidate in path.parent.glob(f".{glob.escape(path.name)}.*{_TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                if candidate.stat().st_mtime < cutoff:
                    candidate.unlink()
                    removed.append(candidate)
    return removed


def suggested_file_stem(title: str) -> str:
    """A file name (without suffix) for a map called `title`: 'Grocery: weekly shop' ->
    'grocery-weekly-shop'."""
    cleaned = "".join(ch if ch.isalnum() or ch in " -_" else " " for ch in title).strip()
    return "-".join(cleaned.lower().split())[:60] or "journey-map"
