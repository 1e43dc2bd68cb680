"""Recovery drafts: unsaved work written to the user's data folder, never over the user's file.

Each open document writes one draft under a key of its own, so a session never overwrites or
removes a draft another session left behind. A draft is one JSON object
`{"recovery": {...}, "map": {...}}`, written atomically, header first. A save or a clean close
removes the document's own draft; drafts found at start were left by a crash and are offered
back. They are never deleted behind the user's back: if the file changed since, the offer says
so.

A draft is untrusted input like any file: it may have been cut short, edited, or planted. Its
header is read with explicit checks (types, ranges, no NUL in a path), and a draft that fails
them is listed as damaged, with its reason, for the user to delete or look at; nothing in a
draft can stop the app from starting.

Drafts are private: the folder is 0700 and each draft takes its map's permissions (0600 for a
map never saved).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import TypeAdapter

from journeymap_desktop.model.map import Card, JourneyMap
from journeymap_desktop.safe_text import file_path, shown
from journeymap_desktop.storage.codec import map_from_data, parse_json
from journeymap_desktop.storage.errors import LoadError
from journeymap_desktop.storage.files import (
    FileStamp,
    atomic_write,
    read_map_bytes,
    sweep_stale_temp_files,
)

DRAFT_SUFFIX = ".draft.json"
FOLDER_MODE = 0o700
PRIVATE_MODE = 0o600
_HEADER_BYTES = 256 * 1024  # the header is written first; a longer one is damage
_MAX_PATH = 4096
_MAX_PID = 2**31 - 1
_SHA256 = re.compile(r"[0-9a-f]{64}")
_DRAFT_TEMP = re.compile(r"\.(draft-[0-9a-f]{16}\.draft\.json)\.[a-z0-9_]{8}\.tmp")
_CARDS = TypeAdapter(list[Card])
CARDS_PER_CHUNK = 400  # one chunk is a few ms of serialising: the GUI thread waits no longer


def new_draft_key() -> str:
    return f"draft-{uuid.uuid4().hex[:16]}"


class DamagedDraftError(ValueError):
    """A draft whose header cannot be trusted; `reason` says why, for people."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ProcessIdentity:
    """Enough to tell, after a crash or a reboot, whether the writer of a draft still runs:
    a PID alone is reused; with the boot and the process's start time it is unambiguous."""

    pid: int
    boot_id: str
    started: str

    @classmethod
    def current(cls) -> ProcessIdentity:
        return cls(os.getpid(), _boot_id(), _start_time(os.getpid()))

    def as_dict(self) -> dict[str, Any]:
        return {"pid": self.pid, "boot_id": self.boot_id, "started": self.started}

    @classmethod
    def from_dict(cls, data: object) -> ProcessIdentity | None:
        """The writer recorded in a draft; None when it is missing or makes no sense (then
        nobody is taken to be still writing the draft)."""
        if not isinstance(data, dict):
            return None
        pid = data.get("pid")
        if type(pid) is not int or not 0 < pid <= _MAX_PID:
            return None
        boot_id = data.get("boot_id")
        started = data.get("started")
        return cls(pid, boot_id if isinstance(boot_id, str) and len(boot_id) <= 64 else "",
                   started if isinstance(started, str) and started.isdigit()
                   and len(started) <= 32 else "")

    def is_running(self) -> bool:
        if not 0 < self.pid <= _MAX_PID:
            return False
        if self.boot_id and _boot_id() and self.boot_id != _boot_id():
            return False  # the machine restarted since: whoever wrote the draft is gone
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except (OverflowError, ValueError):
            return False
        except OSError:
            pass  # it exists but belongs to another user
        current = _start_time(self.pid)
        return not (self.started and current and current != self.started)


@cache
def _boot_id() -> str:
    with contextlib.suppress(OSError):
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    return ""


def _start_time(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), '' where unknown."""
    with contextlib.suppress(OSError, IndexError):
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        # The command name (field 2) may hold spaces: count fields after its closing ')'.
        return stat.rsplit(")", 1)[1].split()[19]
    return ""


@dataclass(frozen=True)
class Draft:
    path: Path
    source: Path | None
    saved_at: datetime
    title: str
    writer: ProcessIdentity | None = None
    source_stamp: FileStamp | None = None

    @property
    def key(self) -> str:
        return self.path.name.removesuffix(DRAFT_SUFFIX)

    def owned_by_other_live_process(self) -> bool:
        """True while another running JourneyMap is still writing this draft."""
        if self.writer is None or self.writer.pid == os.getpid():
            return False
        return self.writer.is_running()

    def source_changed_since(self) -> bool:
        """True when the map's file was changed (or removed) after the work in this draft
        began: restoring then means choosing between two versions."""
        if self.source is None or self.source_stamp is None:
            return False
        return not self.source_stamp.matches(self.source)

    def load(self) -> JourneyMap:
        data = parse_json(read_map_bytes(self.path), self.path.name)
        if not isinstance(data, dict) or "map" not in data:
            raise LoadError(self.path.name, ["not a recovery draft"])
        return map_from_data(data["map"], self.path.name)

    def describe(self) -> str:
        """One line for people; every part from the draft escaped and shortened."""
        try:
            when = self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        except (OverflowError, ValueError, OSError):
            when = self.saved_at.strftime("%Y-%m-%d %H:%M UTC")
        where = file_path(self.source) if self.source else "an unsaved new map"
        changed = "; the file has changed since" if self.source_changed_since() else ""
        return f"“{shown(self.title, 80)}” ({where}), last autosaved {when}{changed}"


@dataclass(frozen=True)
class DamagedDraftFile:
    """A file in the drafts folder that cannot be offered back, and why."""

    path: Path
    reason: str

    def describe(self) -> str:
        return f"{shown(self.path.name, 80, middle=True)}: {shown(self.reason)}"


@dataclass(frozen=True)
class DraftSnapshot:
    """What one autosave writes, taken on the GUI thread in about a millisecond and
    serialised on another: the map's objects are never changed in place (the document
    replaces them), so holding on to them is holding on to this moment's map."""

    key: str
    journey: JourneyMap
    source: Path | None
    source_stamp: FileStamp | None


class RecoveryStore:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def draft_path(self, key: str) -> Path:
        return self.directory / f"{key}{DRAFT_SUFFIX}"

    def ensure_private_folder(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
        with contextlib.suppress(OSError):
            if self.directory.stat().st_mode & 0o777 != FOLDER_MODE:
                os.chmod(self.directory, FOLDER_MODE)

    def write(self, key: str, journey: JourneyMap, source: Path | None,
              source_stamp: FileStamp | None = None) -> Path:
        """Write a draft now, on this thread."""
        return self.write_snapshot(DraftSnapshot(key, journey, source, source_stamp))

    def write_snapshot(self, snapshot: DraftSnapshot,
                       pause: Callable[[], None] | None = None) -> Path:
        """Write a draft from a snapshot. Safe on a worker thread; `pause` runs between
        chunks of cards (a `time.sleep(0)` there hands the interpreter to the GUI thread)."""
        self.ensure_private_folder()
        path = self.draft_path(snapshot.key)
        mode = _mode_for_draft(snapshot.source)

        def write(handle: BinaryIO) -> None:
            for piece in encode_draft(snapshot):
                handle.write(piece)
                if pause is not None:
                    pause()

        atomic_write(path, write, new_file_mode=mode)
        with contextlib.suppress(OSError):
            os.chmod(path, mode)  # a draft rewritten after the map became private
        return path

    def discard(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.draft_path(key).unlink()

    def scan(self) -> tuple[list[Draft], list[DamagedDraftFile]]:
        """Every draft that can be offered (newest first) and every damaged one. Nothing
        here deletes a draft: only the user (Discard, Delete) or the session that wrote it
        (save, clean close) does."""
        found: list[Draft] = []
        damaged: list[DamagedDraftFile] = []
        try:
            paths = sorted(self.directory.glob(f"*{DRAFT_SUFFIX}"))
        except OSError:
            return found, damaged
        for path in paths:
            try:
                found.append(read_draft_header(path))
            except DamagedDraftError as error:
                damaged.append(DamagedDraftFile(path, error.reason))
        found.sort(key=lambda d: d.saved_at, reverse=True)
        return found, damaged

    def drafts(self) -> list[Draft]:
        """Every draft that can be offered, newest first."""
        return self.scan()[0]

    def damaged(self) -> list[DamagedDraftFile]:
        return self.scan()[1]

    def sweep(self) -> None:
        """Remove temporary files of draft writes that no running session holds any more
        (a crash or a kill during an autosave). Called at start."""
        with contextlib.suppress(OSError):
            names = {match.group(1) for entry in os.scandir(self.directory)
                     if (match := _DRAFT_TEMP.fullmatch(entry.name))}
            for name in names:
                sweep_stale_temp_files(self.directory / name)


def _mode_for_draft(source: Path | None) -> int:
    """The map's own permissions (read and write bits), private for a map never saved."""
    if source is None:
        return PRIVATE_MODE
    try:
        return source.stat().st_mode & 0o666 | 0o600
    except (OSError, ValueError):
        return PRIVATE_MODE


def encode_draft(snapshot: DraftSnapshot) -> Iterator[bytes]:
    """The draft's bytes in pieces: the header, then the cards a few hundred at a time, then
    the rest of the map. Compact JSON; `Draft.load` reads it like a map file."""
    journey = snapshot.journey
    stamp = snapshot.source_stamp
    header = {
        "source": str(snapshot.source) if snapshot.source else None,
        "saved_at": datetime.now(UTC).isoformat(),
        "title": journey.title,
        "writer": ProcessIdentity.current().as_dict(),
        "source_stamp": None if stamp is None else {
            "size": stamp.size, "mtime_ns": stamp.mtime_ns, "sha256": stamp.sha256},
    }
    yield b'{"recovery":' + json.dumps(header, ensure_ascii=False).encode("utf-8")
    yield b',"map":{"cards":['
    cards = journey.cards
    for start in range(0, len(cards), CARDS_PER_CHUNK):
        chunk = _CARDS.dump_json(cards[start:start + CARDS_PER_CHUNK])
        yield (b"," if start else b"") + chunk[1:-1]
    rest = journey.model_dump_json(exclude={"cards"}).encode("utf-8")
    yield b"]," + rest[1:] + b"}"


def read_draft_header(path: Path) -> Draft:
    """The header of a draft, checked field by field; DamagedDraftError with a reason if it is not
    a draft this app could have written."""
    try:
        # Non-blocking and no symbolic links: a pipe or a device planted in the folder must
        # not hang the start.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_NOFOLLOW", 0))
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            os.close(fd)
            raise DamagedDraftError("not a regular file")
        with os.fdopen(fd, "rb") as handle:
            head = handle.read(_HEADER_BYTES)
    except OSError as error:
        raise DamagedDraftError(f"cannot be read ({error.strerror or error})") from None
    info = _header_object(head)
    return Draft(path, _source(info), _saved_at(info), _title(info),
                 ProcessIdentity.from_dict(info.get("writer")), _stamp(info))


def _header_object(head: bytes) -> dict[str, Any]:
    prefix = b'{"recovery":'
    if not head.startswith(prefix):
        raise DamagedDraftError("not a recovery draft (no header at the start)")
    try:
        text = head[len(prefix):].decode("utf-8", errors="strict")
    except UnicodeDecodeError as error:
        if error.start < len(head) - len(prefix) - 4:
            raise DamagedDraftError("the header is not UTF-8 text") from None
        text = head[len(prefix):len(prefix) + error.start].decode("utf-8")
    try:
        info, _ = json.JSONDecoder(parse_constant=_no_constants).raw_decode(text.lstrip())
    except (ValueError, RecursionError):
        raise DamagedDraftError("the header is not valid JSON (cut short or edited)") from None
    if not isinstance(info, dict):
        raise DamagedDraftError("the header is not a JSON object")
    return info


def _no_constants(name: str) -> Any:
    raise ValueError(name)


def _source(info: dict[str, Any]) -> Path | None:
    source = info.get("source")
    if source is None or source == "":
        return None
    if not isinstance(source, str) or "\x00" in source or len(source) > _MAX_PATH:
        raise DamagedDraftError("its map's file name is not a usable path")
    return Path(source)


def _saved_at(info: dict[str, Any]) -> datetime:
    raw = info.get("saved_at")
    if not isinstance(raw, str) or len(raw) > 64:
        raise DamagedDraftError("its time of saving is missing")
    try:
        saved_at = datetime.fromisoformat(raw)
        if saved_at.tzinfo is None:
            saved_at = saved_at.replace(tzinfo=UTC)
        saved_at = saved_at.astimezone(UTC)
        saved_at.astimezone()  # must be showable in local time too
        saved_at.timestamp()
    except (ValueError, OverflowError, OSError):
        raise DamagedDraftError(f"its time of saving is not a real time ({shown(raw, 40)})") \
            from None
    return saved_at


def _title(info: dict[str, Any]) -> str:
    title = info.get("title")
    return title[:400] if isinstance(title, str) and title else "Untitled"


def _stamp(info: dict[str, Any]) -> FileStamp | None:
    data = info.get("source_stamp")
    if data is None:
        return None
    if not isinstance(data, dict):
        raise DamagedDraftError("its record of the map's file is damaged")
    size, mtime_ns, digest = data.get("size"), data.get("mtime_ns"), data.get("sha256")
    if (type(size) is not int or not 0 <= size < 2**63
            or type(mtime_ns) is not int or not -(2**63) <= mtime_ns < 2**63
            or not isinstance(digest, str) or not _SHA256.fullmatch(digest)):
        raise DamagedDraftError("its record of the map's file is damaged")
    return FileStamp(size, mtime_ns, digest)
