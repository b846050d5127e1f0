#!/usr/bin/env bash
# The performance bench of kakunin, in one run on one machine: generates the corpora (1,000 and
# 10,000 packs, seeded), then times the parse floor, `kakunin check` with JSON and with human
# output, and a single pack (process start included); measures CPU time and peak RSS; checks that
# two runs give the same bytes; and prints every figure as a ratio to the floor of the same run.
#
#   benches/run.sh                 # 7 timed runs per command (after a warm-up run)
#   RUNS=3 benches/run.sh          # fewer runs
#   SIZES="1000 10000" SEED=5 ...  # the corpora (the first is the small one for the scaling figure)
#
# Needs hyperfine (installed from Debian when missing), GNU time (/usr/bin/time, package `time`)
# and python3. Everything it writes goes below target/bench/. CI does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-7}"
SEED="${SEED:-5}"
SIZES="${SIZES:-1000 10000}"
TODAY=2026-11-21
OUT=target/bench
mkdir -p "$OUT"

need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
if [ "${#need[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}"
fi

cargo build --release --locked --bin kakunin --example gen-corpus --example parse-floor
BIN="$PWD/target/release/kakunin"
GEN="$PWD/target/release/examples/gen-corpus"
FLOOR="$PWD/target/release/examples/parse-floor"

# Corpora, regenerated only when the generator, the seed or the size changed.
stamp="$(sha256sum benches/corpus/*.rs | sha256sum | cut -c1-16)-$SEED"
for n in $SIZES; do
  dir="$OUT/corpus-$n"
  if [ "$(cat "$dir.stamp" 2>/dev/null)" != "$stamp" ]; then
    rm -rf "$dir" "$dir.stamp"
    "$GEN" "$dir" "$n" "$SEED" | tee "$dir.info"
    echo "$stamp" >"$dir.stamp"
  fi
done
small="$(echo $SIZES | awk '{print $1}')"
large="$(echo $SIZES | awk '{print $NF}')"
LARGE="$OUT/corpus-$large"
SMALL="$OUT/corpus-$small"
# The single pack: the largest multi-vendor pack among the first ones (9 YAML files).
SINGLE="$(cd "$LARGE" && for d in customers/*/*/; do
  printf '%s %s\n' "$(find "$d" -name '*.yaml' | wc -l)" "$d"; done | sort -k1,1nr -k2 | awk 'NR == 1 {print $2}')"
SINGLE="$LARGE/${SINGLE%/}"

check() { echo "$BIN check $1 --today $TODAY --exit-zero --quiet ${*:2}"; }
declare -a NAMES CMDS
add() { NAMES+=("$1"); CMDS+=("$2"); }
add "floor-$large" "$FLOOR $LARGE"
add "floor-spanned-$large" "$FLOOR --spanned $LARGE"
add "json-$large" "$(check "$LARGE" --format json --output "$OUT/out-$large.json")"
add "human-$large" "$(check "$LARGE" --format human --output "$OUT/out-$large.txt")"
add "floor-$small" "$FLOOR $SMALL"
add "json-$small" "$(check "$SMALL" --format json --output "$OUT/out-$small.json")"
add "single-pack" "$(check "$SINGLE" --format json --output "$OUT/out-single.json")"
add "single-floor" "$FLOOR $SINGLE"

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$(cut -d' ' -f1-3 /proc/loadavg)" >"$OUT/load-before"

# Wall time: hyperfine, one warm-up run (fills the page cache), RUNS timed runs per command.
args=()
for i in "${!NAMES[@]}"; do args+=(-n "${NAMES[$i]}" "${CMDS[$i]}"); done
single_runs=$((RUNS * 5))
hyperfine -N --warmup 1 --runs "$RUNS" --export-json "$OUT/hyperfine.json" --style basic "${args[@]:0:18}"
hyperfine -N --warmup 3 --runs "$single_runs" --export-json "$OUT/hyperfine-single.json" --style basic "${args[@]:18}"

# CPU time and peak RSS: GNU time, RUNS runs per command.
: >"$OUT/time.tsv"
for i in "${!NAMES[@]}"; do
  for _ in $(seq "$RUNS"); do
    /usr/bin/time -f "${NAMES[$i]}	%e	%U	%S	%M" -a -o "$OUT/time.tsv" ${CMDS[$i]} >/dev/null
  done
done

# Determinism: two more runs, compared byte for byte (JSON and human).
for k in 1 2; do
  $BIN check "$LARGE" --today "$TODAY" --exit-zero --quiet \
    --format json --output "$OUT/det-$k.json" --format human --output "$OUT/det-$k.txt"
done
identical=yes
cmp -s "$OUT/det-1.json" "$OUT/det-2.json" || identical=no
cmp -s "$OUT/det-1.txt" "$OUT/det-2.txt" || identical=no
echo "$(cut -d' ' -f1-3 /proc/loadavg)" >"$OUT/load-after"

python3 benches/summary.py "$OUT" "$small" "$large" "$identical" | tee "$OUT/summary.md"
