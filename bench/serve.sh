#!/usr/bin/env bash
# How fast `opvolg serve` shows an edit on a large site, and its memory next to `build`'s.
#
#   bench/serve.sh          # N = 10,000 recommendations, 10 edits of each kind
#   bench/serve.sh 1000 5   # other N and number of edits
#
# Needs GNU time (/usr/bin/time) for the build's peak memory. Generates the site under
# target/bench/ with `cargo run --release --example gen_site`, like bench/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-10000}
edits=${2:-10}
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time"; exit 2; }
cargo build --release --quiet --example gen_site --example serve_bench
cargo build --release --quiet
site=target/bench/site-$n
if [ ! -f "$site/site.toml" ]; then
  rm -rf "$site"
  ./target/release/examples/gen_site "$n" "$site" >/dev/null
fi
rm -rf "$site/themes"
out=$(mktemp -d)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); $(./target/release/opvolg --version); N = $n"
/usr/bin/time -f "%M" -o /tmp/opvolg-serve-bench-build ./target/release/opvolg build --quiet --root "$site" --output "$out/site" >/dev/null
rm -rf "$out"
build_kib=$(cat /tmp/opvolg-serve-bench-build)
echo "build peak memory: $((build_kib / 1024)) MiB"
./target/release/examples/serve_bench "$site" "$edits" | tee /tmp/opvolg-serve-bench
serve_mib=$(sed -n 's/^serve peak memory (VmHWM): \([0-9]*\) MiB/\1/p' /tmp/opvolg-serve-bench)
awk -v s="$serve_mib" -v b="$build_kib" 'BEGIN { printf "serve / build peak memory: %.2f\n", s * 1024 / b }'
