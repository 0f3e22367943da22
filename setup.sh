#!/usr/bin/env bash
# Bootstraps deno-dpdk on Debian 12 as root, idempotently, then runs a task:
#   ./setup.sh          install what is missing and build the shim
#   ./setup.sh demo     ... then run the demo
#   ./setup.sh test     ... then run the whole test suite
# Installs Deno 2 (npm) and DPDK 22.11 (apt), reserves hugepages and mounts
# hugetlbfs if missing, builds the shim.
set -euo pipefail
cd "$(dirname "$0")"

HUGEPAGES=${DENO_DPDK_HUGEPAGES:-512}
PACKAGES=(dpdk dpdk-dev libdpdk-dev dpdk-doc pkg-config build-essential libpcap-dev)

say() { echo "setup: $*"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: run me as root (apt, hugepages and DPDK need it)" >&2
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v deno >/dev/null || ! deno --version | grep -q '^deno 2\.'; then
  if ! command -v npm >/dev/null; then
    say "installing npm"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null
  fi
  say "installing Deno 2 from npm"
  npm install -g --silent deno@2 >/dev/null 2>&1 || npm install -g deno@2
fi

free_pages=$(awk '/HugePages_Free/ {print $2}' /proc/meminfo)
total_pages=$(cat /proc/sys/vm/nr_hugepages)
if [ "$free_pages" -lt "$HUGEPAGES" ]; then
  want=$((total_pages - free_pages + HUGEPAGES))
  say "reserving $want hugepages of 2 MB"
  echo "$want" > /proc/sys/vm/nr_hugepages
  free_pages=$(awk '/HugePages_Free/ {print $2}' /proc/meminfo)
  if [ "$free_pages" -lt "$HUGEPAGES" ]; then
    echo "setup: only $free_pages free hugepages after reserving; $HUGEPAGES needed" >&2
    exit 1
  fi
fi
if ! grep -qs ' /dev/hugepages hugetlbfs ' /proc/mounts; then
  say "mounting hugetlbfs on /dev/hugepages"
  mkdir -p /dev/hugepages
  mount -t hugetlbfs nodev /dev/hugepages
fi

make -s -C shim-c

if [ $# -gt 0 ]; then
  exec deno task -q "$@"
fi
say "ready: 'deno task demo' runs the demo, 'deno task test' the tests"
