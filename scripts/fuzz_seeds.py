#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets (Fuzz/) from the repository's own files.

Whole files come from Samples/ (which scripts/make_samples.py and scripts/c2pa generate); the
targets that take one structure (EXIF, XMP, JUMBF, CBOR, COSE, X.509, zlib) get that structure cut
out of those files, so the fuzzer starts from valid inputs of every parser.

usage: scripts/fuzz_seeds.py OUT_DIR [EXTRA_DIR ...]
Extra directories (for example ../shared/data/robustness) add their files as whole-file seeds;
they are used locally and never committed.
"""
import base64
import hashlib
import pathlib
import struct
import sys
import zlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
MAX_SEED = 1 << 20
# Formats decoded through the other shims (WebP, HEIF/AVIF, TIFF/DNG): whole-file seeds only.
OTHER_IMAGE_SUFFIXES = (".webp", ".heic", ".heif", ".avif", ".tif", ".tiff", ".dng")  # whole-file seeds larger than this slow fuzzing down more than they help


# A packet with the shapes the XMP parser reads: attributes, simple elements, Alt/Seq/Bag lists,
# nested resources and a C2PA provenance pointer.
XMP_SEED = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:dcterms="http://purl.org/dc/terms/"
 xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmp:CreatorTool="Provenant seed 1.0"
 photoshop:Credit="Seed &amp; Co" dcterms:provenance="self#jumbf=/c2pa/urn:c2pa:1234/c2pa.claim">
<dc:creator><rdf:Seq><rdf:li>Ada</rdf:li><rdf:li>Grace</rdf:li></rdf:Seq></dc:creator>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Lake &#x3042;</rdf:li></rdf:Alt></dc:title>
<dc:subject><rdf:Bag><rdf:li>lake</rdf:li></rdf:Bag></dc:subject>
<Iptc4xmpExt:DigitalSourceType>http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia</Iptc4xmpExt:DigitalSourceType>
<xmp:History><rdf:Seq><rdf:li rdf:parseType="Resource"><xmp:action>created</xmp:action></rdf:li></rdf:Seq></xmp:History>
<!-- comment --><![CDATA[raw]]>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def jpeg_segments(data):
    """(marker, payload) for every marker segment before the first scan."""
    out = []
    if data[:2] != b"\xff\xd8":
        return out
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            break
        marker = data[i + 1]
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            i += 2
            continue
        if marker == 0xD9:
            break
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        out.append((marker, data[i + 4:i + 2 + length]))
        if marker == 0xDA:
            break
        i += 2 + length
    return out


def png_chunks(data):
    out = []
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return out
    i = 8
    while i + 12 <= len(data):
        length, kind = struct.unpack(">I4s", data[i:i + 8])
        out.append((kind.decode("latin-1"), data[i + 8:i + 8 + length]))
        i += 12 + length
    return out


def jumbf_from_jpeg(segments):
    """Reassembles the C2PA JUMBF store carried in APP11 segments (ISO 19566-5 JPEG-1 embedding)."""
    parts = {}
    for marker, payload in segments:
        if marker != 0xEB or payload[:2] != b"JP" or len(payload) < 16:
            continue
        instance = payload[2:4]
        sequence = struct.unpack(">I", payload[4:8])[0]
        parts.setdefault(instance, []).append((sequence, payload[8:]))
    stores = []
    for pieces in parts.values():
        pieces.sort()
        store = pieces[0][1] + b"".join(p[8:] for _, p in pieces[1:])  # continuations repeat LBox+TBox
        stores.append(store)
    return stores


def boxes(data, start=0, end=None, depth=0):
    """Every (type, payload) box of a JUMBF tree, recursing into superboxes."""
    end = len(data) if end is None else end
    i = start
    while i + 8 <= end and depth < 16:
        size, kind = struct.unpack(">I4s", data[i:i + 8])
        header = 8
        if size == 1 and i + 16 <= end:
            size = struct.unpack(">Q", data[i + 8:i + 16])[0]
            header = 16
        elif size == 0:
            size = end - i
        if size < header or i + size > end:
            break
        yield kind, data[i + header:i + size]
        if kind == b"jumb":
            yield from boxes(data, i + header, i + size, depth + 1)
        i += size


def pem_ders(text):
    ders, block = [], None
    for line in text.splitlines():
        if line.startswith("-----BEGIN CERTIFICATE"):
            block = []
        elif line.startswith("-----END CERTIFICATE") and block is not None:
            ders.append(base64.b64decode("".join(block)))
            block = None
        elif block is not None:
            block.append(line.strip())
    return ders


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    corpora = {}

    def add(target, data):
        if data and len(data) <= MAX_SEED:
            corpora.setdefault(target, {})[hashlib.sha1(data).hexdigest()] = data

    files = sorted(p for p in (ROOT / "Samples").rglob("*") if p.is_file())
    for extra in sys.argv[2:]:
        files += sorted(p for p in pathlib.Path(extra).rglob("*") if p.is_file())
    for path in files:
        data = path.read_bytes()
        if path.suffix == ".pem":
            ders = pem_ders(data.decode("latin-1"))
            add("FuzzX509", b"".join(struct.pack(">H", len(d)) + d for d in ders))
            for der in ders:
                add("FuzzX509", struct.pack(">H", len(der)) + der)
            continue
        is_jpeg, is_png = data[:2] == b"\xff\xd8", data[:8] == b"\x89PNG\r\n\x1a\n"
        if path.suffix.lower() in OTHER_IMAGE_SUFFIXES:
            for target in ("FuzzDecoders", "FuzzAnalyzer", "FuzzC2PAStore"):
                add(target, data)
            continue
        if not (is_jpeg or is_png) and path.suffix not in (".c2pa", ".jumbf", ".xmp", ".cbor"):
            continue
        for target in ("FuzzDecoders", "FuzzAnalyzer", "FuzzC2PAStore"):
            add(target, data)
        add("FuzzJPEGContainer" if is_jpeg else "FuzzPNGContainer", data)
        stores = []
        if is_jpeg:
            segments = jpeg_segments(data)
            for marker, payload in segments:
                if marker == 0xE1 and payload.startswith(b"Exif\0\0"):
                    add("FuzzEXIF", payload[6:])
                if marker == 0xE1 and payload.startswith(b"http://ns.adobe.com/xap/1.0/\0"):
                    add("FuzzXMP", payload[29:])
            stores = jumbf_from_jpeg(segments)
        if is_png:
            idat = b""
            for kind, payload in png_chunks(data):
                if kind == "eXIf":
                    add("FuzzEXIF", payload)
                elif kind == "caBX":
                    stores.append(payload)
                elif kind == "IDAT":
                    idat += payload
                elif kind == "iTXt" and payload.startswith(b"XML:com.adobe.xmp\0"):
                    add("FuzzXMP", payload.split(b"\0", 3)[-1].split(b"\0", 1)[-1])
                elif kind in ("zTXt", "iCCP"):
                    add("FuzzInflate", payload.split(b"\0", 1)[-1][1:])
            add("FuzzInflate", idat[:MAX_SEED])
            add("FuzzInflate", idat[2:MAX_SEED])  # raw DEFLATE without the zlib header
        for store in stores:
            add("FuzzJUMBF", store)
            add("FuzzC2PAStore", store)
            for kind, payload in boxes(store):
                if kind == b"cbor":
                    add("FuzzCBOR", payload)
                    add("FuzzCOSE", payload)
    add("FuzzInflate", zlib.compress(b"provenant " * 200))
    add("FuzzXMP", XMP_SEED.encode())
    for target, seeds in sorted(corpora.items()):
        directory = out / target
        directory.mkdir(parents=True, exist_ok=True)
        for name, data in seeds.items():
            (directory / name).write_bytes(data)
        print(f"{target}: {len(seeds)} seeds")


if __name__ == "__main__":
    main()
