#!/usr/bin/env bash
# Instructions per call of each benchmark operation, under callgrind (repeatable, unlike timings
# on a shared machine): runs the bench binary with CODEC_ITERS=N and CODEC_ITERS=0 for each
# operation and prints (total - baseline) / N. Usage: benches/callgrind.sh [N] [operation...]
# (build first: cargo bench --bench codec --no-run). Profiles are left in target/callgrind/.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-2000}
shift || true
ops=("$@")
if [ ${#ops[@]} -eq 0 ]; then
  ops=("jsv decode" "jsv encode" "serde_json decode" "serde_json encode" "ss-json decode" "ss-json encode")
fi
bin=$(ls -t target/release/deps/codec-* | grep -v '\.d$' | head -1)
mkdir -p target/callgrind
count() { # iterations, op, output file
  CODEC_ITERS=$1 valgrind --tool=callgrind --callgrind-out-file="$3" "$bin" "$2" 2>&1 |
    sed -n 's/.*I *refs: *//p' | tr -d ,
}
for op in "${ops[@]}"; do
  iters=$n
  case $op in csv*) iters=1 ;; esac
  f=target/callgrind/${op// /_}
  base=$(count 0 "$op" "$f.base.out")
  total=$(count "$iters" "$op" "$f.out")
  printf '%-18s %12d instructions/call\n' "$op" $(((total - base) / iters))
done
