#!/usr/bin/env python3
"""Check Opvolg Sans subsets against the full Liberation Sans TTFs."""
import sys
from fontTools.ttLib import TTFont
FONTS = sys.argv[1] if len(sys.argv) > 1 else "."
ok = True
for style in ("Regular", "Bold"):
    full = TTFont(f"{FONTS}/LiberationSans-{style}.ttf")
    sub = TTFont(f"{FONTS}/opvolg-sans-{style.lower()}.woff2")
    fc, sc = full.getBestCmap(), sub.getBestCmap()
    fm, sm = full["hmtx"].metrics, sub["hmtx"].metrics
    bad = [cp for cp in sc if fm[fc[cp]][0] != sm[sc[cp]][0]]
    ok &= not bad
    print(f"{style}: {len(sc)} code points, {len(sub.getGlyphOrder())} glyphs, "
          f"advance-width mismatches: {len(bad)}; unitsPerEm {full['head'].unitsPerEm}=={sub['head'].unitsPerEm}")
    for cp in (0x2713, 0x2717, 0x2264, 0x2265, 0x2212, 0x00D7, 0x20AC, 0x2026):
        print(f"  U+{cp:04X} {chr(cp)} full:{fc.get(cp)} subset:{sc.get(cp)}")
    print("  names:", {r.nameID: r.toUnicode()[:60] for r in sub["name"].names if r.platformID == 3})
    print("  tables:", sorted(t for t in sub.keys() if t != "GlyphOrder"))
    print("  GPOS features:", sorted({r.FeatureTag for r in sub["GPOS"].table.FeatureList.FeatureRecord}))
    print("  AV kern:", [(ps, pv.Value1.XAdvance) for l in sub["GPOS"].table.LookupList.Lookup for st in l.SubTable
                          for ps, pset in zip(st.Coverage.glyphs, st.PairSet) if ps == "A"
                          for pv in pset.PairValueRecord if pv.SecondGlyph in ("V", "T")])
sys.exit(0 if ok else 1)
