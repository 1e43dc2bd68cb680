"""A print shop's CMYK output profile: finding one, reading it, and separating colours with it.

Colours are separated by littleCMS (through Pillow's `ImageCms`), never by a formula: sRGB to
the press's CMYK, relative colorimetric with black-point compensation. Two rules a prepress
check expects come on top, both decided through the same profile:

- Greys print on the black plate only, at the K value whose lightness through the profile
  matches the grey's; lines and text in the theme's slightly cool greys do too (colours.py
  decides), so thin grey lines cannot misregister into coloured fringes. Light tints of a
  colour keep their hue.
- No colour exceeds the profile's own total ink limit, read as the ink of the darkest colour
  the profile separates (its black).

Profiles are found in the usual colour folders of Linux, macOS and Windows; the app ships none
(the ones Debian has are under licences that do not allow bundling them).
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from journeymap_desktop.export.options import OptionsError
from journeymap_desktop.layout import theme

if TYPE_CHECKING:
    # Pillow loads only when a press profile is used (~45 ms of every PDF export otherwise).
    from PIL import ImageCms

CMYK = tuple[float, float, float, float]
MAX_PROFILE_BYTES = 64 * 1024 * 1024
PURE_GREY_CHROMA = 1.5  # Lab chroma of colours that are grey by any measure (K only)
HOW_TO_GET_ONE = ("ask your print shop for its CMYK output profile (an .icc file), or get a "
                  "standard one such as ISO Coated v2 / FOGRA39 from the ECI (eci.org) or "
                  "GRACoL / SWOP from idealliance")


def colour_folders() -> list[Path]:
    """Where operating systems keep ICC profiles, most specific first."""
    home = Path.home()
    folders: list[Path] = []
    if sys.platform == "win32":
        root = os.environ.get("SYSTEMROOT", r"C:\Windows")
        folders.append(Path(root) / "System32" / "spool" / "drivers" / "color")
    elif sys.platform == "darwin":
        folders += [home / "Library" / "ColorSync" / "Profiles",
                    Path("/Library/ColorSync/Profiles"),
                    Path("/System/Library/ColorSync/Profiles")]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    data_dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    folders += [data_home / "icc", data_home / "color" / "icc", home / ".color" / "icc"]
    folders += [Path(d) / "color" / "icc" for d in data_dirs.split(os.pathsep) if d]
    folders.append(Path("/var/lib/colord/icc"))
    unique: list[Path] = []
    for folder in folders:
        if folder not in unique:
            unique.append(folder)
    return unique


def _header(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(40)
    except OSError:
        return b""


def is_cmyk_output_profile(path: Path) -> bool:
    """True when the file's ICC header says: an output (printer) profile for CMYK."""
    head = _header(path)
    return len(head) >= 40 and head[36:40] == b"acsp" and head[12:16] == b"prtr" \
        and head[16:20] == b"CMYK"


def system_profiles(folders: Iterable[Path] | None = None) -> list[Path]:
    """CMYK output profiles in the system's colour folders (two levels deep), sorted by
    name. Profiles for screens or RGB printers are left out: they cannot be an output
    intent for a press."""
    found: list[Path] = []
    for folder in colour_folders() if folders is None else folders:
        if not folder.is_dir():
            continue
        candidates = [*folder.glob("*"), *folder.glob("*/*")]
        for path in candidates:
            if path.suffix.lower() in (".icc", ".icm") and path.is_file() \
                    and is_cmyk_output_profile(path) and path not in found:
                found.append(path)
    return sorted(found, key=lambda p: (p.name.casefold(), str(p)))


@dataclass
class OutputProfile:
    """A CMYK output profile, read once, with its separations cached per colour."""

    path: Path
    data: bytes
    description: str
    ink_limit: float  # total ink of the profile's black, 0..4 (e.g. 3.0 for 300 %)
    _to_cmyk: ImageCms.ImageCmsTransform = field(repr=False)
    _to_lab: ImageCms.ImageCmsTransform = field(repr=False)
    _k_lightness: list[float] = field(repr=False)
    _cache: dict[str, CMYK] = field(default_factory=dict, repr=False)
    _grey: dict[str, tuple[float, CMYK]] = field(default_factory=dict, repr=False)

    @property
    def identifier(self) -> str:
        """What the output intent calls the printing condition."""
        return self.description or self.path.stem

    # ----- separating ---------------------------------------------------------------------
    def prepare(self, colours: Iterable[str]) -> None:
        """Separate many #RRGGBB colours in one pass (littleCMS is fast per pixel, slow per
        call)."""
        wanted = sorted({c.upper() for c in colours} - set(self._cache))
        if not wanted:
            return
        from PIL import Image, ImageCms

        image = Image.new("RGB", (len(wanted), 1))
        image.putdata([tuple(round(v * 255) for v in theme.hex_to_rgb(c)) for c in wanted])
        cmyk = ImageCms.applyTransform(image, self._to_cmyk)
        lab = ImageCms.applyTransform(image, self._to_lab)
        assert cmyk is not None
        assert lab is not None
        for i, colour in enumerate(wanted):
            light, a, b = lab.getpixel((i, 0))  # type: ignore[misc]
            a, b = a - 128, b - 128  # Pillow stores a and b offset by 128
            self._grey[colour] = ((a * a + b * b) ** 0.5,
                                  (0.0, 0.0, 0.0, self._k_for(light / 255 * 100)))
            if (a * a + b * b) ** 0.5 <= PURE_GREY_CHROMA:
                self._cache[colour] = self._grey[colour][1]  # a grey prints on K alone
                continue
            values = [v / 255 for v in cmyk.getpixel((i, 0))]  # type: ignore[union-attr]
            self._cache[colour] = self._within_limit((values[0], values[1], values[2],
                                                      values[3]))

    def separate(self, colour: str) -> CMYK:
        """The colour for this press (greys on the black plate only), within the ink limit."""
        key = colour.upper()
        found = self._cache.get(key)
        if found is None:
            self.prepare([key])
            found = self._cache[key]
        return found

    def chroma(self, colour: str) -> float:
        """How colourful it is (CIE Lab chroma): near 0 for greys."""
        self.separate(colour)
        return self._grey[colour.upper()][0]

    def black_only(self, colour: str) -> CMYK:
        """The K value alone that prints as light as this colour on this press."""
        self.separate(colour)
        return self._grey[colour.upper()][1]

    def _k_for(self, lightness: float) -> float:
        """The K value (0..1) that prints this L* on this press, from the profile."""
        table = self._k_lightness  # L* of K = 0 %, 1 %, ... 100 %, falling
        if lightness >= table[0]:
            return 0.0
        if lightness <= table[-1]:
            return 1.0
        for k in range(1, len(table)):
            if table[k] <= lightness:
                upper, lower = table[k - 1], table[k]
                part = (upper - lightness) / max(upper - lower, 1e-9)
                return round((k - 1 + part) / 100, 4)
        return 1.0

    def _within_limit(self, cmyk: CMYK) -> CMYK:
        c, m, y, k = cmyk
        total = c + m + y + k
        if total <= self.ink_limit or c + m + y <= 0:
            return (round(c, 4), round(m, 4), round(y, 4), round(k, 4))
        factor = max(0.0, self.ink_limit - k) / (c + m + y)
        return (round(c * factor, 4), round(m * factor, 4), round(y * factor, 4), round(k, 4))


def _description(profile: object) -> str:
    from PIL import ImageCms

    try:
        text = ImageCms.getProfileDescription(profile)  # type: ignore[arg-type]
    except ImageCms.PyCMSError:
        return ""
    return " ".join(text.split())[:200]


@cache
def _load(path: Path, size: int, mtime: float) -> OutputProfile:
    from PIL import Image, ImageCms

    if size > MAX_PROFILE_BYTES:
        raise OptionsError(f"{path.name} is too large to be an ICC profile")
    try:
        data = path.read_bytes()
    except OSError as error:
        raise OptionsError(f"cannot read the ICC profile {path}: "
                           f"{error.strerror or error}") from None
    if not is_cmyk_output_profile(path):
        raise OptionsError(f"{path.name} is not a CMYK output (printer) profile; "
                           f"{HOW_TO_GET_ONE}")
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
        srgb = ImageCms.createProfile("sRGB")
        lab = ImageCms.createProfile("LAB")
        intent = ImageCms.Intent.RELATIVE_COLORIMETRIC
        bpc = ImageCms.Flags.BLACKPOINTCOMPENSATION
        to_cmyk = ImageCms.buildTransform(srgb, profile, "RGB", "CMYK", intent, flags=bpc)
        to_lab = ImageCms.buildTransform(srgb, lab, "RGB", "LAB", intent)
        press_to_lab = ImageCms.buildTransform(profile, lab, "CMYK", "LAB", intent)
        lab_to_press = ImageCms.buildTransform(lab, profile, "LAB", "CMYK", intent)
        ramp = Image.new("CMYK", (101, 1))
        ramp.putdata([(0, 0, 0, round(k * 2.55)) for k in range(101)])
        lightness = ImageCms.applyTransform(ramp, press_to_lab)
        black = ImageCms.applyTransform(Image.new("LAB", (1, 1), (0, 128, 128)), lab_to_press)
    except (ImageCms.PyCMSError, OSError, ValueError) as error:
        raise OptionsError(f"cannot use the ICC profile {path.name}: {error}") from None
    assert lightness is not None
    assert black is not None
    table = [lightness.getpixel((k, 0))[0] / 255 * 100  # type: ignore[index]
             for k in range(101)]
    # Keep the table falling, whatever rounding does at the ends.
    for k in range(1, len(table)):
        table[k] = min(table[k], table[k - 1])
    ink = sum(black.getpixel((0, 0))) / 255  # type: ignore[arg-type]
    return OutputProfile(path, data, _description(profile), min(4.0, max(2.0, ink)),
                         to_cmyk, to_lab, table)


def load_profile(path: Path | str) -> OutputProfile:
    """A CMYK output profile from a file; OptionsError (one line) when it is not one."""
    path = Path(path).expanduser()
    try:
        stat = path.stat()
    except OSError:
        raise OptionsError(f"the ICC profile {path} does not exist; {HOW_TO_GET_ONE}") from None
    if not path.is_file():
        raise OptionsError(f"{path} is not a file; {HOW_TO_GET_ONE}")
    return _load(path.resolve(), stat.st_size, stat.st_mtime)
