#!/usr/bin/env bash
# Installs the Debian packages imrsearch builds, tests and runs with, where missing.
# Idempotent: does nothing when every package is present.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libxapian-dev xapian-tools
  libicu-dev
  libre2-dev      # the recognisers' patterns: one linear-time pass, not std::regex backtracking
  libboost-program-options-dev
  nlohmann-json3-dev
  catch2
  libpoppler-cpp-dev
  libjemalloc-dev # the executables' allocator: documents are built on one thread, freed on another
  qpdf            # tests: makes a user-password PDF fixture
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "imrsearch: installing ${missing[*]}" >&2
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
