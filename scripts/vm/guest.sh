#!/bin/bash
# Stage 2 of the guest, its PID 1: / is the host's root, read-only, under a tmpfs overlay.
# Makes what must be the guest's own (/run, /etc, the kernel's modules, kmod, a host name),
# runs the integration tests as /results/run.env says, leaves their reports and exit status in
# /results (a directory of the host's) and powers off. Started by scripts/vm/init.
{ # read whole before it runs (see vm-test.sh)
set -u
exec </dev/null >/dev/console 2>&1
off() {
  sync
  echo o > /proc/sysrq-trigger
  sleep 60 2>/dev/null   # (the root share may be gone by then)
}
trap off EXIT
step() { echo "wgns-vm: $*"; }

mkdir -p /results
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 results /results || { step "cannot mount the results share"; exit; }
. /results/run.env
echo "boot" > /results/phase

# What udev would add to devtmpfs: /dev/stdin (wg setconf reads it), /dev/fd, ptys, shm.
ln -sf /proc/self/fd /dev/fd
for i in 0 1 2; do ln -sf "/proc/self/fd/$i" "/dev/$(echo stdin stdout stderr | cut -d' ' -f$((i + 1)))"; done
mkdir -p /dev/pts /dev/shm
mount -t devpts -o gid=5,mode=620,ptmxmode=666 devpts /dev/pts
mount -t tmpfs -o mode=1777 shm /dev/shm

# The host's /run (its namespaces, /run/wgns, userspace sockets) and /etc (other test runs
# adding users and /etc/netns entries) must not show through: a tmpfs each, /etc copied.
mount -t tmpfs -o mode=0755 run /run
mkdir -p /run/lock /run/guest-etc
cp -a /etc/. /run/guest-etc/ 2>/dev/null   # a file the host removes meanwhile is no loss
mount --bind /run/guest-etc /etc
hostname wgns-vm
ip link set lo up                           # no init here to do it
echo "127.0.1.1 wgns-vm" >> /etc/hosts     # sudo warns when the host name does not resolve
case "$WGNS_DIR/" in /tmp/*) ;; *) mount -t tmpfs tmp /tmp ;; esac   # unless the clone is there

# The guest kernel's modules and a modprobe that reads them: autoload (wireguard, veth,
# nftables) goes through /proc/sys/kernel/modprobe.
release=$(uname -r)
mkdir -p "/lib/modules/$release"
mount --bind "$WGNS_VM_KERNEL/lib/modules/$release" "/lib/modules/$release"
cp "$WGNS_VM_KMOD/bin/kmod" /usr/local/sbin/kmod
for t in modprobe insmod rmmod lsmod depmod modinfo; do ln -sf kmod "/usr/local/sbin/$t"; done
echo /usr/local/sbin/modprobe > /proc/sys/kernel/modprobe
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
modprobe tun || step "modprobe tun failed"   # wireguard-go (the tests' peer) needs /dev/net/tun
step "$release, $(nproc) CPUs, $(awk '/MemTotal/ {print int($2/1024)}' /proc/meminfo) MiB, up after $(cut -d' ' -f1 /proc/uptime) s"

cd "$WGNS_DIR" || exit
if [ -n "${WGNS_VM_SHELL:-}" ]; then    # vm-test.sh --run SCRIPT: that script instead of the tests
  bash "$WGNS_VM_SHELL" 2>&1 | tee /results/tests.log
  echo "${PIPESTATUS[0]}" > /results/rc
  exit
fi
echo "tests" > /results/phase
start=$(cut -d' ' -f1 /proc/uptime)
selectors=()
for c in $WGNS_VM_TESTS; do
  case "$c" in *#*) selectors+=(--select-method "$c") ;; *) selectors+=(--select-class "$c") ;; esac
done
java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData \
  -Dwgns.it.mode="$WGNS_VM_MODE" -Dwgns.it.slowdown="$WGNS_VM_SLOWDOWN" -Dwgns.it.rounds="$WGNS_VM_ROUNDS" \
  -Dwgns.jar="$WGNS_DIR/target/wgns-0.1.0.jar" -Dwgns.basedir="$WGNS_DIR" \
  -jar "$WGNS_VM_LAUNCHER" execute --class-path "$WGNS_VM_CLASSPATH" "${selectors[@]}" \
  --reports-dir /results/reports --details=testfeed --disable-banner --disable-ansi-colors --fail-if-no-tests \
  2>&1 | tee /results/tests.log
rc=${PIPESTATUS[0]}
end=$(cut -d' ' -f1 /proc/uptime)
step "tests took $(awk -v a="$start" -v b="$end" 'BEGIN {printf "%d", b - a}') s, exit $rc"
echo "$rc" > /results/rc
echo "done" > /results/phase
}
