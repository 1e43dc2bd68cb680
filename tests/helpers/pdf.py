"""Looking inside a PDF as a print shop's preflight does: boxes, fonts, colour operators,
text. (The sample maps the PDF tests print are in tests/helpers/maps.py.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject

MM = 72 / 25.4


def normalised(text: str) -> str:
    return " ".join(text.split())


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def all_text(path: Path) -> str:
    return normalised(" ".join(page_texts(path)))


def box(page: DictionaryObject, name: str) -> tuple[float, float, float, float]:
    value = page[name]
    return tuple(float(v) for v in value)  # type: ignore[return-value]


def _resolve(obj: object) -> object:
    return obj.get_object() if isinstance(obj, IndirectObject) else obj


def xobjects(resources: object) -> Iterator[DictionaryObject]:
    """Every form XObject reachable from a resources dictionary, depth first."""
    resources = _resolve(resources)
    if not isinstance(resources, DictionaryObject) or "/XObject" not in resources:
        return
    for ref in _resolve(resources["/XObject"]).values():  # type: ignore[union-attr]
        form = _resolve(ref)
        yield form  # type: ignore[misc]
        yield from xobjects(form.get("/Resources"))  # type: ignore[union-attr]


def fonts(path: Path) -> dict[str, DictionaryObject]:
    """Every font the document uses, by base font name."""
    reader = PdfReader(path)
    found: dict[str, DictionaryObject] = {}

    def collect(resources: object) -> None:
        resources = _resolve(resources)
        if isinstance(resources, DictionaryObject) and "/Font" in resources:
            for ref in _resolve(resources["/Font"]).values():  # type: ignore[union-attr]
                font = _resolve(ref)
                found[str(font["/BaseFont"])] = font  # type: ignore[index]

    for page in reader.pages:
        collect(page.get("/Resources"))
        for form in xobjects(page.get("/Resources")):
            collect(form.get("/Resources"))
    return found


def operators(path: Path) -> Iterator[tuple[list[object], bytes]]:
    """Every (operands, operator) in every page and form content stream."""
    reader = PdfReader(path)
    seen: set[int] = set()
    for page in reader.pages:
        yield from ContentStream(page.get_contents(), reader).operations  # type: ignore[misc]
        for form in xobjects(page.get("/Resources")):
            if id(form) in seen:
                continue
            seen.add(id(form))
            yield from ContentStream(form, reader).operations  # type: ignore[misc]
