"""The last pass over every PDF reportlab wrote, with pikepdf (qpdf): what reportlab cannot do.

- The outline's /Count entries, which reportlab gets wrong at the root.
- Font subset tags: reportlab names the first subset of every font `AAAAAA+`, so two files (or
  two fonts in one) carry the same tag for different glyph sets, which confuses preflight tools
  and RIPs that cache fonts by name. Each subset gets a tag made from a hash of its own glyphs.
- PDF/X-4 (ISO 15930-7), for posters sent to a print shop: PDF 1.6, an output intent
  `/GTS_PDFX` embedding the shop's CMYK profile, XMP metadata naming the standard
  (`pdfxid:GTS_PDFXVersion`), with the title, dates, document and instance ids and the trapped
  flag matching the Info dictionary. The boxes, fonts and colours are right already when
  reportlab writes the pages (see poster.py and colours.py).
"""

from __future__ import annotations

import hashlib
import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape as _escape_html
from typing import BinaryIO

import pikepdf

from journeymap_desktop.export.icc import OutputProfile


def escape(text: str) -> str:
    """&, < and > as XML entities (what xml.sax.saxutils.escape does; importing that module
    pulls in urllib, http and ssl, ~20 ms of every PDF export's start-up)."""
    return _escape_html(text, quote=False)


PDFX_VERSION = "PDF/X-4"
_TAG_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass(frozen=True)
class PdfxInfo:
    title: str
    author: str
    subject: str
    keywords: str
    creator: str
    profile: OutputProfile


def _tag(seed: bytes, taken: set[str]) -> str:
    digest = hashlib.sha256(seed).digest()
    for start in range(len(digest) - 6):
        tag = "".join(_TAG_LETTERS[b % 26] for b in digest[start:start + 6])
        if tag not in taken:
            return tag
    raise RuntimeError("no free subset tag")  # 26 tries of 26**6 names: never in practice


def retag_subsets(pdf: pikepdf.Pdf) -> None:
    """Give every subset font a tag of its own, derived from its embedded glyphs."""
    taken: set[str] = set()
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != pikepdf.Name.Font:
            continue
        base = str(obj.get("/BaseFont", ""))[1:]
        prefix, plus, name = base.partition("+")
        if not plus or len(prefix) != 6:
            continue
        descriptor = obj.get("/FontDescriptor")
        program = b""
        if isinstance(descriptor, pikepdf.Dictionary):
            stream = descriptor.get("/FontFile2")
            if isinstance(stream, pikepdf.Stream):
                program = stream.read_raw_bytes()
        tag = _tag(name.encode() + b"\0" + program, taken)
        taken.add(tag)
        obj.BaseFont = pikepdf.Name(f"/{tag}+{name}")
        if isinstance(descriptor, pikepdf.Dictionary):
            descriptor.FontName = pikepdf.Name(f"/{tag}+{name}")


def _children(item: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    found: list[pikepdf.Dictionary] = []
    child = item.get("/First")
    while isinstance(child, pikepdf.Dictionary) and len(found) < 100_000:
        found.append(child)
        child = child.get("/Next")
    return found


def _visible(item: pikepdf.Dictionary) -> int:
    """Set /Count on `item`'s open descendants; returns how many of them are visible."""
    total = 0
    for child in _children(item):
        below = _visible(child)
        if below:
            is_open = int(child.get("/Count", 1)) > 0
            child.Count = below if is_open else -below
            total += 1 + (below if is_open else 0)
        else:
            if "/Count" in child:
                del child["/Count"]
            total += 1
    return total


def fix_outline_counts(pdf: pikepdf.Pdf) -> None:
    """reportlab counts one item too many at the outline's root (a strict validator rejects
    that): every /Count is computed again from the tree, the open/closed state kept."""
    outlines = pdf.Root.get("/Outlines")
    if isinstance(outlines, pikepdf.Dictionary):
        outlines.Count = _visible(outlines)


def _pdf_date(moment: datetime) -> str:
    return moment.strftime("D:%Y%m%d%H%M%S+00'00'")


def _xmp(info: PdfxInfo, moment: datetime, document_id: str, instance_id: str) -> bytes:
    when = moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.title)}</rdf:li>
    </rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.subject)}</rdf:li>
    </rdf:Alt></dc:description>
   <xmp:CreateDate>{when}</xmp:CreateDate>
   <xmp:ModifyDate>{when}</xmp:ModifyDate>
   <xmp:MetadataDate>{when}</xmp:MetadataDate>
   <xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>
   <pdf:Producer>{escape(info.creator)}</pdf:Producer>
   <pdf:Keywords>{escape(info.keywords)}</pdf:Keywords>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{instance_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>{PDFX_VERSION}</pdfxid:GTS_PDFXVersion>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


def make_pdfx(pdf: pikepdf.Pdf, info: PdfxInfo, moment: datetime | None = None) -> None:
    """Turn reportlab's CMYK poster into PDF/X-4 (in place; saved by the caller)."""
    moment = (moment or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    profile = info.profile
    icc = pikepdf.Stream(pdf, profile.data)
    icc.N = 4
    pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=profile.identifier,
        OutputCondition=profile.identifier,
        RegistryName="http://www.color.org",
        Info=profile.identifier,
        DestOutputProfile=icc,
    )])
    document_id = f"uuid:{uuid.uuid4()}"
    instance_id = f"uuid:{uuid.uuid4()}"
    metadata = pikepdf.Stream(pdf, _xmp(info, moment, document_id, instance_id))
    metadata.Type = pikepdf.Name.Metadata
    metadata.Subtype = pikepdf.Name.XML
    pdf.Root.Metadata = metadata
    docinfo = pikepdf.Dictionary(
        Title=info.title, Author=info.author, Subject=info.subject, Keywords=info.keywords,
        Creator=info.creator, Producer=info.creator,
        CreationDate=_pdf_date(moment), ModDate=_pdf_date(moment),
        Trapped=pikepdf.Name("/False"),
        GTS_PDFXVersion=PDFX_VERSION,
    )
    pdf.trailer.Info = pdf.make_indirect(docinfo)
    # The file identifier: a document id that stays, an instance id for this rendition.
    pdf.trailer.ID = pikepdf.Array([pikepdf.String(uuid.UUID(document_id[5:]).bytes),
                                    pikepdf.String(uuid.UUID(instance_id[5:]).bytes)])


def finish(data: bytes, out: BinaryIO, pdfx: PdfxInfo | None = None) -> None:
    """Rewrite reportlab's file `data` into `out`: subset tags, and PDF/X-4 when asked."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        retag_subsets(pdf)
        fix_outline_counts(pdf)
        if pdfx is not None:
            make_pdfx(pdf, pdfx)
            pdf.save(out, force_version="1.6",
                     object_stream_mode=pikepdf.ObjectStreamMode.generate,
                     compress_streams=True, fix_metadata_version=False)
        else:
            pdf.save(out, compress_streams=True, fix_metadata_version=False)
