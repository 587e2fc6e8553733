#!/usr/bin/env bash
# Installs the Debian packages imrsearch builds, tests and runs with, where missing.
# Idempotent: does nothing when every package is present.
#   scripts/install-deps.sh           what ./demo.sh and ./test.sh need
#   scripts/install-deps.sh --bench   and what bench/engines.sh compares against (Lucene 8, a JDK)
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools
  libicu-dev
  libre2-dev      # the recognisers' patterns: one linear-time pass, not std::regex backtracking
  libboost-program-options-dev   # and Boost's headers: Beast and Asio for imrsearch serve
  liburiparser-dev   # serve: query strings and paths decoded by a well-kept library, not by hand
  wrk                # tests and bench/: a real load generator against serve, on 127.0.0.1
  nlohmann-json3-dev
  catch2
  libpoppler-cpp-dev
  libjemalloc-dev # the executables' allocator: documents are built on one thread, freed on another
  qpdf            # tests: makes a user-password PDF fixture
  chromium        # tests: the web page in a real browser (puppeteer-core drives it, downloads none)
)
if [ "${1:-}" = "--bench" ]; then
  packages+=(liblucene8-java default-jdk-headless)   # bench/engines.sh: Lucene 8 beside imrsearch
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# Tests only: Node's test runner drives chromium (the product is C++). Any Node 18 or newer
# serves; Debian's is installed where the machine has none.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then missing+=(nodejs npm); fi

install_node_modules() {
  # The browser tests' pinned packages (tests/web/package-lock.json), when not yet in place.
  local web_tests
  web_tests="$(cd "$(dirname "$0")/.." && pwd)/tests/web"
  if [ ! -d "$web_tests/node_modules/puppeteer-core" ] || [ ! -d "$web_tests/node_modules/axe-core" ]; then
    echo "imrsearch: installing the browser tests' node packages (npm ci)" >&2
    (cd "$web_tests" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
  fi
}

if [ ${#missing[@]} -eq 0 ]; then
  install_node_modules
  exit 0
fi

echo "imrsearch: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_node_modules
