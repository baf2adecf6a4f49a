#!/bin/bash
# The whole test suite, as CI runs it: installs what the tests need, then `mvn -B verify`
# (unit tests, then integration tests in real network namespaces with a userspace WireGuard peer),
# then the package test (the .deb in a fresh Debian root), the demo's first-run habits, and the
# integration tests again in kernel mode in a QEMU guest (scripts/vm-test.sh, about half an hour).
# Run as root on a Debian machine:  scripts/test.sh   (sudo scripts/test.sh from a user's shell)
# With arguments, only Maven runs, with them:  scripts/test.sh -Dit.test=UpDownIT
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "test.sh: the integration tests make namespaces: run as root (sudo $0)" >&2; exit 1; }

. scripts/lib/packages.sh
need_packages test.sh "${TEST_PACKAGES[@]}"
if [ $# -gt 0 ]; then
  exec mvn -B verify "$@"
fi
mvn -B verify
scripts/package-test.sh
scripts/demo-test.sh --jar "$(ls target/wgns-*.jar | grep -v original | head -1)"
# This kernel may lack WireGuard: the integration tests again in kernel mode, in a VM.
scripts/vm-test.sh
