#!/usr/bin/env bash
# How large the search index is and how fast search answers, at N recommendations.
#
#   bench/search.sh          # N = 10,000
#   bench/search.sh 1000
#
# Generates the site under target/bench/ like bench/run.sh, builds it, reports the index's size
# (raw, and gzipped file by file, as a web server would send it), then types queries in headless
# Chromium with the site opened from disk (tests/browser/search-bench.mjs; needs `npm ci` in
# tests/browser and /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
cargo build --release --quiet --example gen_site
cargo build --release --quiet
site=target/bench/site-$n
if [ ! -f "$site/site.toml" ]; then
  rm -rf "$site"
  ./target/release/examples/gen_site "$n" "$site" >/dev/null
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
./target/release/opvolg build --quiet --root "$site" --output "$out/site" >/dev/null
index="$out/site/search"
files=$(ls "$index"/*.js | wc -l)
raw=$(cat "$index"/*.js | wc -c)
gz=0
largest=0
for f in "$index"/*.js; do
  s=$(gzip -9 -c "$f" | wc -c)
  gz=$((gz + s))
  [ "$s" -gt "$largest" ] && largest=$s
done
echo "machine: $(nproc) cores; $(./target/release/opvolg --version); N = $n"
echo "search index: $files files, $((raw / 1024)) KiB raw, $((gz / 1024)) KiB gzipped (each file on its own), largest file $((largest / 1024)) KiB gzipped"
echo "search folder (index and the A-Z and filter pages): $(du -sk "$index" | cut -f1) KiB, $(ls "$index"/*.html | wc -l) pages"
# Words of the generated texts, a word's start, two words, and ids.
node tests/browser/search-bench.mjs "$out/site" opvang kinderen huisarts doorstroom "toezicht gemeente" capaciteit veiligheid R04711 i00300 "evaluatie school"
