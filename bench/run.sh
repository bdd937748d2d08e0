#!/usr/bin/env bash
# Benchmarks opvolg against Hugo on the same generated content, on disk and on a RAM disk, and
# prints every target value in one run.
#
# Two Hugo twins of the same content (see src/synthetic.rs): `hugo` looks each indicator's
# numbers up in its data file and formats them in the template (site.Data), `hugo-tbl` is given
# them as a ready Markdown table in each indicator's page (no data lookup in any template).
# Both ratios (opvolg's pages per second over each twin's) print in one run, with the longest
# single render job of opvolg's median run and its share of the wall time (`build --timings`).
#
#   bench/run.sh                 # N = 1,000, 10,000 and 50,000, 3 runs each, medians
#   bench/run.sh 1000            # a quick check
#   RUNS=5 bench/run.sh 2000     # other sizes / run counts
#   bench/run.sh --curve         # opvolg alone at N = 100, 1,000, 10,000 and 50,000
#   FRESH=0 SETTLE=600 OUTS=disk bench/run.sh 10000  # disk runs 10 minutes after each deletion
#   FRESH=0 bench/run.sh         # each disk run into the folder the run before used, just deleted
#
# Needs: hugo (Debian package `hugo`) for the comparison, GNU time (/usr/bin/time).
# For each N and each output folder (DISK_OUT on the ordinary disk, default target/bench-out;
# RAM_OUT on the RAM disk, default /dev/shm/opvolg-bench) the runs alternate opvolg and Hugo,
# and every run is a clean build into an empty folder, the disk synced before the clock starts,
# for both tools alike. On the RAM disk each run's folder is removed before the next; on the
# disk every run has a new folder, and all are removed when the script ends (FRESH, below), so
# a run at N = 50,000 needs about 12 GB free on the disk.
#
# FRESH (default 1) is why disk runs do not reuse a folder. On this machine's disk, ext4 mounted
# without a journal, creating files within minutes of deleting many spends most of a build in
# the kernel (perf: ext4_create -> find_inode_bit -> recently_deleted): ext4 passes over every
# inode freed less than 60 s ago, or 6 minutes while its inode-table block is not yet written
# back, before it reuses one, holding the folder's lock (fs/ext4/ialloc.c; with a journal, the
# usual case, it does not). Here, after 180,000 files were deleted, a N = 10,000 build into a new
# folder took 5.3 s 3 minutes later, 2.7 s after 6 minutes and 2.1 s from 8 minutes on (1.0 s of
# it in the kernel instead of 7.1). So every disk run writes into a new folder (opvolg-N.1,
# hugo-N.1, ...), deleted only when the script ends, and no disk run follows a deletion: what it
# times is the tools, not that. For the same reason a run first waits until the deletion at the
# end of the last one is QUIET seconds old (default 600; the time is kept in
# target/bench/.last-disk-deletion). FRESH=0 removes each disk output before the next run
# instead, SETTLE seconds (default 1) before it: that times this file system after a deletion.
# OUTS (default "disk ram") chooses the output folders. Sites (with their Hugo twin) are
# generated under target/bench/ by `cargo run --release --example gen_site`, again whenever
# the generator changed.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=${RUNS:-3}
disk_out=${DISK_OUT:-$PWD/target/bench-out}
ram_out=${RAM_OUT:-/dev/shm/opvolg-bench}
curve=false
sizes=()
for arg in "$@"; do
  case "$arg" in
    --curve) curve=true ;;
    *) sizes+=("$arg") ;;
  esac
done
if [ ${#sizes[@]} -eq 0 ]; then
  if $curve; then sizes=(100 1000 10000 50000); else sizes=(1000 10000 50000); fi
fi
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time"; exit 2; }
with_hugo=true
if $curve; then
  with_hugo=false
elif ! command -v hugo >/dev/null; then
  with_hugo=false
  echo "note: hugo not found (apt-get install hugo); timing opvolg only"
fi
settle=${SETTLE:-1}
fresh=${FRESH:-1}
# When this script last deleted a disk output: a FRESH run waits until that is QUIET seconds old.
deleted_stamp=target/bench/.last-disk-deletion
quiet=${QUIET:-600}
read -r -a outs <<< "${OUTS:-disk ram}"
if [[ " ${outs[*]} " == *" ram "* ]] && [ ! -d /dev/shm ]; then
  outs=(disk)
  echo "note: no /dev/shm; timing on disk only"
fi

cargo build --release --quiet --example gen_site
cargo build --release --quiet
opvolg=$PWD/target/release/opvolg
tmp=$(mktemp -d)
# Removes only what the script writes (also when it is interrupted).
trap 'rm -rf "$tmp" "$disk_out"/opvolg-* "$disk_out"/hugo-* "$disk_out"/hugotbl-* "$ram_out"/opvolg-* "$ram_out"/hugo-* "$ram_out"/hugotbl-*; rmdir "$disk_out" "$ram_out" 2>/dev/null || true; if [[ " ${outs[*]} " == *" disk "* ]]; then mkdir -p "$(dirname "$deleted_stamp")"; date +%s > "$deleted_stamp"; fi' EXIT
mkdir -p "$disk_out" "$ram_out"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/Mem:/{print $2}') GiB RAM; $("$opvolg" --version)$($with_hugo && echo "; $(hugo version | cut -d' ' -f1-2)")"
fstype() { df -T "$1" | awk 'NR==2{print $2}'; }
if [ "$fresh" = 1 ]; then disk_runs="disk runs each into a new folder, none after a deletion"; else disk_runs="disk runs start ${settle} s after the deletion"; fi
echo "output: disk = $disk_out ($(fstype "$disk_out")), ram = $ram_out ($(fstype "$ram_out")); $runs runs, medians; $disk_runs"

if [ "$fresh" = 1 ] && [[ " ${outs[*]} " == *" disk "* ]] && [ -f "$deleted_stamp" ]; then
  wait_left=$(( $(cat "$deleted_stamp") + quiet - $(date +%s) ))
  if [ "$wait_left" -gt 0 ]; then
    echo "waiting ${wait_left} s: an earlier run deleted its disk outputs less than ${quiet} s ago (QUIET=0 skips this)"
    sleep "$wait_left"
  fi
fi

calc() { awk "BEGIN { print $1 }"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
out_dir() { if [ "$1" = disk ]; then echo "$disk_out"; else echo "$ram_out"; fi; }

# time_run LOG CMD...: appends "wall_seconds max_rss_kib cpu_seconds" for one run to LOG, CPU
# being user + system time over all threads. Stops the script with the tool's messages if it fails.
time_run() {
  local log=$1; shift
  if ! /usr/bin/time -f "%e %M %U %S" -o "$tmp/time" "$@" >"$tmp/stdout" 2>"$tmp/stderr"; then
    echo "failed: $*"; cat "$tmp/stderr"; exit 1
  fi
  awk '{ print $1, $2, $3 + $4 }' "$tmp/time" >> "$log"
}
# col LOG K: the median of column K of LOG.
col() { cut -d' ' -f"$2" "$1" | median; }
html_count() { find "$1" -name '*.html' | wc -l; }
# du -sb counts folders too (4 KiB each on ext4, a few bytes on tmpfs): Hugo's folder per page
# makes its output read larger on disk than on the RAM disk.
mb() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1e6 }'; }

# The font files the stylesheets of output folder $1 point at (url(...) to woff2/woff/ttf/otf,
# relative to the stylesheet), each counted once, in KB.
font_kb() {
  local css url f
  for css in "$1"/static/*.css; do
    [ -f "$css" ] || continue
    { grep -o 'url([^)]*)' "$css" || true; } | sed -E "s/^url\\(['\"]?//; s/['\"]?\\)$//; s/[?#].*//" |
      { grep -Ei '\.(woff2|woff|ttf|otf)$' || true; } | while read -r url; do
        f=$(realpath -m "$(dirname "$css")/$url")
        if [ -f "$f" ]; then echo "$f"; else echo "missing font: $url" >&2; fi
      done
  done | sort -u | while read -r f; do stat -c %s "$f"; done | awk '{ s += $1 } END { printf "%.1f", s / 1000 }'
}

stamp=$(cat src/synthetic.rs examples/gen_site.rs | sha256sum | cut -c1-16)
targets=()
declare -A per_rec
printf '%-6s %-4s %-8s %8s %7s %8s %9s %7s %9s %8s %7s %7s\n' \
  N out tool "wall (s)" pages "pages/s" "RSS (MiB)" "CPU (s)" "size (MB)" "µs/rec" "o/h" "o/h-tbl"
for n in "${sizes[@]}"; do
  site=target/bench/site-$n
  # Generated again when the generator changed since (a version stamp in the site folder) or
  # when a folder lacks the Hugo twin (bench/serve.sh makes sites without one).
  if [ "$(cat "$site/.generator-stamp" 2>/dev/null)" != "$stamp" ] ||
    [ ! -f "$site/site.toml" ] || [ ! -f "$site/hugo/hugo.toml" ] || [ ! -f "$site/hugo-tables/hugo.toml" ]; then
    rm -rf "$site"
    cargo run --release --quiet --example gen_site -- "$n" "$site" --hugo >/dev/null
    echo "$stamp" > "$site/.generator-stamp"
  fi
  # The built-in theme of the binary just built; a leftover copy must not override it.
  rm -rf "$site/themes"
  for out in "${outs[@]}"; do
    base=$(out_dir "$out")
    o_out=$base/opvolg-$n
    h_out=$base/hugo-$n
    t_out=$base/hugotbl-$n
    : > "$tmp/o"; : > "$tmp/h"; : > "$tmp/t"; : > "$tmp/longest"
    wait_s=1
    [ "$out" = disk ] && wait_s=$settle
    new_folders=false
    [ "$out" = disk ] && [ "$fresh" = 1 ] && new_folders=true
    # make_ready FOLDER: an empty folder to build into, the disk synced.
    make_ready() {
      if $new_folders; then sync; sleep 1; else rm -rf "$1"; sync; sleep "$wait_s"; fi
    }
    for ((i = 1; i <= runs; i++)); do
      if $new_folders; then o_out=$base/opvolg-$n.$i h_out=$base/hugo-$n.$i t_out=$base/hugotbl-$n.$i; fi
      make_ready "$o_out"
      time_run "$tmp/o" "$opvolg" build --quiet --timings --root "$site" --output "$o_out"
      # The longest single job of this run, with the run's wall time: "seconds share% job".
      grep '^  longest single job' "$tmp/stdout" |
        sed -E 's/^  longest single job: ([^ ]+) .*, ([0-9.]+) s, ([0-9]+) % of the wall time/\2 \3 \1/' >> "$tmp/longest"
      if $with_hugo; then
        make_ready "$h_out"
        time_run "$tmp/h" hugo --quiet -s "$site/hugo" -d "$h_out"
        make_ready "$t_out"
        time_run "$tmp/t" hugo --quiet -s "$site/hugo-tables" -d "$t_out"
      fi
    done
    o_wall=$(col "$tmp/o" 1)
    o_pages=$(html_count "$o_out")
    o_pps=$(calc "$o_pages / $o_wall")
    o_size=$(mb "$o_out")
    per_rec[$out,$n]=$(calc "$o_wall * 1e6 / $n")
    ratio=- ratio_t=-
    if $with_hugo; then
      h_wall=$(col "$tmp/h" 1)
      h_pages=$(html_count "$h_out")
      h_pps=$(calc "$h_pages / $h_wall")
      h_size=$(mb "$h_out")
      ratio=$(calc "$o_pps / $h_pps" | awk '{ printf "%.2f", $1 }')
      t_wall=$(col "$tmp/t" 1)
      t_pages=$(html_count "$t_out")
      t_pps=$(calc "$t_pages / $t_wall")
      t_size=$(mb "$t_out")
      ratio_t=$(calc "$o_pps / $t_pps" | awk '{ printf "%.2f", $1 }')
    fi
    # The longest job of the median run (by its share of that run's wall time).
    longest=$(sort -n -k2 "$tmp/longest" | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }')
    printf '%-6s %-4s %-8s %8.2f %7d %8.0f %9.0f %7.2f %9s %8.0f %7s %7s\n' "$n" "$out" opvolg "$o_wall" \
      "$o_pages" "$o_pps" "$(calc "$(col "$tmp/o" 2) / 1024")" "$(col "$tmp/o" 3)" "$o_size" \
      "${per_rec[$out,$n]}" "$ratio" "$ratio_t"
    if $with_hugo; then
      printf '%-6s %-4s %-8s %8.2f %7d %8.0f %9.0f %7.2f %9s %8s %7s %7s\n' "$n" "$out" hugo "$h_wall" \
        "$h_pages" "$h_pps" "$(calc "$(col "$tmp/h" 2) / 1024")" "$(col "$tmp/h" 3)" "$h_size" - - -
      printf '%-6s %-4s %-8s %8.2f %7d %8.0f %9.0f %7.2f %9s %8s %7s %7s\n' "$n" "$out" hugo-tbl "$t_wall" \
        "$t_pages" "$t_pps" "$(calc "$(col "$tmp/t" 2) / 1024")" "$(col "$tmp/t" 3)" "$t_size" - - -
      targets+=("N=$n $out: opvolg/hugo pages/s $ratio (data lookups), $ratio_t (ready tables); peak RSS $(calc "$(col "$tmp/o" 2) / 1024" | awk '{ printf "%.0f", $1 }') MiB; time per recommendation $(printf '%.0f' "${per_rec[$out,$n]}") µs")
    else
      targets+=("N=$n $out: peak RSS $(calc "$(col "$tmp/o" 2) / 1024" | awk '{ printf "%.0f", $1 }') MiB; time per recommendation $(printf '%.0f' "${per_rec[$out,$n]}") µs")
    fi
    if [ -n "$longest" ]; then
      read -r l_seconds l_share l_job <<< "$longest"
      targets+=("N=$n $out: longest single job $l_job, $l_seconds s, $l_share % of the wall time")
    fi
  done
  # The output is the same in both folders: measured in the last one written ($out).
  rec_kb=$(find "$o_out/recommendations" -maxdepth 1 -regextype posix-extended -regex '.*/R[0-9]+\.html' \
    -printf '%s\n' | median | awk '{ printf "%.1f", $1 / 1000 }')
  largest=$(find "$o_out" -name '*.html' -printf '%s %P\n' | sort -n | tail -1 |
    awk '{ printf "%.1f KB (%s)", $1 / 1000, $2 }')
  targets+=("N=$n opvolg output ($out): $o_size MB; median recommendation page $rec_kb KB; largest HTML $largest; fonts $(font_kb "$o_out") KB")
  $with_hugo && targets+=("N=$n hugo output ($out): $h_size MB (data lookups), $t_size MB (ready tables)")
  # With FRESH=1 the disk folders stay until the end: deleting them now would put the next
  # size's runs right after a deletion.
  [ "$fresh" = 1 ] || rm -rf "$disk_out"/*-"$n"
  rm -rf "$ram_out"/*-"$n"
done

echo "targets:"
for t in "${targets[@]}"; do echo "  $t"; done
small=${sizes[0]}
for s in "${sizes[@]}"; do [ "$s" = 1000 ] && small=1000; done
large=$(printf '%s\n' "${sizes[@]}" | sort -n | tail -1)
if [ "$large" != "$small" ]; then
  for out in "${outs[@]}"; do
    echo "  growth $out: time per recommendation at N=$large / N=$small: $(calc "${per_rec[$out,$large]} / ${per_rec[$out,$small]}" | awk '{ printf "%.2f", $1 }')"
  done
fi
