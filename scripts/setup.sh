#!/usr/bin/env bash
# Installs what building and testing this project needs, from Debian's
# packages, when it is missing. Safe to run again: it installs nothing that is
# already there. Run it as root (or with sudo available).
#
#   scripts/setup.sh            the compiler, CMake, Ninja, doctest, CLI11, asio, curl
#   scripts/setup.sh --ci       also what the CI checks use: clang 14, the aarch64
#                               cross compiler and qemu-user, boost.context, valgrind,
#                               xmllint (libxml2-utils: the tests parse the pictures)
set -euo pipefail

packages=(g++ cmake ninja-build doctest-dev libcli11-dev libasio-dev curl)
if [[ "${1:-}" == "--ci" ]]; then
  packages+=(clang-14 g++-aarch64-linux-gnu qemu-user libboost-context-dev valgrind libxml2-utils)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "setup: installing ${missing[*]}"
as_root=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null; then
    as_root=(sudo)
  else
    echo "setup: missing packages: ${missing[*]}; install them as root with:" >&2
    echo "  apt-get update && apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
