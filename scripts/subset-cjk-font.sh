#!/usr/bin/env bash
# Regenerates assets/fonts/NotoSansCJKsc-Regular.subset.otf, the Chinese font the
# link-preview image (src/render/preview.rs) is drawn with, from Noto Sans CJK SC (SIL OFL 1.1).
#
#   apt-get install fonts-noto-cjk     # the source font (Debian/Ubuntu: /usr/share/fonts/opentype/noto)
#   pip install fonttools              # pyftsubset
#   scripts/subset-cjk-font.sh [DIR-WITH-NotoSansCJK-*.ttc]
#
# Characters kept (assets/fonts/README.md says the same): every hanzi of GB2312 (level 1, the
# 3,755 common characters, and level 2, 3,008 more), every character of locales/zh-CN.yaml,
# GB2312 row 1 (punctuation and symbols), CJK symbols and punctuation (U+3000–303F) and half-
# and full-width forms (U+FF00–FFEF). Latin letters and digits are left out: Roboto draws them.
# Only the regular weight: Roboto, the Latin font, has no bold either, so a title mixing the
# two scripts is drawn in one weight. Outlines are CFF (OpenType .otf):
# resvg reads TrueType and CFF fonts but not WOFF2. SOURCE_DATE_EPOCH is fixed so that the
# output is the same bytes each time it is made from the same source font.
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${1:-/usr/share/fonts/opentype/noto}
OUT=assets/fonts
INDEX=2 # face 2 of the .ttc collections is "Noto Sans CJK SC"
export SOURCE_DATE_EPOCH=1643241600 # 2022-01-27, the date of the Debian font release (20220127)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

python3 - "$TMP" <<'PY'
import sys, pathlib
tmp = pathlib.Path(sys.argv[1])

def gb2312_rows(first, last):
    out = []
    for hi in range(first, last + 1):
        for lo in range(0xA1, 0xFF):
            try:
                out.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return out

level1 = gb2312_rows(0xB0, 0xD7)   # 3,755 hanzi
level2 = gb2312_rows(0xD8, 0xF7)   # 3,008 hanzi
assert len(level1) == 3755 and len(level2) == 3008, (len(level1), len(level2))
common = gb2312_rows(0xA1, 0xA1)
common += [chr(c) for c in range(0x3000, 0x3040)] + [chr(c) for c in range(0xFF00, 0xFFF0)]
common += [c for c in pathlib.Path("locales/zh-CN.yaml").read_text(encoding="utf-8") if ord(c) > 0x7F]

def write(name, chars):
    text = "".join(sorted(set(chars)))
    (tmp / name).write_text(text, encoding="utf-8")
    print(f"{name}: {len(text)} characters")

write("regular.txt", level1 + level2 + common)
PY

subset() { # WEIGHT CHARS
  pyftsubset "$SRC/NotoSansCJK-$1.ttc" --font-number=$INDEX --text-file="$TMP/$2" \
    --output-file="$OUT/NotoSansCJKsc-$1.subset.otf" \
    --layout-features='' --no-hinting --name-IDs='*' --name-languages='*'
  echo "$OUT/NotoSansCJKsc-$1.subset.otf: $(wc -c <"$OUT/NotoSansCJKsc-$1.subset.otf") bytes"
}
subset Regular regular.txt
