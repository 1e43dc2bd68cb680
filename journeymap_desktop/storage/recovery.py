"""Recovery drafts: unsaved work written to the user's data folder, never over the user's file.

Each open document has one draft, named after its file (or a per-session key when untitled).
A draft is one JSON object `{"recovery": {...}, "map": {...}}`, written atomically. On start the
app lists drafts newer than their file and offers to restore them; a save or a clean close
removes the document's draft.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from journeymap_desktop.model.map import JourneyMap
from journeymap_desktop.storage.codec import map_from_data, parse_json
from journeymap_desktop.storage.errors import LoadError
from journeymap_desktop.storage.files import write_bytes_atomically

DRAFT_SUFFIX = ".draft.json"


@dataclass(frozen=True)
class Draft:
    path: Path
    source: Path | None
    saved_at: datetime
    title: str
    pid: int = 0

    @property
    def key(self) -> str:
        return self.path.name.removesuffix(DRAFT_SUFFIX)

    def owned_by_other_live_process(self) -> bool:
        """True while another running JourneyMap is still writing this draft."""
        if self.pid <= 0 or self.pid == os.getpid():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return True

    def load(self) -> JourneyMap:
        data = parse_json(self.path.read_bytes(), self.path.name)
        if not isinstance(data, dict) or "map" not in data:
            raise LoadError(self.path.name, ["not a recovery draft"])
        return map_from_data(data["map"], self.path.name)

    def describe(self) -> str:
        when = self.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        where = str(self.source) if self.source else "an unsaved new map"
        return f"“{self.title}” ({where}), last autosaved {when}"


def draft_key(source: Path | None) -> str:
    if source is None:
        return f"untitled-{uuid.uuid4().hex[:12]}"
    digest = hashlib.sha256(str(Path(source).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"file-{digest}"


class RecoveryStore:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def draft_path(self, key: str) -> Path:
        return self.directory / f"{key}{DRAFT_SUFFIX}"

    def write(self, key: str, journey: JourneyMap, source: Path | None) -> Path:
        self.directory.mkdir(parents=True, exist_ok=True)
        payload = {
            "recovery": {
                "source": str(source) if source else None,
                "saved_at": datetime.now(UTC).isoformat(),
                "title": journey.title,
                "pid": os.getpid(),
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
        """Drafts worth offering: readable, and newer than the file they were made from."""
        found: list[Draft] = []
        if not self.directory.is_dir():
            return found
        for path in sorted(self.directory.glob(f"*{DRAFT_SUFFIX}")):
            draft = self._read_header(path)
            if draft is None:
                continue
            if draft.source is not None and _file_is_newer(draft.source, draft.saved_at):
                # The file was saved after the draft: the draft holds nothing new.
                with contextlib.suppress(OSError):
                    path.unlink()
                continue
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
            pid = info.get("pid") if isinstance(info.get("pid"), int) else 0
            return Draft(path, source, saved_at, str(info.get("title") or "Untitled"), pid)
        except (OSError, ValueError, KeyError, TypeError, RecursionError):
            return None


def _file_is_newer(path: Path, moment: datetime) -> bool:
    try:
        modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except OSError:
        return False
    return modified > moment
