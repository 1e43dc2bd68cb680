"""The bundled fonts' own metrics, read from the TrueType files: the one text measurer.

The canvas, the PDF, the SVG and the PNG all measure text with `FontMeasurer`, from the advance
widths in the fonts' `hmtx` tables (no hinting, no kerning), and every renderer places glyphs at
exactly these advances. So a card breaks its lines at the same words on screen and on paper,
and a line the layout fitted into a card never overflows it anywhere.

Only the tables that metrics need are read (head, hhea, maxp, OS/2, cmap, hmtx), in pure
Python: no Qt and no reportlab here. Widths are kept per 1000 units of the font size, as PDF
font dictionaries list them.
"""

from __future__ import annotations

import struct
import threading
from array import array
from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path

from journeymap_desktop.layout import theme
from journeymap_desktop.layout.theme import FontRole
from journeymap_desktop.resources import font_path

# Names of the faces in text runs (and in reportlab's font registry, where the PDF registers
# them under the same names; prefixed so they never clash with other fonts in the process).
PRIMARY_REGULAR = "JourneyMap-NotoSans"
PRIMARY_BOLD = "JourneyMap-NotoSans-Bold"
FALLBACK_REGULAR = "JourneyMap-DejaVuSans"
FALLBACK_BOLD = "JourneyMap-DejaVuSans-Bold"
CJK = "JourneyMap-DroidSansFallback"

# name: (file, family, bold)
FACES: dict[str, tuple[str, str, bool]] = {
    PRIMARY_REGULAR: (theme.FONT_REGULAR_FILE, theme.FONT_FAMILY, False),
    PRIMARY_BOLD: (theme.FONT_BOLD_FILE, theme.FONT_FAMILY, True),
    FALLBACK_REGULAR: (theme.FALLBACK_REGULAR_FILE, theme.FALLBACK_FAMILY, False),
    FALLBACK_BOLD: (theme.FALLBACK_BOLD_FILE, theme.FALLBACK_FAMILY, True),
    CJK: (theme.CJK_FILE, theme.CJK_FAMILY, False),
}

_lock = threading.Lock()  # the GUI may export from a worker thread


class FontError(RuntimeError):
    """A bundled font file is missing or unreadable (a broken installation)."""


@dataclass(frozen=True, eq=False)
class FontFace:
    """One bundled font: the characters it has, their glyphs and advances (per 1000 units of
    the font size) and its vertical metrics (per 1000, descent negative as in the TTF)."""

    name: str
    path: Path
    family: str
    bold: bool
    units_per_em: int
    ascent: float
    descent: float
    glyphs: dict[int, int]  # code point -> glyph index
    widths: dict[int, float]  # code point -> advance per 1000 units of size
    default_width: float  # the advance of glyph 0 (.notdef)
    coverage: frozenset[int]

    def advance(self, text: str, size: float) -> float:
        """Width of `text` set in this face at `size` (every character assumed present)."""
        return 0.001 * size * sum(map(self.widths.get, map(ord, text),
                                      repeat(self.default_width)))


@dataclass(frozen=True)
class FontPair:
    """The face to try first, the one for characters it lacks, in one weight, and the last
    resort for Chinese, Japanese and Korean (one weight for both)."""

    primary: FontFace
    fallback: FontFace

    @property
    def cjk(self) -> FontFace:
        return face(CJK)


class _Reader:
    def __init__(self, data: bytes, path: Path) -> None:
        self.data = data
        self.path = path
        self.tables: dict[bytes, tuple[int, int]] = {}
        version, count = struct.unpack_from(">IH", data, 0)
        if version not in (0x00010000, 0x74727565):  # TrueType outlines only
            raise FontError(f"{path.name} is not a TrueType font")
        for i in range(count):
            tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            self.tables[tag] = (offset, length)

    def table(self, tag: bytes) -> int:
        found = self.tables.get(tag)
        if found is None:
            raise FontError(f"{self.path.name} has no {tag.decode()} table")
        return found[0]

    def ushorts(self, offset: int, count: int) -> array:
        values = array("H", self.data[offset:offset + 2 * count])
        if struct.pack("=H", 1) != struct.pack(">H", 1):
            values.byteswap()
        return values


def _cmap(reader: _Reader, glyph_count: int) -> dict[int, int]:
    data = reader.data
    base = reader.table(b"cmap")
    _version, count = struct.unpack_from(">HH", data, base)
    subtables: dict[tuple[int, int], int] = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, base + 4 + 8 * i)
        subtables[(platform, encoding)] = base + offset
    for key in ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 1), (0, 0)):
        start = subtables.get(key)
        if start is None:
            continue
        fmt = struct.unpack_from(">H", data, start)[0]
        if fmt == 12:
            mapping = _cmap_format_12(data, start)
        elif fmt == 4:
            mapping = _cmap_format_4(reader, start)
        else:
            continue
        return {code: glyph for code, glyph in mapping.items() if 0 < glyph < glyph_count}
    raise FontError(f"{reader.path.name} has no Unicode character map")


def _cmap_format_4(reader: _Reader, start: int) -> dict[int, int]:
    segments = struct.unpack_from(">H", reader.data, start + 6)[0] // 2
    ends = reader.ushorts(start + 14, segments)
    starts = reader.ushorts(start + 16 + 2 * segments, segments)
    deltas = reader.ushorts(start + 16 + 4 * segments, segments)
    range_at = start + 16 + 6 * segments
    ranges = reader.ushorts(range_at, segments)
    data = reader.data
    mapping: dict[int, int] = {}
    for i in range(segments):
        first, last, delta, offset = starts[i], ends[i], deltas[i], ranges[i]
        if first == 0xFFFF:
            continue
        if offset == 0:
            for code in range(first, last + 1):
                mapping[code] = (code + delta) & 0xFFFF
            continue
        # idRangeOffset counts bytes from its own position in the idRangeOffset array.
        where = range_at + 2 * i + offset
        glyphs = struct.unpack_from(f">{last - first + 1}H", data, where)
        for code, glyph in zip(range(first, last + 1), glyphs, strict=True):
            if glyph:
                mapping[code] = (glyph + delta) & 0xFFFF
    return mapping


def _cmap_format_12(data: bytes, start: int) -> dict[int, int]:
    groups = struct.unpack_from(">I", data, start + 12)[0]
    mapping: dict[int, int] = {}
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * i)
        for offset in range(last - first + 1):
            mapping[first + offset] = glyph + offset
    return mapping


def read_face(name: str, path: Path, family: str, bold: bool) -> FontFace:
    """Read a face's metrics from its TrueType file."""
    try:
        data = path.read_bytes()
        reader = _Reader(data, path)
        units = struct.unpack_from(">H", data, reader.table(b"head") + 18)[0]
        metrics_count = struct.unpack_from(">H", data, reader.table(b"hhea") + 34)[0]
        glyph_count = struct.unpack_from(">H", data, reader.table(b"maxp") + 4)[0]
        if b"OS/2" in reader.tables:
            ascent, descent = struct.unpack_from(">hh", data, reader.table(b"OS/2") + 68)
        else:
            ascent, descent = struct.unpack_from(">hh", data, reader.table(b"hhea") + 4)
        advances = list(reader.ushorts(reader.table(b"hmtx"), 2 * metrics_count)[0::2])
        advances += [advances[-1]] * (glyph_count - metrics_count)
        glyphs = _cmap(reader, glyph_count)
    except (OSError, struct.error, IndexError) as error:
        raise FontError(f"cannot load the bundled font {path.name}: {error}") from error
    # A no-break space is drawn and measured as a space (reportlab does the same).
    if 0x20 in glyphs:
        glyphs[0xA0] = glyphs[0x20]
    elif 0xA0 in glyphs:
        glyphs[0x20] = glyphs[0xA0]
    scale = 1000 / units
    widths = {code: advances[glyph] * scale for code, glyph in glyphs.items()}
    return FontFace(
        name=name, path=path, family=family, bold=bold, units_per_em=units,
        ascent=ascent * scale, descent=descent * scale, glyphs=glyphs, widths=widths,
        default_width=advances[0] * scale, coverage=frozenset(glyphs),
    )


class _Faces(dict[str, FontFace]):
    """Faces by name; the large CJK face is read the first time a text needs it."""

    def __missing__(self, name: str) -> FontFace:
        if name not in FACES:
            raise KeyError(name)
        file, family, bold = FACES[name]
        with _lock:
            found = self.get(name) or read_face(name, font_path(file), family, bold)
            self[name] = found
        return found


@cache
def _faces() -> _Faces:
    with _lock:
        return _Faces({name: read_face(name, font_path(file), family, bold)
                       for name, (file, family, bold) in FACES.items() if name != CJK})


def faces() -> dict[str, FontFace]:
    """Every bundled face by name (read once; raises FontError on a broken installation)."""
    found = _faces()
    for name in FACES:
        found[name]
    return found


def face(name: str) -> FontFace:
    return _faces()[name]


def pair(bold: bool) -> FontPair:
    found = _faces()
    if bold:
        return FontPair(found[PRIMARY_BOLD], found[FALLBACK_BOLD])
    return FontPair(found[PRIMARY_REGULAR], found[FALLBACK_REGULAR])


def primary_name(role: FontRole) -> str:
    """The face a role is set in (bold roles use the Bold TTF)."""
    return PRIMARY_BOLD if theme.FONTS[role].bold else PRIMARY_REGULAR


class FontMeasurer:
    """layout.text.TextMeasurer on the bundled fonts' own metrics, in layout units (pixels at
    100 % on screen, points at scale 1 on paper), at each role's size."""

    def __init__(self) -> None:
        from journeymap_desktop.layout.textruns import is_plain, visual_text

        self._visual_text = visual_text
        self._is_plain = is_plain
        self._faces = _faces()
        self._roles = {role: (float(spec.size), spec.bold) for role, spec in theme.FONTS.items()}
        self._plain = {bold: pair(bold).primary for bold in (False, True)}
        self._ascents = {role: pair(bold).primary.ascent * size / 1000
                         for role, (size, bold) in self._roles.items()}
        self._descents = {role: -pair(bold).primary.descent * size / 1000
                          for role, (size, bold) in self._roles.items()}

    def text_width(self, text: str, size: float, bold: bool) -> float:
        """Width of `text` as drawn at `size`, any size (the poster's title block uses its
        own): the sum of the advances of exactly what is drawn (fallback fonts, joined
        Arabic, replacement boxes: see textruns)."""
        found = self._faces
        return sum(found[run.font].advance(run.text, size)
                   for run in self._visual_text(text, bold).runs)

    def width(self, text: str, role: FontRole) -> float:
        size, bold = self._roles[role]
        if text and self._is_plain(text, bold):
            # One run of the primary face (textruns.is_plain): its advance, as text_width
            # would sum it, without building the run.
            return self._plain[bold].advance(text, size)
        return self.text_width(text, size, bold)

    def ascent(self, role: FontRole) -> float:
        return self._ascents[role]

    def descent(self, role: FontRole) -> float:
        return self._descents[role]

    def baseline(self, top: float, role: FontRole, factor: float = 1.0) -> float:
        """Baseline of a line whose box starts at `top`, as the layout engine places it."""
        ascent = self.ascent(role) * factor
        descent = self.descent(role) * factor
        return top + (theme.line_height(role) * factor - (ascent + descent)) / 2 + ascent


class ScaledMeasurer:
    """A measurer for text set `factor` times larger than its role (the poster's title block),
    so the shared Wrapper can wrap it too."""

    def __init__(self, base: FontMeasurer, factor: float) -> None:
        self.base = base
        self.factor = factor

    def width(self, text: str, role: FontRole) -> float:
        return self.base.width(text, role) * self.factor

    def ascent(self, role: FontRole) -> float:
        return self.base.ascent(role) * self.factor

    def descent(self, role: FontRole) -> float:
        return self.base.descent(role) * self.factor
