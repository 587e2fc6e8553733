#!/usr/bin/env bash
# Installs what is missing, builds imrsearch (Release), indexes the sample corpus in data/letters
# into a fresh index and runs a search: the sample query, or the words given.
#   ./demo.sh
#   ./demo.sh overturned MRI lumbar
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-deps.sh
cmake -S . -B build-release -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
cmake --build build-release -j"$(nproc)" >/dev/null

db=build-release/demo-index
rm -rf "$db"
./build-release/imrsearch index --db "$db" data/letters
echo
if [ $# -eq 0 ]; then
  set -- acupuncture upheld no functional improvement
fi
./build-release/imrsearch search --db "$db" "$@"
