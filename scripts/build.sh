#!/usr/bin/env bash
# Configures (once) and builds drydock in ./build. Incremental: only what is stale is rebuilt.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${DRYDOCK_BUILD_DIR:-build}
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
  launcher=()
  # ccache (when installed) makes a second worktree's or a clean rebuild's unchanged files free.
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release "${launcher[@]}" >&2
fi
cmake --build "$build_dir" -j "$(nproc)" "$@" >&2
