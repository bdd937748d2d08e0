#!/bin/sh
# Remakes the Opvolg Sans WOFF2 subsets and copies the Liberation Sans TTFs into
# src/render/fonts/ (see ../README.md). Needs apt-get download (Debian), Python 3 and PyPI.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fonts=$(dirname "$here")
# A fixed timestamp (the 2.1.5 TTFs' mtime in the .deb), so head.modified, and the files,
# are the same on every run.
export SOURCE_DATE_EPOCH=1634812302
work=$(mktemp -d)
cd "$work"
apt-get download fonts-liberation2          # fonts-liberation2_2.1.5-1_all.deb
dpkg-deb -x fonts-liberation2_2.1.5-1_all.deb x
python3 -m venv venv && venv/bin/pip install fonttools brotli   # used: fonttools 4.68.0, brotli 1.2.1
src=x/usr/share/fonts/truetype/liberation2
u='U+0020-007E,U+00A0-00FF,U+0100-017F,U+2010-2027,U+2030-203A,U+20AC,U+2190-2193,U+2212,U+2264-2265,U+00D7,U+2713,U+2717'
for style in Regular Bold; do
  venv/bin/pyftsubset "$src/LiberationSans-$style.ttf" \
    --unicodes="$u" \
    --layout-features='kern,liga' \
    --no-hinting --desubroutinize \
    --name-IDs=0,1,2,3,4,5,6,13,14 \
    --flavor=woff2 \
    --output-file="subset-$style.woff2"
  lower=$(echo "$style" | tr 'A-Z' 'a-z')
  venv/bin/python "$here/rename.py" "subset-$style.woff2" "$fonts/opvolg-sans-$lower.woff2" "$style"
  cp "$src/LiberationSans-$style.ttf" "$fonts/"
done
venv/bin/python "$here/verify.py" "$fonts"
rm -rf "$work"
