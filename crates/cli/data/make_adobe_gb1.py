"""Writes adobe-gb1-unicode.bin: for each CID of Adobe's Adobe-GB1 character collection (0 to
30283), its Unicode code point as a little-endian u32 (0 where the collection gives none).

Source: Adobe-GB1-UCS2 from Debian's poppler-data (/usr/share/poppler/cMap/Adobe-GB1/), Adobe's
CMap resources, BSD-3-Clause; its notice is kept in ADOBE-CMAP-LICENSE beside this file. Where
a CID maps to a surrogate pair, the pair is joined into one code point; where it maps to an
ideograph and a variation selector (U+FE00), the ideograph alone is kept.

Run from this folder:  python3 make_adobe_gb1.py [path to Adobe-GB1-UCS2]
"""

import re
import struct
import sys

SOURCE = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/poppler/cMap/Adobe-GB1/Adobe-GB1-UCS2"
CIDS = 30284


def code_point(hex_units):
    units = bytes.fromhex(hex_units)
    return ord(units.decode("utf-16-be")[0])


def main():
    with open(SOURCE, encoding="latin-1") as f:
        text = f.read()
    table = [0] * CIDS
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for cid, units in re.findall(r"<([0-9a-fA-F]{4})>\s+<([0-9a-fA-F]+)>", block):
            table[int(cid, 16)] = code_point(units)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, units in re.findall(
            r"<([0-9a-fA-F]{4})>\s+<([0-9a-fA-F]{4})>\s+<([0-9a-fA-F]+)>", block
        ):
            first = code_point(units)
            for cid in range(int(lo, 16), int(hi, 16) + 1):
                table[cid] = first + cid - int(lo, 16)
    with open("adobe-gb1-unicode.bin", "wb") as f:
        f.write(struct.pack(f"<{CIDS}I", *table))
    print(sum(1 for u in table if u), "CIDs mapped of", CIDS)


if __name__ == "__main__":
    main()
