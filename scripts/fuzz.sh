#!/usr/bin/env bash
# Fuzzes the letter parser with libFuzzer under ASan and UBSan.
#   scripts/fuzz.sh [SECONDS]      (default 600)
# Seeds from data/letters; crashing inputs land in fuzz/findings/ and, once understood and
# fixed, belong in fuzz/regressions/ (the test suite parses every file there).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}

./scripts/install-deps.sh
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null; }
done
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIMR_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target letter_parser_fuzzer

work=build-fuzz/corpus
mkdir -p "$work" fuzz/findings
cp -n data/letters/*/*.txt fuzz/regressions/* "$work"/ 2>/dev/null || true
./build-fuzz/fuzz/letter_parser_fuzzer "$work" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -artifact_prefix=fuzz/findings/ -print_final_stats=1
