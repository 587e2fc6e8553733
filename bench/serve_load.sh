#!/usr/bin/env bash
# The service under load: wrk on 127.0.0.1 over the judged-query mix (bench/load_queries.txt),
# at 1, 4 and 16 connections, each run bounded (20 s), beside the library's in-process figure.
#   bench/serve_load.sh INDEX [BUILD_DIR]        (BUILD_DIR default build-release)
set -euo pipefail
index=$1
build=${2:-build-release}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

"$build/bench/inprocess_mix" --db "$index" --queries "$here/load_queries.txt" --repeat 20

"$build/imrsearch" serve --db "$index" --listen 127.0.0.1:0 2> "$work/serve.log" &
server=$!
for _ in $(seq 100); do
  port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "serve did not start" >&2; cat "$work/serve.log" >&2; exit 3; }

# A Lua script for wrk: the mix, one query after another.
{
  echo 'local paths = {'
  while IFS= read -r q; do
    printf '  "/v1/search?q=%s",\n' "$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")"
  done < "$here/load_queries.txt"
  echo '}'
  echo 'local i = 0'
  echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
} > "$work/mix.lua"

for c in 1 4 16; do
  echo "== $c connection(s), 20 s"
  wrk -t"$(( c < 2 ? 1 : 2 ))" -c"$c" -d20s --timeout 10s --latency -s "$work/mix.lua" "http://127.0.0.1:$port/" |
    grep -E "Requests/sec|  50%|  99%|Non-2xx|Socket errors|requests in"
done
