#!/usr/bin/env python3
"""Rename a Liberation Sans subset to "Opvolg Sans" (OFL Reserved Font Name).
usage: rename.py IN.woff2 OUT.woff2 Regular|Bold"""
import sys
from fontTools.ttLib import TTFont

src, dst, style = sys.argv[1], sys.argv[2], sys.argv[3]
f = TTFont(src)
name = f["name"]
version = name.getDebugName(5).replace("Version ", "")  # "2.1.5"
new = {
    1: "Opvolg Sans",
    2: style,
    3: f"{version};OpvolgSans-{style}",
    4: "Opvolg Sans" if style == "Regular" else f"Opvolg Sans {style}",
    6: f"OpvolgSans-{style}",
}
for rec in name.names:
    if rec.nameID in new:
        rec.string = new[rec.nameID]
    elif rec.nameID in (16, 17):  # typographic family/subfamily, if present
        rec.string = "Opvolg Sans" if rec.nameID == 16 else style
# nothing may still carry the reserved name, except copyright (0) and licence (13/14)
for rec in name.names:
    if "liberation" in rec.toUnicode().lower() and rec.nameID not in (0, 13, 14):
        sys.exit(f"nameID {rec.nameID} still contains 'Liberation': {rec.toUnicode()!r}")
f.flavor = "woff2"
f.save(dst)
