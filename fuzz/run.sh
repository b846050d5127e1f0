#!/usr/bin/env bash
# Runs every fuzz target (or those named) for SECONDS each on the stable toolchain, starting
# from the committed seeds. Crashes land in fuzz/artifacts/TARGET/; each becomes a regression
# test in tests/hostile_regressions.rs.
#   fuzz/run.sh 600            # all targets, 10 minutes each
#   fuzz/run.sh 60 yaml pack   # two targets, a minute each
# Needs cargo-fuzz (`cargo install cargo-fuzz`). `-s none` builds without a sanitizer, which
# works on stable; with a nightly toolchain, `cargo +nightly fuzz run TARGET` adds AddressSanitizer.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
shift || true
targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(yaml pack rules)
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  cp -n seeds/"$target"/* "corpus/$target/" 2>/dev/null || true
  echo "== $target: ${seconds}s"
  cargo fuzz run -s none "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -print_final_stats=1 2>&1 | tee "fuzz-$target.log" | grep -E "^(#[0-9]+ +DONE|stat::|==[0-9]+== ERROR|SUMMARY|Done)" || true
done
