#!/usr/bin/env python3
"""Reads every marked file of the shared watermark set with the invisible-watermark package's own
decoder and prints how many payload bits it recovers, so docs/watermark.md can set Provenant's
figures beside the reference's (tooling only; the product never runs Python).

Needs `invisible-watermark` 0.2.0, `opencv-python-headless` and `PyWavelets` (install the wheels
with --no-deps: the package's RivaGAN method imports torch, which this script does not use and
replaces with an empty module).

    python3 scripts/watermark_reference.py [--data ../shared/data/watermark]

Output: one Markdown row per marked file: file, method, channel order, bits recovered of the
payload's length, and whether the decoded payload is exact; and for each unmarked original, its
agreement with each known dwtDct payload (what chance and the content alone give).
"""

import argparse
import csv
import os
import sys
import types


def load_decoder():
    # imwatermark/__init__ imports its RivaGAN wrapper, which imports torch at module level.
    if "torch" not in sys.modules:
        sys.modules["torch"] = types.ModuleType("torch")
    from imwatermark import WatermarkDecoder  # noqa: E402

    return WatermarkDecoder


def channel_order(row, by_file):
    """The channel order the mark was embedded in: from the row's notes, or its source's."""
    notes = row["notes"]
    if "channel order rgb" in notes:
        return "rgb"
    if "channel order bgr" in notes:
        return "bgr"
    source = by_file.get(row["source_image"])
    return channel_order(source, by_file) if source else "bgr"


def agreement(bits, expected):
    """How many of the decoded bits equal the payload's, bit string `expected`."""
    return sum(("1" if bit else "0") == want for bit, want in zip(bits, expected))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=os.path.join(os.path.dirname(__file__), "../../shared/data/watermark"))
    args = parser.parse_args()

    import cv2

    decoder_type = load_decoder()
    with open(os.path.join(args.data, "manifest.csv"), newline="") as handle:
        rows = list(csv.DictReader(handle))
    by_file = {row["file"]: row for row in rows}
    print("| file | method | order | reference bits | exact |")
    print("|---|---|---|---|---|")
    payloads = sorted({(row["method"], row["message_bits"]) for row in rows if row["method"] == "dwtDct"})
    for row in rows:
        image = cv2.imread(os.path.join(args.data, row["file"]), cv2.IMREAD_COLOR)  # BGR
        if image is None:
            print(f"| {row['file']} | {row['method']} | – | unreadable | – |")
            continue
        if row["method"] == "none":
            # An unmarked original read for each known payload: the agreement chance alone gives.
            for method, expected in payloads:
                agree = agreement(decoder_type("bits", len(expected)).decode(image, method), expected)
                print(f"| {row['file']} (unmarked) | {method} | bgr | {agree}/{len(expected)} | – |")
            continue
        expected = row["message_bits"]
        order = channel_order(row, by_file)
        if order == "rgb":
            image = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        agree = agreement(decoder_type("bits", len(expected)).decode(image, row["method"]), expected)
        exact = "yes" if agree == len(expected) else "no"
        print(f"| {row['file']} | {row['method']} | {order} | {agree}/{len(expected)} | {exact} |")


if __name__ == "__main__":
    main()
