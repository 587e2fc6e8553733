#!/usr/bin/env bash
# imrsearch beside Lucene 8 and plain Xapian, in one run, on the same generated decisions
# (bench/generate, seed 42) and the same queries (bench/queries/mix.tsv, kinds in its README):
# indexing (decisions/s) and search (queries/s, p50/p95/p99; warm, best of five passes, each
# engine run RUNS times in a fresh process).
#   bench/engines.sh [LETTERS] [RUNS] [BUILD_DIR]    defaults: 46242 letters (100,001 decisions), 3, build-release
#   IMR_ENGINES_WORK=DIR keeps the corpus and the indexes in DIR (else a temporary folder, removed)
#   IMR_ENGINES_QUERIES=FILE another "kind<TAB>query" file in place of bench/queries/mix.tsv
#   IMR_ENGINES_PASSES=N passes after the warm one (default 5)
#   IMR_ENGINES_QUICK=1 Lucene and imrsearch only: no plain Xapian, no two-shard index, no
#     imrsearch without facets (for 1M decisions, where plain Xapian alone indexes for 35 minutes)
# Needs scripts/install-deps.sh --bench (Debian's liblucene8-java and a JDK).
set -euo pipefail
letters=${1:-46242}
runs=${2:-3}
build=${3:-build-release}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
mix=${IMR_ENGINES_QUERIES:-$here/queries/mix.tsv}
passes=${IMR_ENGINES_PASSES:-5}
quick=${IMR_ENGINES_QUICK:-}
case $build in /*) ;; *) build="$root/$build" ;; esac
if [ -n "${IMR_ENGINES_WORK:-}" ]; then
  work=$IMR_ENGINES_WORK
  mkdir -p "$work"
else
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
for program in "$build/imrsearch" "$build/bench/engines" "$build/bench/generate"; do
  [ -x "$program" ] || { echo "engines.sh: $program is missing: build $build first" >&2; exit 2; }
done
command -v javac >/dev/null || { echo "engines.sh: no javac: run scripts/install-deps.sh --bench" >&2; exit 2; }
jars=$(ls /usr/share/java/lucene-*-8*.jar 2>/dev/null | grep -v test-framework | paste -sd: -)
[ -n "$jars" ] || { echo "engines.sh: no Lucene 8 jars: run scripts/install-deps.sh --bench" >&2; exit 2; }

# The wall-clock seconds of a command, its output kept in $work/last.log.
seconds() {
  local start end
  start=$(date +%s.%N)
  "$@" > "$work/last.log" 2>&1 || { cat "$work/last.log" >&2; exit 3; }
  end=$(date +%s.%N)
  calc "$end - $start" 3
}

# An arithmetic expression's value, to DIGITS decimals.
calc() { awk "BEGIN { printf \"%.${2:-2}f\", $1 }"; }

echo "machine: $(nproc) cores ($(sed -n 's/^model name\t: //p' /proc/cpuinfo | head -1)), Xapian $(xapian-config --version | awk '{print $NF}'), $(java -version 2>&1 | head -1)"
if [ ! -f "$work/decisions.tsv" ]; then
  rm -rf "$work/letters"
  "$build/bench/generate" --letters "$letters" --seed 42 --model "$root/data/letters" --out "$work/letters" > /dev/null
  "$build/bench/engines" decisions "$work/letters" "$work/decisions.tsv" > /dev/null
fi
decisions=$(wc -l < "$work/decisions.tsv")
queries=$(wc -l < "$mix")
echo "$decisions decisions in $letters letters ($(du -sm --apparent-size "$work/letters" | cut -f1) MB of text), $queries queries"
"$build/bench/engines" plain-queries "$mix" "$work/plain-queries.tsv"
mkdir -p "$work/classes"
javac -nowarn -cp "$jars" -d "$work/classes" "$here/lucene/LuceneBench.java"
lucene=(java -Xms1g -Xmx4g -cp "$jars:$work/classes" LuceneBench)

echo
echo "indexing (each from nothing; imrsearch reads and parses the letters, the others the parsed decisions)"
rate() { calc "$decisions / $1" 0; }
rm -rf "$work/imr" "$work/imr2" "$work/lucene" "$work/plain"
t=$(seconds "$build/imrsearch" index --db "$work/imr" "$work/letters")
printf '  %-28s %7.1f s %7s decisions/s\n' "imrsearch, one shard" "$t" "$(rate "$t")"
imr_index=$t
if [ -z "$quick" ]; then
  t=$(seconds "$build/imrsearch" index --db "$work/imr2" --shards 2 "$work/letters")
  printf '  %-28s %7.1f s %7s decisions/s\n' "imrsearch, two shards" "$t" "$(rate "$t")"
  rm -rf "$work/imr2"
fi
t=$(seconds "${lucene[@]}" index "$work/decisions.tsv" "$work/lucene")
printf '  %-28s %7.1f s %7s decisions/s (merged to one segment)\n' "Lucene 8" "$t" "$(rate "$t")"
lucene_index=$t
if [ -z "$quick" ]; then
  t=$(seconds "$build/bench/engines" plain-index "$work/decisions.tsv" "$work/plain")
  printf '  %-28s %7.1f s %7s decisions/s\n' "plain Xapian" "$t" "$(rate "$t")"
fi
rm -rf "$work/imr-compact"
xapian-compact --blocksize=32768 "$work/imr" "$work/imr-compact" > /dev/null
sizes="imrsearch $(du -sm "$work/imr-compact" | cut -f1) MB compacted, Lucene $(du -sm "$work/lucene" | cut -f1) MB"
[ -n "$quick" ] || sizes+=", plain Xapian $(du -sm "$work/plain" | cut -f1) MB"
echo "  index sizes: $sizes"
echo "  imrsearch (one shard) indexes at $(calc "$lucene_index / $imr_index")x Lucene's decisions/s"

echo
echo "searching (warm, best of $passes passes; per run: queries/s p50 p95 p99, ms)"
declare -A summary
engine_run() {  # label, command...
  local label=$1
  shift
  for run in $(seq "$runs"); do
    "$@" > "$work/search.out" 2>&1 || { cat "$work/search.out" >&2; exit 3; }
    local all
    all=$(awk '$1 == "all" {print $2, $3, $4, $5}' "$work/search.out")
    printf '  %-40s run %d: %s\n' "$label" "$run" "$all"
    echo "$all" >> "$work/runs-$label"
    cp "$work/search.out" "$work/kinds-$label"
  done
  # The median run by queries/s.
  summary[$label]=$(sort -n "$work/runs-$label" | sed -n "$(( (runs + 1) / 2 ))p")
}
rm -f "$work"/runs-* "$work"/kinds-*
labels=("Lucene 8, top 10" "Lucene 8, top 10, highlighted")
engine_run "Lucene 8, top 10" "${lucene[@]}" search "$work/lucene" "$work/plain-queries.tsv" --passes "$passes"
engine_run "Lucene 8, top 10, highlighted" "${lucene[@]}" search "$work/lucene" "$work/plain-queries.tsv" --highlight --passes "$passes"
if [ -z "$quick" ]; then
  labels+=("plain Xapian, top 10")
  engine_run "plain Xapian, top 10" "$build/bench/engines" search --engine plain --db "$work/plain" --queries "$work/plain-queries.tsv" --passes "$passes"
fi
labels+=("imrsearch, excerpts and facets")
engine_run "imrsearch, excerpts and facets" "$build/bench/engines" search --engine imrsearch --db "$work/imr-compact" --queries "$mix" --threads 1 --passes "$passes"
if [ -z "$quick" ]; then
  labels+=("imrsearch, excerpts, no facets")
  engine_run "imrsearch, excerpts, no facets" "$build/bench/engines" search --engine imrsearch-no-facets --db "$work/imr-compact" --queries "$mix" --threads 1 --passes "$passes"
fi
labels+=("imrsearch, excerpts and facets, 2 threads")
engine_run "imrsearch, excerpts and facets, 2 threads" "$build/bench/engines" search --engine imrsearch --db "$work/imr-compact" --queries "$mix" --threads 2 --passes "$passes"

echo
echo "| engine ($decisions decisions, median of $runs runs) | queries/s | p50 ms | p95 ms | p99 ms | queries/s vs Lucene |"
echo "| --- | --- | --- | --- | --- | --- |"
base=$(echo "${summary["Lucene 8, top 10"]}" | cut -d' ' -f1)
for label in "${labels[@]}"; do
  read -r qps p50 p95 p99 <<< "${summary[$label]}"
  printf '| %s | %s | %s | %s | %s | %sx |\n' "$label" "$qps" "$p50" "$p95" "$p99" "$(calc "$qps / $base")"
done

echo
echo "by kind, the last run (queries/s p50 p95 p99):"
for label in "Lucene 8, top 10" "imrsearch, excerpts and facets"; do
  echo "  $label"
  awk '$1 != "all" && $1 != "peak" {printf "    %-12s %8s q/s  p50 %7s  p95 %7s  p99 %7s\n", $1, $2, $3, $4, $5}' "$work/kinds-$label"
done
