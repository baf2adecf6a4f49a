#!/bin/bash
# Benchmarks wgns against its floors, on a closed test topology: a userspace WireGuard peer in
# namespace wgb-srv, joined to the host by a veth on TEST-NET-2. Each target is a ratio of
# medians from one interleaved run (A B A B ..., so the machine's drift hits both alike).
#   sudo scripts/bench.sh [--runs N]        the targets of issue 13 (below)
#   sudo scripts/bench.sh --scale 32        show/list over 1, 8, 32 namespaces vs a hand loop
# wgns is installed for the run under a temporary prefix (scripts/install.sh --prefix) and
# removed after; nothing is left behind, also on Ctrl-C. Other engineers' tests use the same
# networks: run it under the machine's lock (flock /run/lock/wgns-it.lock scripts/bench.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" = 0 ] || { echo "bench.sh: run as root (sudo $0)" >&2; exit 1; }

RUNS=20
SCALE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift ;;
    --scale) SCALE=$2; shift ;;
    *) echo "bench.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done

SRV=wgb-srv VETH=wgb-h SRV_IF=wgbsrv0
WORK=$(mktemp -d /tmp/wgns-bench.XXXXXX)
chmod 0755 "$WORK"
WGNS=$WORK/prefix/bin/wgns
PEERS=$(( SCALE > 1 ? SCALE : 1 ))
SLEEPERS=()

cleanup() {
  set +e
  trap - EXIT INT TERM
  [ ${#SLEEPERS[@]} -gt 0 ] && kill "${SLEEPERS[@]}" 2>/dev/null
  for d in /run/wgns/wgb-*/; do [ -d "$d" ] && "$WGNS" down "$(basename "$d")" --kill >/dev/null 2>&1; done
  for ns in $(ip netns list | awk '{print $1}' | grep '^wgb-'); do ip netns delete "$ns"; done
  ip link delete $VETH 2>/dev/null
  for _ in $(seq 100); do [ -e /var/run/wireguard/$SRV_IF.sock ] || break; sleep 0.02; done
  pkill -f "(^|/)wireguard-go ($SRV_IF|seed)" 2>/dev/null
  rm -f /var/run/wireguard/$SRV_IF.sock /var/run/wireguard/seed*.sock
  rm -rf "$WORK" /etc/netns/wgb-*
  rmdir /etc/netns 2>/dev/null
  true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need=()
for p in wireguard-go wireguard-tools iproute2 nftables time; do
  dpkg-query -W -f='${Status}' $p 2>/dev/null | grep -q "ok installed" || need+=($p)
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
"$HERE/scripts/install.sh" --prefix "$WORK/prefix" >/dev/null
JAVA=$(readlink -f "$(command -v java)")
. "$HERE/scripts/deb/java.sh"
echo "wgns $("$WGNS" --version | awk '{print $2}'), $(nproc) cores, kernel $(uname -r), $(wireguard-go --version 2>/dev/null | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# The closed topology: a peer for every client the run needs.
umask 077
ip netns add $SRV
ip link add $VETH type veth peer name eth0 netns $SRV
ip addr add 198.51.100.1/24 dev $VETH && ip link set $VETH up
ip -n $SRV addr add 198.51.100.2/24 dev eth0 && ip -n $SRV link set eth0 up && ip -n $SRV link set lo up
ip netns exec $SRV wireguard-go $SRV_IF >/dev/null 2>&1
until wg show $SRV_IF >/dev/null 2>&1; do sleep 0.01; done
SRV_KEY=$(wg genkey)
{ echo "[Interface]"; echo "PrivateKey = $SRV_KEY"; echo "ListenPort = 51820"; } > "$WORK/srv.conf"
for i in $(seq 1 $((PEERS + 1))); do
  k=$(wg genkey); echo "$k" > "$WORK/key$i"
  printf '[Peer]\nPublicKey = %s\nAllowedIPs = 10.98.%d.%d/32\n' "$(wg pubkey <<<"$k")" $((i / 250)) $((i % 250 + 2)) >> "$WORK/srv.conf"
  printf '[Interface]\nPrivateKey = %s\nAddress = 10.98.%d.%d/32, fd00:98::%x/128\nDNS = 10.98.0.1\n\n[Peer]\nPublicKey = %s\nAllowedIPs = 0.0.0.0/0, ::/0\nEndpoint = 198.51.100.2:51820\n' \
    "$k" $((i / 250)) $((i % 250 + 2)) $((i + 1)) "$(wg pubkey <<<"$SRV_KEY")" > "$WORK/c$i.conf"
done
wg setconf $SRV_IF "$WORK/srv.conf"
ip -n $SRV addr add 10.98.0.1/16 dev $SRV_IF && ip -n $SRV link set $SRV_IF up
umask 022

# Timing: wall milliseconds of one run, and the CPU its processes used (bash's `times`).
# `times` must run in this shell, not in a $(...) subshell, which has children of its own.
children_cpu() { # children_cpu VAR: sets VAR to this shell's children's user+sys CPU in ms
  times > "$WORK/times"
  printf -v "$1" '%s' "$(tail -1 "$WORK/times" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.1f", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1000 }')"
}
ms() { # ms FILE CMD...: appends "wall cpu" for one run of CMD
  local out=$1; shift
  local c0 t0 t1 c1
  children_cpu c0; t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N); children_cpu c1
  awk -v w=$(( (t1 - t0) / 1000 )) -v a="$c0" -v b="$c1" 'BEGIN {printf "%.1f %.1f\n", w / 1000, b - a}' >> "$out"
}
col() { awk -v c="$2" '{print $c}' "$1" | sort -n; }
median() { awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
stats() { col "$1" 1 | awk '{a[NR]=$1} END {printf "min %6.1f  median %6.1f  max %6.1f ms", a[1], (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[NR]}'; }
# compare LABEL TARGET FILE_A FILE_B: one line per side, then the ratio of medians against the target
compare() {
  local wa wb ca cb
  wa=$(col "$3" 1 | median); wb=$(col "$4" 1 | median); ca=$(col "$3" 2 | median); cb=$(col "$4" 2 | median)
  printf '  A  %-34s %s   cpu %6.1f ms\n' "$5" "$(stats "$3")" "$ca"
  printf '  B  %-34s %s   cpu %6.1f ms\n' "$6" "$(stats "$4")" "$cb"
  awk -v l="$1" -v t="$2" -v a="$wa" -v b="$wb" -v ca="$ca" -v cb="$cb" 'BEGIN {
    r = a / b; printf "  => %-32s A/B %.2f (target <= %s: %s)   cpu A/B %.2f\n\n", l, r, t, (r <= t ? "met" : "NOT met"), ca / cb }'
}
interleave() { # interleave FILE_A FILE_B CMD_A CMD_B: RUNS pairs after 3 warm-up pairs
  : > "$1"; : > "$2"
  for _ in 1 2 3; do eval "$3" >/dev/null 2>&1 || true; eval "$4" >/dev/null 2>&1 || true; done
  for _ in $(seq 1 "$RUNS"); do ms "$1" eval "$3"; ms "$2" eval "$4"; done
}

if [ "$SCALE" = 0 ]; then
  mkdir -p "$WORK/hello"
  printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$WORK/hello/Hello.java"
  javac -d "$WORK/hello" "$WORK/hello/Hello.java"
  # The JVM floor: hello world on the same java with the same options (and the JDK's own archive).
  HELLO="$JAVA $WGNS_JVM_OPTIONS -Xshare:auto -cp $WORK/hello Hello"
  grep -v -E '^(Address|DNS)' "$WORK/c1.conf" > "$WORK/c1.setconf"
  C1=$WORK/c1.conf
  SEED="$HERE/scripts/bench/seed-updown.sh wgb-b $WORK/c1.setconf 10.98.0.3/32 fd00:98::2/128 10.98.0.1"
  echo; echo "$RUNS interleaved runs each, userspace mode (this kernel has no WireGuard module):"; echo

  echo "up + down against the seed's steps as a shell script (stretch 1.6)"
  interleave "$WORK/a" "$WORK/b" "$WGNS up wgb-a -c $C1 && $WGNS down wgb-a" "$SEED"
  compare "up+down / seed script" 2.0 "$WORK/a" "$WORK/b" "wgns up + wgns down" "scripts/bench/seed-updown.sh"

  echo "start-up against a hello-world JVM with the same options"
  interleave "$WORK/a" "$WORK/b" "$WGNS --version" "$HELLO"
  compare "--version / hello" 1.6 "$WORK/a" "$WORK/b" "wgns --version" "hello world"
  interleave "$WORK/a" "$WORK/b" "$WGNS list --json" "$HELLO"
  compare "list --json / hello" 1.6 "$WORK/a" "$WORK/b" "wgns list --json (nothing up)" "hello world"

  "$WGNS" up wgb-x -c "$WORK/c2.conf" >/dev/null 2>&1
  echo "exec in a namespace that is up (the chain: ip netns exec, sh, env, true)"
  interleave "$WORK/a" "$WORK/b" "$WGNS exec wgb-x -- true" "$HELLO"
  compare "exec -- true / hello" 2.0 "$WORK/a" "$WORK/b" "wgns exec wgb-x -- true" "hello world"

  echo "list (one namespace up) with 1,000 more sleeping processes on the machine, against without"
  : > "$WORK/a"; : > "$WORK/b"
  ms /dev/null "$WGNS" list
  for _ in $(seq 1 "$RUNS"); do   # interleaved by rounds: start 1,000, time, end them, time
    SLEEPERS=(); for _ in $(seq 1000); do sleep 3600 & SLEEPERS+=($!); done
    sleep 1   # let all of them reach their sleep: a run must not share the CPU with 1,000 execs
    ms "$WORK/a" "$WGNS" list
    kill "${SLEEPERS[@]}"; wait "${SLEEPERS[@]}" 2>/dev/null || true; SLEEPERS=()
    sleep 1
    ms "$WORK/b" "$WGNS" list
  done
  compare "list: +1,000 processes / without" 1.1 "$WORK/a" "$WORK/b" "wgns list, 1,000 more processes" "wgns list"

  echo "status bar for 20 s: one list --json --watch=1 against list --json once a second"
  children_cpu c0
  timeout -s TERM 20 "$WGNS" list --json --watch=1 > "$WORK/lines" || true
  children_cpu c1
  for _ in $(seq 20); do "$WGNS" list --json >/dev/null; sleep 1; done
  children_cpu c2
  awk -v a="$c0" -v b="$c1" -v c="$c2" -v n="$(wc -l < "$WORK/lines")" 'BEGIN {
    printf "  --watch=1: one process, %d lines, %.0f ms CPU; 20 separate calls: %.0f ms CPU (%.1fx)\n\n", n, b - a, c - b, (c - b) / (b - a) }'
  "$WGNS" down wgb-x >/dev/null

  : > "$WORK/rss"
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%M" -o "$WORK/rss1" "$WGNS" up wgb-a -c "$C1" >/dev/null 2>&1; cat "$WORK/rss1" >> "$WORK/rss"
    "$WGNS" down wgb-a >/dev/null
  done
  echo "  peak RSS of wgns up               $(( $(sort -n "$WORK/rss" | median) / 1024 )) MiB median of 5   (target <= 64)"
  n=$("$WGNS" -v up wgb-a -c "$C1" 2>&1 | grep -c '\[#\] [^ ]' || true)
  "$WGNS" down wgb-a >/dev/null
  echo "  processes wgns up starts          $n in userspace mode (kernel mode: 3, asserted by the unit test)"
  echo "  processes of the seed script      $(grep -c -E '^(ip|wireguard-go|wg|mkdir|echo) ' "$HERE/scripts/bench/seed-updown.sh") for up and down, plus its wait loop"
else
  show_all() { "$WGNS" show; }
  list_all() { "$WGNS" list; }
  hand_loop() { for ns in $(ip netns list | awk '{print $1}' | grep '^wgb-c'); do ip netns exec "$ns" wg show; done; }
  echo
  printf '%-12s %14s %14s %14s %14s\n' namespaces "wgns show" "wgns list" "hand loop" "up (each)"
  have=0
  for target in 1 8 "$SCALE"; do
    [ "$target" -le "$SCALE" ] && [ "$target" -gt "$have" ] || continue
    t0=$(date +%s%N)
    for i in $(seq $((have + 1)) "$target"); do "$WGNS" up "wgb-c$i" -c "$WORK/c$i.conf" >/dev/null 2>&1 & done
    wait
    up_ms=$(( ($(date +%s%N) - t0) / 1000000 / (target - have) ))
    have=$target
    [ "$(ls -d /run/wgns/wgb-c*/ | wc -l)" = "$target" ] || { echo "bench.sh: not all $target namespaces came up" >&2; exit 1; }
    : > "$WORK/s"; : > "$WORK/l"; : > "$WORK/h"
    for _ in $(seq 1 7); do ms "$WORK/s" show_all; ms "$WORK/l" list_all; ms "$WORK/h" hand_loop; done
    printf '%-12s %11s ms %11s ms %11s ms %11s ms\n' "$target" "$(col "$WORK/s" 1 | median)" "$(col "$WORK/l" 1 | median)" \
      "$(col "$WORK/h" 1 | median)" "$up_ms"
  done
  echo "(medians of 7; the namespaces came up $SCALE at once, in parallel)"
  for i in $(seq 1 "$SCALE"); do "$WGNS" down "wgb-c$i" >/dev/null; done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
alive() { pgrep -f '(^|/)wireguard-go (wgns|seed|wgbsrv)' | while read -r p; do grep -q '^State:.*Z' /proc/$p/status 2>/dev/null || echo "$p"; done; }
cleanup
for _ in $(seq 100); do [ -z "$(alive)" ] && break; sleep 0.02; done
left=$(ip netns list | grep -c '^wgb-' || true)
echo
echo "left behind: $left namespaces, $(ls -d /run/wgns/wgb-* 2>/dev/null | wc -l) wgb- entries in /run/wgns, $(alive | wc -l) daemons"
