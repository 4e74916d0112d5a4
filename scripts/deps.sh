#!/usr/bin/env bash
# Installs the Debian packages drydock needs, only those missing. Idempotent; quiet when all is there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ccache
  libsimgrid-dev libeigen3-dev libyaml-cpp-dev nlohmann-json3-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev libboost-graph-dev libfccp-dev
  libcurl4-openssl-dev libsqlite3-dev zlib1g-dev libboost-dev libssl-dev openssl
  python3-pandas python3-matplotlib
)
# Extra packages a caller needs (live tests add docker.io and busybox-static).
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "drydock: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
log=$(mktemp /tmp/drydock-apt.XXXXXX.log)
if ! { $SUDO apt-get update -qq && $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1; then
  tail -n 30 "$log" >&2
  echo "drydock: apt-get failed; full log in $log" >&2
  exit 1
fi
