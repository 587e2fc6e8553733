#!/usr/bin/env bash
# Installs the build into a scratch prefix and builds and runs a tiny program against it, as a
# program embedding imrsearch would: find_package(imrsearch) and the pkg-config file.
#   tests/install/check.sh BUILD_DIR SOURCE_DIR DATA_DIR
set -euo pipefail
build=$1 source=$2 data=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -x "$work/prefix/bin/imrsearch"
test -f "$work/prefix/include/imr/searcher.h"
test -f "$work/prefix/share/imrsearch/web/index.html"
PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig" pkg-config --cflags --libs imrsearch >/dev/null
cmake -S "$source/tests/install" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/consumer" -j2 >/dev/null
"$work/consumer/consumer" "$work/index" "$data/letters/seeds"
