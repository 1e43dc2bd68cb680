"""The bundled fonts made small enough to embed in an SVG, with their own metrics intact.

An SVG names its fonts; a viewer that lacks them draws other letters. So the SVG embeds the
faces it uses (as @font-face data), but only the outlines of the characters it draws: every other
glyph is kept empty, so glyph numbers, the character map and the advance widths stay exactly as
in the bundled file (the widths the layout measured). The tables for kerning and ligatures
(GPOS, GSUB) are left out on purpose: the layout measures without them, so a browser must draw
without them too. Pure Python, no font library.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

from journeymap_desktop.layout.typeface import FontFace

# Tables a browser needs to draw the kept glyphs (and OTS, Chromium's font checker, accepts).
_KEEP = (b"OS/2", b"cmap", b"cvt ", b"fpgm", b"gasp", b"glyf", b"head", b"hhea", b"hmtx",
         b"loca", b"maxp", b"name", b"post", b"prep")
_ARGS_ARE_WORDS = 0x0001
_HAVE_SCALE = 0x0008
_MORE_COMPONENTS = 0x0020
_HAVE_X_AND_Y_SCALE = 0x0040
_HAVE_TWO_BY_TWO = 0x0080


def _tables(data: bytes) -> dict[bytes, bytes]:
    count = struct.unpack_from(">H", data, 4)[0]
    found = {}
    for i in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        found[tag] = data[offset:offset + length]
    return found


def _glyph_offsets(tables: dict[bytes, bytes]) -> list[int]:
    glyph_count = struct.unpack_from(">H", tables[b"maxp"], 4)[0]
    long_offsets = struct.unpack_from(">h", tables[b"head"], 50)[0] == 1
    loca = tables[b"loca"]
    if long_offsets:
        return list(struct.unpack_from(f">{glyph_count + 1}I", loca, 0))
    return [2 * v for v in struct.unpack_from(f">{glyph_count + 1}H", loca, 0)]


def _components(glyph: bytes) -> list[int]:
    """The glyphs a composite glyph is made of (none for a simple glyph)."""
    if len(glyph) < 10 or struct.unpack_from(">h", glyph, 0)[0] >= 0:
        return []
    found = []
    at = 10
    while True:
        flags, index = struct.unpack_from(">HH", glyph, at)
        found.append(index)
        at += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        if flags & _HAVE_SCALE:
            at += 2
        elif flags & _HAVE_X_AND_Y_SCALE:
            at += 4
        elif flags & _HAVE_TWO_BY_TWO:
            at += 8
        if not flags & _MORE_COMPONENTS:
            return found


def _checksum(table: bytes) -> int:
    padded = table + b"\0" * (-len(table) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def _sfnt(tables: dict[bytes, bytes]) -> bytes:
    tags = sorted(tables)
    count = len(tags)
    power = 1
    while power * 2 <= count:
        power *= 2
    header = struct.pack(">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1,
                         count * 16 - power * 16)
    offset = 12 + 16 * count
    records = []
    body = []
    for tag in tags:
        table = tables[tag]
        records.append(struct.pack(">4sIII", tag, _checksum(table), offset, len(table)))
        body.append(table + b"\0" * (-len(table) % 4))
        offset += len(table) + (-len(table) % 4)
    font = bytearray(header + b"".join(records) + b"".join(body))
    # head.checkSumAdjustment makes the whole file's checksum come to 0xB1B0AFBA.
    head_at = 12 + 16 * count + sum(len(b) for b, t in zip(body, tags, strict=True)
                                    if t < b"head")
    adjustment = (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF
    struct.pack_into(">I", font, head_at + 8, adjustment)
    return bytes(font)


def subset_font(face: FontFace, codes: Iterable[int]) -> bytes:
    """The face's TTF with outlines only for `codes` (and .notdef), everything else as is."""
    tables = _tables(face.path.read_bytes())
    offsets = _glyph_offsets(tables)
    glyf = tables[b"glyf"]
    wanted = {0} | {face.glyphs[code] for code in codes if code in face.glyphs}
    todo = list(wanted)
    while todo:
        glyph = todo.pop()
        for part in _components(glyf[offsets[glyph]:offsets[glyph + 1]]):
            if part not in wanted:
                wanted.add(part)
                todo.append(part)
    new_glyf = bytearray()
    new_offsets = []
    for glyph in range(len(offsets) - 1):
        new_offsets.append(len(new_glyf))
        if glyph in wanted:
            new_glyf += glyf[offsets[glyph]:offsets[glyph + 1]]
            new_glyf += b"\0" * (-len(new_glyf) % 4)
    new_offsets.append(len(new_glyf))
    kept = {tag: table for tag, table in tables.items() if tag in _KEEP}
    kept[b"glyf"] = bytes(new_glyf)
    kept[b"loca"] = struct.pack(f">{len(new_offsets)}I", *new_offsets)
    head = bytearray(kept[b"head"])
    struct.pack_into(">I", head, 8, 0)  # checkSumAdjustment, set when the file is put together
    struct.pack_into(">h", head, 50, 1)  # long loca offsets
    kept[b"head"] = bytes(head)
    # post version 3: no glyph names (most of the table, and not needed to draw).
    kept[b"post"] = struct.pack(">I", 0x00030000) + kept[b"post"][4:32]
    return _sfnt(kept)
