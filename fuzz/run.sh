#!/usr/bin/env bash
# Runs the fuzz targets (default: both), each for SECONDS (default 600), in parallel, seeded
# from the example content:  fuzz/run.sh [SECONDS] [TARGET...]
# Needs cargo-fuzz (cargo install cargo-fuzz); RUSTC_BOOTSTRAP lets it run on stable Rust.
set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(markdown_page indicator_chart site_render)
mkdir -p corpus/markdown_page corpus/indicator_chart corpus/site_render
cp ../content/*/*.md corpus/markdown_page/
# Files of the same name from several sites: each under a name of its own.
for f in ../content/recommendations/*.md ../tests/fixtures/*/content/recommendations/*.md; do
  cp "$f" "corpus/site_render/$(echo "${f#../}" | tr / _)"
done
cp ../data/indicators/*.json ../tests/fixtures/*/data/indicators/*.json corpus/indicator_chart/
export RUSTC_BOOTSTRAP=1
for target in "${targets[@]}"; do
  cargo fuzz run -O "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -max_len=16384 -print_final_stats=1 &
done
wait
