#!/usr/bin/env python3
"""Compares `provenant inspect` with `exiftool -G -a -j -n` field by field on a folder of images.

Usage: scripts/compare-exiftool.py PROVENANT_BINARY FOLDER [--limit N]
Prints a Markdown table: for each field, how many files agree, differ, or have the value on one side only,
plus up to three examples of each disagreement. docs/cli.md lists the differences that remain.
Needs exiftool (Debian libimage-exiftool-perl). Tooling only; not part of the product or the test suite.
"""
import json
import math
import subprocess
import sys
from pathlib import Path


def exiftool(files):
    out = subprocess.run(["exiftool", "-G", "-a", "-j", "-n", "-q", "-q", *files], capture_output=True, text=True).stdout
    return {str(Path(entry["SourceFile"])): entry for entry in json.loads(out or "[]")}


def provenant(binary, files):
    listing = "\n".join(files) + "\n"
    out = subprocess.run([binary, "inspect", "-f", "jsonl", "--files-from", "-"], input=listing,
                         capture_output=True, text=True).stdout
    reports = {}
    for line in out.splitlines():
        report = json.loads(line)
        reports[report["path"]] = report.get("image") or {}
    return reports


def first(value):
    return value[0] if isinstance(value, list) and value else value


def as_list(value):
    if value is None:
        return None
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        try:
            return math.isclose(float(a), float(b), rel_tol=1e-4, abs_tol=1e-6)
        except (TypeError, ValueError):
            return False
    return str(a).strip() == str(b).strip()


# field name -> (exiftool value, provenant value)
def fields(tool, mine):
    exif = mine.get("exif") or {}
    iptc = mine.get("iptc") or {}
    xmp = mine.get("xmp") or {}
    gps = (exif.get("gps_latitude"), exif.get("gps_longitude")) if exif.get("has_gps") else None
    tool_gps = (tool.get("Composite:GPSLatitude"), tool.get("Composite:GPSLongitude"))
    png_text = sorted(k for k in tool if k.startswith("PNG:") and k.split(":", 1)[1] not in PNG_STRUCTURE)
    return {
        "width": (tool.get("File:ImageWidth") or tool.get("PNG:ImageWidth"), mine.get("width")),
        "height": (tool.get("File:ImageHeight") or tool.get("PNG:ImageHeight"), mine.get("height")),
        "make": (tool.get("EXIF:Make"), exif.get("make")),
        "model": (tool.get("EXIF:Model"), exif.get("model")),
        "software": (tool.get("EXIF:Software"), exif.get("software")),
        "date_time_original": (tool.get("EXIF:DateTimeOriginal"), exif.get("date_time_original")),
        "lens_model": (tool.get("EXIF:LensModel"), exif.get("lens_model")),
        "orientation": (tool.get("EXIF:Orientation"), exif.get("orientation")),
        "exposure_time": (tool.get("EXIF:ExposureTime"), exif.get("exposure_time")),
        "f_number": (tool.get("EXIF:FNumber"), exif.get("f_number")),
        "iso": (tool.get("EXIF:ISO"), exif.get("iso")),
        "focal_length": (tool.get("EXIF:FocalLength"), exif.get("focal_length")),
        "gps": (tool_gps if tool_gps[0] is not None else None, gps),
        "icc_description": (tool.get("ICC_Profile:ProfileDescription"), mine.get("icc_description")),
        "iptc_object_name": (tool.get("IPTC:ObjectName"), iptc.get("object_name")),
        "iptc_keywords": (as_list(tool.get("IPTC:Keywords")), iptc.get("keywords") or None),
        "iptc_byline": (as_list(tool.get("IPTC:By-line")), iptc.get("byline") or None),
        "iptc_credit": (tool.get("IPTC:Credit"), iptc.get("credit")),
        "iptc_copyright": (tool.get("IPTC:CopyrightNotice"), iptc.get("copyright_notice")),
        "iptc_caption": (tool.get("IPTC:Caption-Abstract"), iptc.get("caption")),
        "xmp_digital_source_type": (first(tool.get("XMP-iptcExt:DigitalSourceType")), xmp.get("digital_source_type")),
        "png_text_chunk_count": (len(png_text) or None, len(mine.get("text_chunks") or []) or None),
        "c2pa_present": (True if any(k.startswith(("JUMBF:", "C2PA")) for k in tool) else None, mine.get("c2pa_present") or None),
    }


PNG_STRUCTURE = {
    "ImageWidth", "ImageHeight", "BitDepth", "ColorType", "Compression", "Filter", "Interlace", "Gamma",
    "SRGBRendering", "PixelsPerUnitX", "PixelsPerUnitY", "PixelUnits", "WhitePointX", "WhitePointY", "RedX", "RedY",
    "GreenX", "GreenY", "BlueX", "BlueY", "Palette", "BackgroundColor", "SignificantBits", "Transparency",
    "ProfileName", "ICCProfileName", "ModifyDate", "ExifByteOrder", "Warning", "DataHash",
}


def pair_equal(a, b):
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return same(a, b)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    binary, folder = sys.argv[1], Path(sys.argv[2])
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    files = sorted(str(p) for p in folder.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png"))[:limit]
    tool, mine = exiftool(files), provenant(binary, files)
    stats, examples = {}, {}
    for file in files:
        for name, (a, b) in fields(tool.get(file, {}), mine.get(file, {})).items():
            key = ("agree" if pair_equal(a, b) else "differ") if a is not None and b is not None else (
                "exiftool only" if a is not None else "provenant only" if b is not None else None)
            if key is None:
                continue
            stats.setdefault(name, {}).setdefault(key, 0)
            stats[name][key] += 1
            if key != "agree" and len(examples.setdefault((name, key), [])) < 3:
                examples[(name, key)].append(f"{Path(file).name}: exiftool={a!r} provenant={b!r}")
    print(f"{len(files)} files under {folder}\n")
    print("| field | agree | differ | exiftool only | provenant only |\n| --- | --- | --- | --- | --- |")
    for name in sorted(stats):
        row = stats[name]
        print(f"| {name} | {row.get('agree', 0)} | {row.get('differ', 0)} | {row.get('exiftool only', 0)} | {row.get('provenant only', 0)} |")
    for (name, key), lines in sorted(examples.items()):
        print(f"\n{name} — {key}:")
        for line in lines:
            print(f"  {line[:300]}")


if __name__ == "__main__":
    main()
