#!/usr/bin/env bash
# Runs the fuzz targets (default: all of them), each for SECONDS (default 600), in parallel,
# seeded from the example content, data and the test fixtures, the built-in theme's
# translation tables and the finds kept in tests/fuzz_regressions/:
#   fuzz/run.sh [SECONDS] [TARGET...]
# Needs cargo-fuzz (cargo install cargo-fuzz); RUSTC_BOOTSTRAP lets it run on stable Rust.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
all=(markdown_page indicator_chart site_render figures_csv site_toml translation_table front_matter_dates)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")
for target in "${all[@]}"; do
  mkdir -p "corpus/$target"
  # What once crashed is where to look again.
  if [ -d "../tests/fuzz_regressions/$target" ]; then
    cp ../tests/fuzz_regressions/"$target"/* "corpus/$target/" 2>/dev/null || true
  fi
done
# Files of the same name from several sites: each under a name of its own.
seed() { # seed TARGET FILE...
  local target=$1 f
  shift
  for f in "$@"; do
    [ -f "$f" ] && cp "$f" "corpus/$target/$(echo "${f#../}" | tr / _)"
  done
  return 0
}
seed markdown_page ../content/*/*.md
seed site_render ../content/recommendations/*.md ../tests/fixtures/*/content/recommendations/*.md
seed indicator_chart ../data/indicators/*.json ../tests/fixtures/*/data/indicators/*.json
seed figures_csv ../data/indicators/*.csv ../tests/fixtures/*/data/indicators/*.csv
seed site_toml ../site.toml ../tests/fixtures/*/site.toml ../src/scaffold/*/site.toml
# The whole tables, and each section on its own: a site's table holds only what it changes.
seed translation_table ../themes/default/i18n/*.toml
for table in ../themes/default/i18n/*.toml; do
  awk -v out="corpus/translation_table/$(basename "$table" .toml)-section-" \
    '/^\[/ { n++ } { print > (out (n + 0) ".toml") }' "$table"
done
# One date field a line (see fuzz_checks::front_matter_dates): the dates and periods written
# in the content, data and fixtures, ten to a seed; an empty seed keeps every valid date.
: > corpus/front_matter_dates/valid-dates
{
  grep -rhoE '^(date|due|done|previous_due|as_of|evaluated) = .*' \
    ../site.toml ../content ../tests/fixtures | sed 's/^[a-z_]* = //'
  grep -rhoE '"(date|by)": *"[^"]*"' ../data ../tests/fixtures | sed 's/^"[a-z]*": *//'
} | split -l 10 -d -a 3 - corpus/front_matter_dates/written-
# -O -a: optimized, with overflow checks and debug assertions, so an overflow is a find too.
export RUSTC_BOOTSTRAP=1
for target in "${targets[@]}"; do
  # A whole translation table is about 20 kB.
  max_len=16384
  [ "$target" = translation_table ] && max_len=32768
  cargo fuzz run -O -a "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -max_len="$max_len" -print_final_stats=1 &
done
wait
