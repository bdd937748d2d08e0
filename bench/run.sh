#!/usr/bin/env bash
# Benchmarks opvolg against Hugo on the same generated content, and opvolg's growth with N.
#
#   bench/run.sh                 # N = 1,000 and 10,000 vs Hugo, 5 runs each, medians
#   bench/run.sh --curve         # opvolg alone at N = 100, 1,000, 10,000 and 50,000
#   RUNS=3 bench/run.sh 2000     # other sizes / run counts
#
# Needs: hugo (Debian package `hugo`) for the comparison, GNU time (/usr/bin/time).
# Every run is a clean build: the output folder is removed before the clock starts, for both
# tools alike. Both write their output to OUT_DIR (default /dev/shm/opvolg-bench, a RAM disk):
# on this machine's disk, deleting and creating 25,000 files makes wall times swing by 2x from
# run to run, which measures the disk, not the generators. Set OUT_DIR to a disk folder to
# include it. Sites are generated under target/bench/ by `cargo run --release --example gen_site`.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-5}
out_dir=${OUT_DIR:-/dev/shm/opvolg-bench}
mkdir -p "$out_dir"
curve=false
sizes=()
for arg in "$@"; do
  case "$arg" in
    --curve) curve=true ;;
    *) sizes+=("$arg") ;;
  esac
done
if [ ${#sizes[@]} -eq 0 ]; then
  if $curve; then sizes=(100 1000 10000 50000); else sizes=(1000 10000); fi
fi
with_hugo=true
if $curve || ! command -v hugo >/dev/null; then
  with_hugo=false
  $curve || echo "note: hugo not found (apt-get install hugo); comparing nothing, timing opvolg only"
fi
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time"; exit 2; }

cargo build --release --quiet --example gen_site
cargo build --release --quiet
opvolg=$PWD/target/release/opvolg

echo "output to: $out_dir ($(df -T "$out_dir" | awk 'NR==2{print $2}'))"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB; $("$opvolg" --version)$($with_hugo && echo "; $(hugo version | cut -d' ' -f1-2)")"

# calc EXPR: arithmetic on decimals (awk, which every machine has, unlike bc).
calc() { awk "BEGIN { print $1 }"; }

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# time_run CMD...: prints "wall_seconds max_rss_kib cpu_seconds" for one run, where CPU is
# user + system time over all threads: steadier than wall time on a shared machine.
time_run() {
  /usr/bin/time -f "%e %M %U %S" -o /tmp/opvolg-bench-time "$@" >/dev/null 2>&1
  awk '{ print $1, $2, $3 + $4 }' /tmp/opvolg-bench-time
}

printf '%-7s %-7s %9s %8s %10s %10s %10s %8s\n' N tool "wall (s)" pages "pages/s" "charts/s" "RSS (MiB)" "CPU (s)"
for n in "${sizes[@]}"; do
  site=target/bench/site-$n
  # A site generated without its Hugo twin (bench/serve.sh makes those) is made again.
  if [ ! -f "$site/site.toml" ] || { $with_hugo && [ ! -f "$site/hugo/hugo.toml" ]; }; then
    rm -rf "$site"
    ./target/release/examples/gen_site "$n" "$site" --hugo >/dev/null
  fi
  # The built-in theme of the binary just built; a leftover copy from older runs must not
  # override it.
  rm -rf "$site/themes"
  o_out=$out_dir/opvolg-$n
  h_out=$out_dir/hugo-$n
  summary=$("$opvolg" build --quiet --root "$site" --output "$o_out")
  pages=$(sed -n 's/^built \([0-9]*\) pages, \([0-9]*\) charts.*/\1/p' <<<"$summary")
  charts=$(sed -n 's/^built \([0-9]*\) pages, \([0-9]*\) charts.*/\2/p' <<<"$summary")
  : > /tmp/opvolg-bench-o; : > /tmp/opvolg-bench-h
  for ((i = 0; i < runs; i++)); do
    rm -rf "$o_out"; sync; sleep 1
    time_run "$opvolg" build --quiet --root "$site" --output "$o_out" >> /tmp/opvolg-bench-o
    if $with_hugo; then
      rm -rf "$h_out"; sync; sleep 1
      time_run hugo --quiet -s "$site/hugo" -d "$h_out" >> /tmp/opvolg-bench-h
    fi
  done
  o_wall=$(cut -d' ' -f1 /tmp/opvolg-bench-o | median)
  o_rss=$(cut -d' ' -f2 /tmp/opvolg-bench-o | median)
  o_cpu=$(cut -d' ' -f3 /tmp/opvolg-bench-o | median)
  printf '%-7s %-7s %9.2f %8d %10.0f %10.0f %10.0f %8.2f\n' "$n" opvolg "$o_wall" "$pages" \
    "$(calc "$pages / $o_wall")" "$(calc "$charts / $o_wall")" "$(calc "$o_rss / 1024")" "$o_cpu"
  if $with_hugo; then
    h_pages=$(find "$h_out" -name '*.html' | wc -l)
    h_wall=$(cut -d' ' -f1 /tmp/opvolg-bench-h | median)
    h_rss=$(cut -d' ' -f2 /tmp/opvolg-bench-h | median)
    h_cpu=$(cut -d' ' -f3 /tmp/opvolg-bench-h | median)
    printf '%-7s %-7s %9.2f %8d %10.0f %10s %10.0f %8.2f\n' "$n" hugo "$h_wall" "$h_pages" \
      "$(calc "$h_pages / $h_wall")" "-" "$(calc "$h_rss / 1024")" "$h_cpu"
    printf '%-7s ratio opvolg/hugo in pages per second: %.2f\n' "$n" \
      "$(calc "($pages / $o_wall) / ($h_pages / $h_wall)")"
    printf '%-7s ratio opvolg/hugo in pages per CPU second: %.2f\n' "$n" \
      "$(calc "($pages / $o_cpu) / ($h_pages / $h_cpu)")"
  fi
  if $curve; then
    printf '%-7s per recommendation: %.1f µs\n' "$n" "$(calc "$o_wall * 1000000 / $n")"
  fi
done
rm -rf "$out_dir"
