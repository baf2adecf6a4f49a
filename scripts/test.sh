#!/bin/bash
# The whole test suite, as CI runs it: installs what the tests need, then `mvn -B verify`
# (unit tests, then integration tests in real network namespaces with a userspace WireGuard peer),
# then the package test (the .deb in a fresh Debian root) and the demo's first-run habits.
# Run as root on a Debian machine:  scripts/test.sh   (sudo scripts/test.sh from a user's shell)
# With arguments, only Maven runs, with them:  scripts/test.sh -Dit.test=UpDownIT
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "test.sh: the integration tests make namespaces: run as root (sudo $0)" >&2; exit 1; }

PACKAGES=(openjdk-17-jdk-headless maven iproute2 wireguard-tools wireguard-go nftables iputils-ping python3
          dnsmasq-base util-linux sudo lighttpd curl procps systemd gcc libc6-dev)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ $# -gt 0 ]; then
  exec mvn -B verify "$@"
fi
mvn -B verify
scripts/package-test.sh
scripts/demo-test.sh --jar "$(ls target/wgns-*.jar | grep -v original | head -1)"
# This kernel may lack WireGuard: the integration tests again in kernel mode, in a VM.
scripts/vm-test.sh
