#!/usr/bin/env bash
# Fuzzes with libFuzzer under ASan and UBSan: the letter parser, or the query side.
#   scripts/fuzz.sh [SECONDS] [letters|queries]      (default 600 letters)
# The letter fuzzer is seeded from data/letters; the query fuzzer from the judged queries and
# fuzz/query-regressions (its index is data/letters, built once at start). Crashing inputs land
# in fuzz/findings/ and, once understood and fixed, belong in fuzz/regressions/ (letters) or
# fuzz/query-regressions/ (queries, first byte the options): the test suite runs every file there.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}
target=${2:-letters}

./scripts/install-deps.sh
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; }
done
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIMR_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
mkdir -p fuzz/findings
case "$target" in
  letters)
    cmake --build build-fuzz -j"$(nproc)" --target letter_parser_fuzzer
    work=build-fuzz/corpus
    mkdir -p "$work"
    cp -n data/letters/*/*.txt fuzz/regressions/* "$work"/ 2>/dev/null || true
    ./build-fuzz/fuzz/letter_parser_fuzzer "$work" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
      -artifact_prefix=fuzz/findings/ -print_final_stats=1
    ;;
  queries)
    cmake --build build-fuzz -j"$(nproc)" --target query_fuzzer
    work=build-fuzz/query-corpus
    mkdir -p "$work"
    i=0
    # Seeds: each judged query, and each README example, after an options byte of 0.
    while IFS= read -r q; do printf '\0%s' "$q" > "$work/seed-$i"; i=$((i + 1)); done \
      < <(grep -o '"query": *"[^"]*"' data/queries/dev.jsonl | sed 's/"query": *"//; s/"$//';
          grep -o '^| `[^`]*`' README.md | sed 's/^| `//; s/`$//')
    cp -n fuzz/query-regressions/* "$work"/ 2>/dev/null || true
    ./build-fuzz/fuzz/query_fuzzer "$work" -max_total_time="$seconds" -max_len=2048 -timeout=10 \
      -artifact_prefix=fuzz/findings/ -print_final_stats=1
    ;;
  *) echo "usage: scripts/fuzz.sh [SECONDS] [letters|queries]" >&2; exit 2 ;;
esac
