"""Recovery drafts: unsaved work written to the user's data folder, never over the user's file.

Each open document writes one draft under a key of its own, so a session never overwrites or
removes a draft another session left behind. A draft is one JSON object
`{"recovery": {...}, "map": {...}}`, written atomically. A save or a clean close removes the
document's own draft; drafts found at start were left by a crash and are offered back. They are
never deleted behind the user's back: if the file changed since, the offer says so.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.storage.codec import map_from_data, parse_json
from journeymap_desktop.storage.errors import LoadError
from journeymap_desktop.storage.files import FileStamp, write_bytes_atomically

DRAFT_SUFFIX = ".draft.json"


def new_draft_key() -> str:
    return f"draft-{uuid.uuid4().hex[:16]}"


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
        if not isinstance(data, dict) or not isinstance(data.get("pid"), int):
            return None
        return cls(data["pid"], str(data.get("boot_id") or ""), str(data.get("started") or ""))

    def is_running(self) -> bool:
        if self.pid <= 0:
            return False
        if self.boot_id and _boot_id() and self.boot_id != _boot_id():
            return False  # the machine restarted since: whoever wrote the draft is gone
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
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
        try:
            info = self.source.stat()
        except OSError:
            return True
        stamp = self.source_stamp
        if (info.st_size, info.st_mtime_ns) == (stamp.size, stamp.mtime_ns):
            return False
        try:
            return hashlib.sha256(self.source.read_bytes()).hexdigest() != stamp.sha256
        except OSError:
            return True

    def load(self) -> JourneyMap:
        data = parse_json(self.path.read_bytes(), self.path.name)
        if not isinstance(data, dict) or "map" not in data:
            raise LoadError(self.path.name, ["not a recovery draft"])
        return map_from_data(data["map"], self.path.name)

    def describe(self) -> str:
        when = self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        where = str(self.source) if self.source else "an unsaved new map"
        changed = "; the file has changed since" if self.source_changed_since() else ""
        return f"“{self.title}” ({where}), last autosaved {when}{changed}"


class RecoveryStore:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def draft_path(self, key: str) -> Path:
        return self.directory / f"{key}{DRAFT_SUFFIX}"

    def write(self, key: str, journey: JourneyMap, source: Path | None,
              source_stamp: FileStamp | None = None) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = None if source_stamp is None else {
            "size": source_stamp.size, "mtime_ns": source_stamp.mtime_ns,
            "sha256": source_stamp.sha256}
        payload = {
            "recovery": {
                "source": str(source) if source else None,
                "saved_at": datetime.now(UTC).isoformat(),
                "title": journey.title,
                "writer": ProcessIdentity.current().as_dict(),
                "source_stamp": stamp,
            },
            "map": journey.model_dump(mode="json"),
        }
        path = self.draft_path(key)
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        write_bytes_atomically(path, data, keep_backup=False)
        return path

    def discard(self, key: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.draft_path(key).unlink()

    def drafts(self) -> list[Draft]:
        """Every readable draft, newest first. Nothing here deletes a draft: only the user
        (Discard) or the session that wrote it (save, clean close) does."""
        found: list[Draft] = []
        if not self.directory.is_dir():
            return found
        for path in sorted(self.directory.glob(f"*{DRAFT_SUFFIX}")):
            draft = self._read_header(path)
            if draft is not None:
                found.append(draft)
        return sorted(found, key=lambda d: d.saved_at, reverse=True)

    @staticmethod
    def _read_header(path: Path) -> Draft | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            info = data["recovery"]
            saved_at = datetime.fromisoformat(info["saved_at"])
            if saved_at.tzinfo is None:
                saved_at = saved_at.replace(tzinfo=UTC)
            source = Path(info["source"]) if info.get("source") else None
            stamp_data = info.get("source_stamp")
            stamp = None
            if isinstance(stamp_data, dict):
                stamp = FileStamp(int(stamp_data["size"]), int(stamp_data["mtime_ns"]),
                                  str(stamp_data["sha256"]))
            return Draft(path, source, saved_at, str(info.get("title") or "Untitled"),
                         ProcessIdentity.from_dict(info.get("writer")), stamp)
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None
