"""A small synthetic CMYK output profile (ICC v2, lut16 tables), for tests on machines without
one: a made-up press ("JourneyMap test press": sRGB-like primaries, grey balance by heavy GCR,
300 % total ink). Real print shops send real profiles; this one only has to be a valid output
profile that littleCMS reads, with a black plate and an ink limit, so the PDF/X tests run
everywhere. The tests prefer a system profile (Debian's Ghostscript ones) when there is one.
"""

from __future__ import annotations

import struct
from itertools import product
from pathlib import Path

INK_LIMIT = 3.0
_D50 = (0.9642, 1.0, 0.8249)
_SRGB_TO_XYZ_D50 = ((0.4360747, 0.3850649, 0.1430804),
                    (0.2225045, 0.7168786, 0.0606169),
                    (0.0139322, 0.0971045, 0.7141733))
_XYZ_D50_TO_SRGB = ((3.1338561, -1.6168667, -0.4906146),
                    (-0.9787684, 1.9161415, 0.0334540),
                    (0.0719453, -0.2289914, 1.4052427))


def _decode(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _encode(v: float) -> float:
    v = min(max(v, 0.0), 1.0)
    return v * 12.92 if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055


def _f(t: float) -> float:
    return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116


def _f_inv(t: float) -> float:
    return t ** 3 if t ** 3 > 216 / 24389 else (116 * t - 16) * 27 / 24389


def _rgb_to_lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    linear = [_decode(v) for v in rgb]
    x, y, z = (sum(m * v for m, v in zip(row, linear, strict=True)) for row in _SRGB_TO_XYZ_D50)
    fx, fy, fz = _f(x / _D50[0]), _f(y / _D50[1]), _f(z / _D50[2])
    return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz))


def _lab_to_rgb(lab: tuple[float, float, float]) -> tuple[float, float, float]:
    light, a, b = lab
    fy = (light + 16) / 116
    xyz = (_f_inv(fy + a / 500) * _D50[0], _f_inv(fy) * _D50[1], _f_inv(fy - b / 200) * _D50[2])
    return tuple(_encode(sum(m * v for m, v in zip(row, xyz, strict=True)))  # type: ignore[return-value]
                 for row in _XYZ_D50_TO_SRGB)


def _press_to_lab(c: float, m: float, y: float, k: float) -> tuple[float, float, float]:
    shade = 1 - 0.96 * k
    return _rgb_to_lab(((1 - c) * shade, (1 - m) * shade, (1 - y) * shade))


def _lab_to_press(lab: tuple[float, float, float]) -> tuple[float, float, float, float]:
    r, g, b = _lab_to_rgb(lab)
    c0, m0, y0 = 1 - r, 1 - g, 1 - b
    k = min(c0, m0, y0) * 0.96
    if k >= 0.999:
        c = m = y = 1.0
    else:
        c, m, y = ((v - k) / (1 - k) for v in (c0, m0, y0))
    total = c + m + y + k
    if total > INK_LIMIT:
        factor = (INK_LIMIT - k) / (c + m + y)
        c, m, y = c * factor, m * factor, y * factor
    return (c, m, y, k)


def _u16(v: float) -> int:
    return max(0, min(0xFFFF, round(v * 0xFFFF)))


def _lab16(lab: tuple[float, float, float]) -> tuple[int, int, int]:
    light, a, b = lab
    return (max(0, min(0xFFFF, round(light * 652.8))),
            max(0, min(0xFFFF, round((a + 128) * 256))),
            max(0, min(0xFFFF, round((b + 128) * 256))))


def _lut16(inputs: int, outputs: int, grid: int, clut: list[int]) -> bytes:
    identity = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x10000]
    head = b"mft2" + b"\0" * 4 + struct.pack(">BBBB", inputs, outputs, grid, 0)
    head += struct.pack(">9i", *identity) + struct.pack(">HH", 2, 2)
    tables = struct.pack(f">{2 * inputs}H", *([0, 0xFFFF] * inputs))
    body = struct.pack(f">{len(clut)}H", *clut)
    out = struct.pack(f">{2 * outputs}H", *([0, 0xFFFF] * outputs))
    return head + tables + body + out


def _text_description(text: str) -> bytes:
    ascii_text = text.encode("ascii") + b"\0"
    return (b"desc" + b"\0" * 4 + struct.pack(">I", len(ascii_text)) + ascii_text
            + struct.pack(">II", 0, 0) + struct.pack(">HB", 0, 0) + b"\0" * 67)


def make_cmyk_profile(path: Path, description: str = "JourneyMap test press") -> Path:
    """Write the synthetic profile to `path` and return it."""
    a2b: list[int] = []
    steps = [i / 8 for i in range(9)]
    for c, m, y, k in product(steps, repeat=4):
        a2b += _lab16(_press_to_lab(c, m, y, k))
    b2a: list[int] = []
    grid = 17
    for li, ai, bi in product(range(grid), repeat=3):
        lab = (li / (grid - 1) * 100, ai / (grid - 1) * 255.99 - 128,
               bi / (grid - 1) * 255.99 - 128)
        b2a += [_u16(v) for v in _lab_to_press(lab)]
    xyz = b"XYZ " + b"\0" * 4 + struct.pack(">3i", *(round(v * 65536) for v in _D50))
    tags = [(b"desc", _text_description(description)),
            (b"cprt", b"text" + b"\0" * 4 + b"No copyright: a test fixture\0"),
            (b"wtpt", xyz),
            (b"A2B0", _lut16(4, 3, 9, a2b)),
            (b"B2A0", _lut16(3, 4, grid, b2a))]
    offset = 128 + 4 + 12 * len(tags)
    table = struct.pack(">I", len(tags))
    data = b""
    for signature, body in tags:
        while (offset + len(data)) % 4:
            data += b"\0"
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = 128 + len(table) + len(data)
    header = struct.pack(">I4sI4s4s4s6H4sI4sIIQI3i4s16s28s", size, b"lcms", 0x02100000,
                         b"prtr", b"CMYK", b"Lab ", 2024, 1, 1, 0, 0, 0, b"acsp", 0, b"\0" * 4,
                         0, 0, 0, 0, *(round(v * 65536) for v in _D50), b"\0" * 4,
                         b"\0" * 16, b"\0" * 28)
    assert len(header) == 128, len(header)
    path.write_bytes(header + table + data)
    return path
