"""Reading produced PDFs the way a preflight tool does, for the print-quality tests.

- `text_sizes(path)`: every piece of text with its printed size in points, computed by
  pdfminer.six from the font size and the full transformation (text matrix x CTM, forms
  included), and whether it lies inside the page's TrimBox.
- `paint_ops(path)`: every text show and path paint with the fill colour, the overprint
  state and the printed size, from a small interpreter over pikepdf's parsed content streams
  (q/Q, cm, gs, colour, Tf, Tm, Do), so colour and overprint claims can be checked.
No tests in here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import pikepdf


@dataclass(frozen=True)
class TextSize:
    page: int
    text: str
    size: float  # points as printed
    inside_trim: bool
    y: float = 0.0  # the baseline's height on the page (points from the bottom)


def text_sizes(path: Path) -> list[TextSize]:
    """Printed text sizes by pdfminer.six: its device receives each text string with the
    text state (font size) and the CTM; the size is the font size scaled by the combined
    matrix's vertical scale (sqrt of |det|, the glyphs are never stretched)."""
    from pdfminer.converter import PDFConverter
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.utils import mult_matrix

    found: list[TextSize] = []

    class Sizes(PDFConverter):  # type: ignore[misc]
        def __init__(self, rsrcmgr: PDFResourceManager) -> None:
            super().__init__(rsrcmgr, outfp=None)
            self.page_number = 0
            self.trim = (0.0, 0.0, 0.0, 0.0)

        def render_string(self, textstate, seq, ncs, graphicstate):  # type: ignore[no-untyped-def]
            matrix = mult_matrix(textstate.matrix, self.ctm)
            a, b, c, d, e, f = matrix
            size = textstate.fontsize * math.sqrt(abs(a * d - b * c))
            x0, y0, x1, y1 = self.trim
            inside = x0 - 1 <= e <= x1 + 1 and y0 - 1 <= f <= y1 + 1
            chars = "".join(chr(ch) if isinstance(ch, int) and ch < 0x110000 else ""
                            for item in seq if isinstance(item, bytes) for ch in item)
            found.append(TextSize(self.page_number, chars, size, inside, f))

    manager = PDFResourceManager()
    device = Sizes(manager)
    interpreter = PDFPageInterpreter(manager, device)
    with path.open("rb") as handle:
        for number, page in enumerate(PDFPage.get_pages(handle)):
            device.page_number = number
            trim = page.attrs.get("TrimBox") or page.mediabox
            device.trim = tuple(float(v) for v in _resolve(trim))
            interpreter.process_page(page)
    return found


def _resolve(value):  # type: ignore[no-untyped-def]
    from pdfminer.pdftypes import resolve1

    return [resolve1(v) for v in resolve1(value)]


def smallest_inside_trim(path: Path) -> float:
    sizes = [t.size for t in text_sizes(path) if t.inside_trim]
    return min(sizes) if sizes else math.inf


# ----- colours and overprint ------------------------------------------------------------------
@dataclass(frozen=True)
class Paint:
    kind: str  # "text", "fill" or "stroke"
    colour: tuple[str, tuple[float, ...]]  # ("cmyk", (c, m, y, k)), ("rgb", ...) or ("gray", ...)
    overprint: bool  # fill overprint (/op) for text and fills, /OP for strokes
    overprint_mode: int
    size: float  # text: printed size in points; paths: 0
    width: float = 0.0  # strokes: the line width as printed, in points


Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mult(m1: Matrix, m2: Matrix) -> Matrix:
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (a1 * a2 + b1 * c2, a1 * b2 + b1 * d2, c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
            e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2)


@dataclass
class _State:
    ctm: Matrix = _IDENTITY
    fill: tuple[str, tuple[float, ...]] = ("gray", (0.0,))
    stroke: tuple[str, tuple[float, ...]] = ("gray", (0.0,))
    op: bool = False
    big_op: bool = False
    opm: int = 0
    line_width: float = 1.0

    def copy(self) -> _State:
        return _State(self.ctm, self.fill, self.stroke, self.op, self.big_op, self.opm,
                      self.line_width)


_PAINT_FILL = {"f", "F", "f*", "B", "B*", "b", "b*"}
_PAINT_STROKE = {"S", "s", "B", "B*", "b", "b*"}


def paint_ops(path: Path) -> list[Paint]:
    """Every paint operation of every page (forms followed), with its colour and overprint."""
    out: list[Paint] = []
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            _walk(page.obj, page.Resources, _State(), out, depth=0)
    return out


def _walk(holder: pikepdf.Object, resources: pikepdf.Object, state: _State, out: list[Paint],
          depth: int) -> None:
    stack: list[_State] = []
    font_size = 0.0
    text_matrix: Matrix = _IDENTITY
    gstates = resources.get("/ExtGState", {}) if resources is not None else {}
    xobjects = resources.get("/XObject", {}) if resources is not None else {}
    for operands, operator in pikepdf.parse_content_stream(holder):
        op = str(operator)
        numeric = op in ("cm", "Tm", "k", "K", "rg", "RG", "g", "G", "w")
        args = [float(v) for v in operands] if numeric else []
        if op == "q":
            stack.append(state.copy())
        elif op == "Q":
            state = stack.pop()
        elif op == "cm":
            state.ctm = _mult(tuple(args), state.ctm)  # type: ignore[arg-type]
        elif op in ("k", "rg", "g"):
            state.fill = ({"k": "cmyk", "rg": "rgb", "g": "gray"}[op], tuple(args))
        elif op in ("K", "RG", "G"):
            state.stroke = ({"K": "cmyk", "RG": "rgb", "G": "gray"}[op], tuple(args))
        elif op == "gs":
            entry = gstates[str(operands[0])]
            if "/op" in entry:
                state.op = bool(entry["/op"])
            if "/OP" in entry:
                state.big_op = bool(entry["/OP"])
                if "/op" not in entry:
                    state.op = state.big_op
            if "/OPM" in entry:
                state.opm = int(entry["/OPM"])
        elif op == "w":
            state.line_width = args[0]
        elif op == "Tf":
            font_size = float(operands[1])
        elif op == "Tm":
            text_matrix = tuple(args)  # type: ignore[assignment]
        elif op in ("Tj", "TJ", "'", '"'):
            m = _mult(text_matrix, state.ctm)
            size = font_size * math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
            out.append(Paint("text", state.fill, state.op, state.opm, size))
        elif op in _PAINT_FILL or op in _PAINT_STROKE:
            if op in _PAINT_FILL:
                out.append(Paint("fill", state.fill, state.op, state.opm, 0.0))
            if op in _PAINT_STROKE:
                m = state.ctm
                width = state.line_width * math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))
                out.append(Paint("stroke", state.stroke, state.big_op, state.opm, 0.0, width))
        elif op == "Do" and depth < 8:
            form = xobjects[str(operands[0])]
            inner = state.copy()
            if "/Matrix" in form:
                inner.ctm = _mult(tuple(float(v) for v in form.Matrix), inner.ctm)  # type: ignore[arg-type]
            _walk(form, form.get("/Resources", resources), inner, out, depth + 1)
