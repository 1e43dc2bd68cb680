"""Bytes -> text for the text formats (Mermaid, CSV): byte-order marks, UTF-8, UTF-16, and a
Windows-1252 fallback for files saved by older spreadsheet programs; binary files refused
with a one-line message that says what they seem to be."""

from __future__ import annotations

from dataclasses import dataclass

from journeymap_desktop.storage.importers.errors import Diagnostic, ImportRefused

# Signatures of files people pick by mistake: say what they are instead of "invalid text".
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (an .xlsx, .ods or .zip file), not a text file"),
    (b"PK\x05\x06", "an empty ZIP archive, not a text file"),
    (b"%PDF", "a PDF document, not a text file"),
    (b"\x89PNG", "a PNG image, not a text file"),
    (b"\xff\xd8\xff", "a JPEG image, not a text file"),
    (b"GIF8", "a GIF image, not a text file"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "an old Excel .xls file (or a password-protected .xlsx): save it as .xlsx or CSV"),
    (b"SQLite format 3\x00", "an SQLite database, not a text file"),
    (b"\x1f\x8b", "a gzip-compressed file: unpack it first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive: unpack it first"),
    (b"Rar!", "a RAR archive: unpack it first"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark starts with UTF-16's.
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_SNIFF_BYTES = 4096
# Bytes Windows-1252 leaves undefined; a file holding them is read as Latin-1 instead.
_CP1252_HOLES = frozenset(b"\x81\x8d\x8f\x90\x9d")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str  # as Python names it: "utf-8", "utf-16-le", "cp1252", ...
    had_bom: bool
    warnings: tuple[Diagnostic, ...] = ()


def binary_kind(head: bytes) -> str | None:
    """What a file that starts with `head` is, if it is a known binary format."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return what
    return None


def _line_of(raw: bytes, offset: int, encoding: str = "utf-8") -> int:
    return raw.count("\n".encode(encoding), 0, offset) + 1


def _utf16_without_bom(head: bytes) -> str | None:
    """Text in UTF-16 without a byte-order mark has a NUL in every other byte (for Latin
    scripts); say which order, or None."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_nuls = sum(1 for i in range(0, 2 * pairs, 2) if head[i] == 0)
    odd_nuls = sum(1 for i in range(1, 2 * pairs, 2) if head[i] == 0)
    if odd_nuls >= 0.4 * pairs and even_nuls <= 0.05 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.4 * pairs and odd_nuls <= 0.05 * pairs:
        return "utf-16-be"
    return None


def decode_text(raw: bytes, source: str, *, what: str) -> DecodedText:
    """Decode a whole text file. `what` names the expected format in messages ("a CSV file")."""
    head = raw[:_SNIFF_BYTES]
    if not raw.strip():
        raise ImportRefused(source, f"the file is empty; expected {what}", place=None)
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode_strict(raw[len(bom):], source, encoding, had_bom=True, what=what)
    kind = binary_kind(head)
    if kind:
        raise ImportRefused(source, f"this is {kind}; expected {what}")
    if b"\x00" in head:
        encoding16 = _utf16_without_bom(head)
        if encoding16 is None:
            raise ImportRefused(source, f"this is binary data, not text (a NUL byte at offset "
                                        f"{head.index(0)}); expected {what}")
        decoded = _decode_strict(raw, source, encoding16, had_bom=False, what=what)
        note = Diagnostic(None, "warning", "utf16-no-bom",
                          f"the file is UTF-16 without a byte-order mark; read as {encoding16}")
        return DecodedText(decoded.text, decoded.encoding, False, (note, *decoded.warnings))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.end >= len(raw) and "unexpected end" in str(error.reason):
            # A character cut in half by the end of the file: the file was cut short.
            text = raw[: error.start].decode("utf-8")
            note = Diagnostic(_line_of(raw, error.start), "warning", "cut-short",
                              "the file ends in the middle of a character: it seems cut short",
                              unit="line")
            return _checked(DecodedText(text, "utf-8", False, (note,)), source, what)
        return _checked(_legacy(raw, error), source, what)
    return _checked(DecodedText(text, "utf-8", False), source, what)


def _decode_strict(body: bytes, source: str, encoding: str, *, had_bom: bool,
                   what: str) -> DecodedText:
    try:
        text = body.decode(encoding)
    except UnicodeDecodeError as error:
        line = _line_of(body, error.start, encoding)
        if error.end >= len(body) and ("truncated" in str(error.reason)
                                       or "unexpected end" in str(error.reason)):
            text = body[: error.start].decode(encoding)
            note = Diagnostic(line, "warning", "cut-short",
                              "the file ends in the middle of a character: it seems cut short")
            return _checked(DecodedText(text, encoding, had_bom, (note,)), source, what)
        where = f" at line {line:,}" if line else ""
        raise ImportRefused(source, f"not valid {encoding.upper()} text{where} "
                                    f"(offset {error.start:,}); expected {what}") from None
    return _checked(DecodedText(text, encoding, had_bom), source, what)


def _legacy(raw: bytes, error: UnicodeDecodeError) -> DecodedText:
    line = _line_of(raw, error.start)
    byte = raw[error.start]
    if _CP1252_HOLES.isdisjoint(raw):
        encoding, name = "cp1252", "Windows-1252 (Western European)"
    else:
        encoding, name = "latin-1", "Latin-1"
    note = Diagnostic(line, "warning", "not-utf8",
                      f"not UTF-8 (byte 0x{byte:02x} on this line); read as {name}: check "
                      "accented letters", unit="line")
    return DecodedText(raw.decode(encoding), encoding, False, (note,))


def _checked(decoded: DecodedText, source: str, what: str) -> DecodedText:
    """Refuse text that decoded but is full of control characters: binary data that happens
    to have no NUL bytes in its first few kilobytes."""
    sample = decoded.text[:65536]
    controls = sum(1 for char in sample
                   if (char < " " and char not in "\t\r\n\f\v") or char == "\x7f")
    if sample and controls > max(8, len(sample) // 100):
        raise ImportRefused(source, f"this is binary data, not text ({controls:,} control "
                                    f"characters in the first {len(sample):,}); expected {what}")
    if "\x00" in decoded.text:
        offset = decoded.text.index("\x00")
        line = decoded.text.count("\n", 0, offset) + 1
        raise ImportRefused(source, f"a NUL character on line {line:,}: this is not a text "
                                    f"file; expected {what}")
    return decoded
