#!/bin/bash
# The integration tests in kernel mode, in a guest whose kernel has WireGuard: Debian's stock
# kernel (linux-image-amd64, with wireguard.ko) under qemu-system-x86_64, booted from a busybox
# initramfs, with this machine's root shared read-only over virtio-9p and a tmpfs over it. The
# kernel package is only unpacked (dpkg -x): this machine's /boot and modules stay untouched.
# KVM when it works, else TCG (emulation: about 25 times slower at starting a JVM).
#
#   sudo scripts/vm-test.sh                 # the kernel-mode suite
#   sudo scripts/vm-test.sh UpDownIT ...    # some classes (or CLASS#method) only
#   sudo scripts/vm-test.sh --run FILE      # development: a bash script in the guest instead
#   WGNS_VM_MODE=userspace scripts/vm-test.sh   # the same tests forced to userspace, in the guest
#
# Cache: /var/cache/wgns-vm (the kernel and kmod packages, unpacked; reused while Debian's
# linux-image-amd64 points at the same kernel; replaced when it moves on). Results: target/vm/
# (console.log; results/tests.log, results/reports/*.xml). Exit 0 only when every test passed.
{ # read whole before it runs: editing this file during a run does not change the run
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(id -u)" = 0 ] || { echo "vm-test.sh: run as root (sudo $0)" >&2; exit 1; }

# The kernel-mode set: up/down/check, rollback and concurrency, exec/show, leaks, faults,
# firewall and publish, what the modes differ in, set/syncconf/repair, status through sudo. The
# rest does not depend on the mode (the launcher, systemd units, the sudo and app boundaries, the
# helper's relays and port forwarding): the host suite proves it.
TESTS=(UpDownIT ModesIT ExecShowIT LeakIT FaultIT FirewallPublishIT SecurityIT ChangeIT StatusAsUserIT)
SHELL_SCRIPT=
if [ "${1:-}" = --run ]; then   # development: boot the guest and run a script there instead of the tests
  SHELL_SCRIPT=$(realpath "$2"); shift 2
fi
[ $# -gt 0 ] && TESTS=("$@")
CACHE=/var/cache/wgns-vm
OUT=target/vm
TIMEOUT=${WGNS_VM_TIMEOUT:-50m}
MODE=${WGNS_VM_MODE:-kernel}
case "$MODE" in kernel) other=userspace ;; userspace) other=kernel ;; *) echo "WGNS_VM_MODE is kernel or userspace" >&2; exit 2 ;; esac
t0=$(date +%s)
say() { echo "vm-test.sh: $*"; }
took() { echo "$(( $(date +%s) - $1 )) s"; }

# What the guest runs comes from this machine's root: the test packages, plus qemu and busybox.
. scripts/lib/packages.sh
need_packages vm-test.sh "${TEST_PACKAGES[@]}" qemu-system-x86 busybox-static

# Build on this machine (javac under emulation is slow): the jar, the test classes, the test
# class path, and JUnit's console launcher to run them in the guest without Maven.
t=$(date +%s)
junit=$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml)
mvn -B -q package -DskipTests
mkdir -p "$OUT/lib"
mvn -B -q dependency:copy -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit" -DoutputDirectory="$OUT/lib"
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$OUT/classpath.txt"
# The launcher brings JUnit itself; the rest of the test class path is the project's.
deps=$(tr ':' '\n' < "$OUT/classpath.txt" | grep -v -E '/(org/junit|org/opentest4j|org/apiguardian)/' | paste -sd: -)
say "built in $(took "$t")"

# The kernel: the package linux-image-amd64 depends on, unpacked, with its modules' index.
t=$(date +%s)
if ! apt-cache show linux-image-amd64 >/dev/null 2>&1; then apt-get update -qq; fi
kpkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/ {print $2; exit}')
[ -n "$kpkg" ] || { say "cannot tell which kernel linux-image-amd64 is"; exit 1; }
release=${kpkg#linux-image-}
KDIR=$CACHE/$kpkg
if [ ! -f "$KDIR/ready" ]; then
  rm -rf "$CACHE" && mkdir -p "$KDIR/deb"
  (cd "$KDIR/deb" && apt-get download -q -o APT::Sandbox::User=root "$kpkg" kmod)
  dpkg -x "$KDIR"/deb/linux-image-*.deb "$KDIR/kernel"
  dpkg -x "$KDIR"/deb/kmod_*.deb "$KDIR/kmod"
  rm -rf "$KDIR/deb"
  # Debian runs depmod when installing; an unpacked package has no modules.dep yet.
  (exec -a depmod "$KDIR/kmod/bin/kmod" -b "$KDIR/kernel" "$release")
  touch "$KDIR/ready"
  say "downloaded and unpacked $kpkg in $(took "$t")"
else
  say "$kpkg from $CACHE"
fi
MODULES=$KDIR/kernel/lib/modules/$release

# The initramfs: busybox, the modules that reach the host's root (virtio-pci, 9p, overlay) with
# their dependencies in load order, and the stage-1 init.
rm -rf "$OUT/initramfs" "$OUT/results" && mkdir -p "$OUT/initramfs"/{bin,proc,sys,dev,modules} "$OUT/results"
cp /bin/busybox "$OUT/initramfs/bin/busybox"
cp scripts/vm/init "$OUT/initramfs/init"
order=()
add() {
  local line path d
  line=$(grep -E "/$1\.ko:" "$MODULES/modules.dep") || { say "no module $1 in $kpkg"; exit 1; }
  path=${line%%:*}
  for d in ${line#*:}; do add "$(basename "$d" .ko)"; done
  [[ " ${order[*]} " == *" $path "* ]] || order+=("$path")
}
for m in virtio_pci 9pnet_virtio 9p overlay; do add "$m"; done
for p in "${order[@]}"; do
  mkdir -p "$OUT/initramfs/modules/$(dirname "$p")" && cp "$MODULES/$p" "$OUT/initramfs/modules/$p"
done
printf '%s\n' "${order[@]}" > "$OUT/initramfs/modules.load"
(cd "$OUT/initramfs" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1) > "$OUT/initramfs.cpio.gz"

# KVM when it works: /dev/kvm can be there and hang (nested in a VM without nested
# virtualisation), so a guest must boot with it, briefly, first.
kernel_args=(-kernel "$KDIR/kernel/boot/vmlinuz-$release" -initrd "$OUT/initramfs.cpio.gz")
if [ -e /dev/kvm ] && timeout 20 qemu-system-x86_64 -accel kvm -cpu host -m 256 -nodefaults -display none -no-reboot \
     "${kernel_args[@]}" -append "console=ttyS0 quiet wgns.probe" -serial none -monitor none </dev/null >/dev/null 2>&1; then
  accel=(-accel kvm -cpu host); slowdown=3; rounds=1
else
  # Not -cpu max: javac and forked JVMs crashed once under it; SSE4.2 without AVX is what a
  # JIT has been run on longest.
  # A third of the rounds of the repeated tests (a hundred up/down cycles, kills at random
  # points, racing ups): all of them would take the suite past CI's time.
  accel=(-accel tcg,thread=multi -cpu Nehalem); slowdown=25; rounds=0.3
fi
dir=$(pwd)
cat > "$OUT/results/run.env" <<ENV
WGNS_DIR=$dir
WGNS_VM_KERNEL=$KDIR/kernel
WGNS_VM_KMOD=$KDIR/kmod
WGNS_VM_MODE=$MODE
WGNS_VM_SLOWDOWN=$slowdown
WGNS_VM_ROUNDS=$rounds
WGNS_VM_LAUNCHER=$(ls "$dir/$OUT"/lib/junit-platform-console-standalone-*.jar)
WGNS_VM_CLASSPATH=$dir/target/test-classes:$dir/target/classes:$deps
WGNS_VM_TESTS="$(printf 'org.wgns.it.%s ' "${TESTS[@]}")"
WGNS_VM_SHELL=$SHELL_SCRIPT
ENV

say "booting $kpkg (${accel[*]}), $MODE mode: ${TESTS[*]}"
t=$(date +%s)
set +e
timeout -k 10 "$TIMEOUT" qemu-system-x86_64 "${accel[@]}" -smp 2 -m 4096 -nodefaults -display none -no-reboot \
  "${kernel_args[@]}" -append "console=ttyS0 panic=-1 quiet wgns.guest=$dir/scripts/vm/guest.sh" \
  -serial stdio -monitor none \
  -virtfs local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap \
  -virtfs "local,path=$dir/$OUT/results,mount_tag=results,security_model=none" \
  </dev/null 2>&1 | tee "$OUT/console.log"
qemu=${PIPESTATUS[0]}
set -e
say "guest ran $(took "$t") (qemu exit $qemu); all of vm-test.sh $(took "$t0")"
if [ ! -f "$OUT/results/rc" ]; then
  [ "$qemu" = 124 ] && why="timed out after $TIMEOUT" || why="qemu exit $qemu"
  say "FAILED: the guest did not finish the tests ($why, phase: $(cat "$OUT/results/phase" 2>/dev/null || echo none));" \
      "see $OUT/console.log"
  exit 1
fi
rc=$(cat "$OUT/results/rc")
[ -z "$SHELL_SCRIPT" ] || exit "$rc"
count() { grep -E "^\[ *[0-9]+ tests $1 *\]" "$OUT/results/tests.log" | tr -dc '0-9' || echo 0; }
passed=$(count successful); failed=$(count failed); skipped=$(( $(count skipped) + $(count aborted) ))
# A test may skip itself only because it tests the other mode alone: any other reason (a
# kernel-mode test that could not run here) is a failure.
others=$(grep -ho '<skipped message="[^"]*"' "$OUT"/results/reports/*.xml | grep -v "$other mode only" || true)
if [ -n "$others" ]; then
  say "FAILED: tests skipped in $MODE mode: $others"
  rc=1
fi
echo "$MODE-mode: $passed passed, $failed failed, $skipped skipped"
[ "$rc" = 0 ] || { say "FAILED (reports in $OUT/results/reports, console in $OUT/console.log)"; exit 1; }
exit 0
}
