#!/usr/bin/env bash
# Installs what is missing, then configures, builds and runs every test
# (the `dev` preset: GCC, Debug). Extra arguments go to ctest's preset run,
# e.g. `scripts/test.sh` alone, or with a preset name: `scripts/test.sh asan`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake --workflow --preset "${1:-dev}"
