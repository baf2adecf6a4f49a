#!/bin/bash
# Benchmarks wgns against the same steps typed as a shell script, on a closed test topology:
# a userspace WireGuard peer in namespace wgb-srv, joined to the host by a veth on TEST-NET-2.
#   sudo scripts/bench.sh [--runs N]        up+down cycle: wgns (A) vs scripts/bench/seed-updown.sh (B)
#   sudo scripts/bench.sh --scale 32        show/list over 1, 8, 32 namespaces vs a hand loop
# Leaves nothing behind, also on Ctrl-C.
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
PEERS=$(( SCALE > 1 ? SCALE : 1 ))

cleanup() {
  set +e
  trap - EXIT INT TERM
  for d in /run/wgns/wgb-*/; do [ -d "$d" ] && wgns down "$(basename "$d")" --kill >/dev/null 2>&1; done
  for ns in $(ip netns list | awk '{print $1}' | grep '^wgb-'); do ip netns delete "$ns"; done
  ip link delete $VETH 2>/dev/null
  for _ in $(seq 100); do [ -e /var/run/wireguard/$SRV_IF.sock ] || break; sleep 0.02; done
  pkill -f "^wireguard-go ($SRV_IF|seed)" 2>/dev/null
  rm -f /var/run/wireguard/$SRV_IF.sock /var/run/wireguard/seed*.sock
  rm -rf "$WORK" /etc/netns/wgb-*
  rmdir /etc/netns 2>/dev/null
  true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

need=()
for p in hyperfine wireguard-go wireguard-tools iproute2 nftables time; do
  dpkg-query -W -f='${Status}' $p 2>/dev/null | grep -q "ok installed" || need+=($p)
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
"$HERE/scripts/install.sh" >/dev/null
echo "wgns $(wgns --version | awk '{print $2}'), $(nproc) cores, kernel $(uname -r), $(wireguard-go --version 2>/dev/null | head -1)"

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
for i in $(seq 1 $PEERS); do
  k=$(wg genkey); echo "$k" > "$WORK/key$i"
  printf '[Peer]\nPublicKey = %s\nAllowedIPs = 10.98.%d.%d/32\n' "$(wg pubkey <<<"$k")" $((i / 250)) $((i % 250 + 2)) >> "$WORK/srv.conf"
  printf '[Interface]\nPrivateKey = %s\nAddress = 10.98.%d.%d/32, fd00:98::%x/128\nDNS = 10.98.0.1\n\n[Peer]\nPublicKey = %s\nAllowedIPs = 0.0.0.0/0, ::/0\nEndpoint = 198.51.100.2:51820\n' \
    "$k" $((i / 250)) $((i % 250 + 2)) $((i + 1)) "$(wg pubkey <<<"$SRV_KEY")" > "$WORK/c$i.conf"
done
wg setconf $SRV_IF "$WORK/srv.conf"
ip -n $SRV addr add 10.98.0.1/16 dev $SRV_IF && ip -n $SRV link set $SRV_IF up

stats() { sort -n | awk '{a[NR]=$1} END {printf "min %.1f  median %.1f  max %.1f ms", a[1], (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2), a[NR]}'; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms() { local t0=$(date +%s%N); "$@" >/dev/null 2>&1; echo $(( ($(date +%s%N) - t0) / 100000 )) | awk '{printf "%.1f\n", $1/10}'; }

if [ "$SCALE" = 0 ]; then
  grep -v -E '^(Address|DNS)' "$WORK/c1.conf" > "$WORK/c1.setconf"
  cycle_a() { wgns up wgb-a -c "$WORK/c1.conf" && wgns down wgb-a; }
  cycle_b() { "$HERE/scripts/bench/seed-updown.sh" wgb-b "$WORK/c1.setconf" 10.98.0.3/32 fd00:98::2/128 10.98.0.1; }
  for _ in 1 2 3; do cycle_a >/dev/null 2>&1; cycle_b >/dev/null 2>&1; done
  : > "$WORK/a"; : > "$WORK/b"
  for _ in $(seq 1 "$RUNS"); do   # interleaved: A B A B ..., so drift hits both alike
    ms cycle_a >> "$WORK/a"
    ms cycle_b >> "$WORK/b"
  done
  echo
  echo "up+down cycle, userspace mode, $RUNS interleaved runs each:"
  echo "  A  wgns up + wgns down            $(stats < "$WORK/a")"
  echo "  B  the seed's steps as a script   $(stats < "$WORK/b")"
  awk -v a="$(median < "$WORK/a")" -v b="$(median < "$WORK/b")" 'BEGIN {printf "  A/B (medians)                    %.2f   (target <= 1.0)\n", a/b}'
  : > "$WORK/rss"
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f "%M" -o "$WORK/rss1" wgns up wgb-a -c "$WORK/c1.conf" >/dev/null 2>&1; cat "$WORK/rss1" >> "$WORK/rss"
    wgns down wgb-a >/dev/null
  done
  echo "  peak RSS of wgns up               $(( $(median < "$WORK/rss") / 1024 )) MiB median of 5   (target <= 64)"
  n=$(wgns -v up wgb-a -c "$WORK/c1.conf" 2>&1 | grep -c '\[#\] [^ ]' || true)
  wgns down wgb-a >/dev/null
  echo "  processes wgns up starts          $n in userspace mode (kernel mode: 3, asserted by the unit test)"
  echo "  processes of the seed script      $(grep -c -E '^(ip|wireguard-go|wg|mkdir|echo) ' "$HERE/scripts/bench/seed-updown.sh") for up and down, plus its wait loop"
else
  show_all() { wgns show; }
  list_all() { wgns list; }
  hand_loop() { for ns in $(ip netns list | awk '{print $1}' | grep '^wgb-c'); do ip netns exec "$ns" wg show; done; }
  echo
  printf '%-12s %14s %14s %14s %14s\n' namespaces "wgns show" "wgns list" "hand loop" "up (each)"
  have=0
  for target in 1 8 "$SCALE"; do
    [ "$target" -le "$SCALE" ] && [ "$target" -gt "$have" ] || continue
    t0=$(date +%s%N)
    for i in $(seq $((have + 1)) "$target"); do wgns up "wgb-c$i" -c "$WORK/c$i.conf" >/dev/null 2>&1 & done
    wait
    up_ms=$(( ($(date +%s%N) - t0) / 1000000 / (target - have) ))
    have=$target
    [ "$(ls -d /run/wgns/wgb-c*/ | wc -l)" = "$target" ] || { echo "bench.sh: not all $target namespaces came up" >&2; exit 1; }
    : > "$WORK/s"; : > "$WORK/l"; : > "$WORK/h"
    for _ in $(seq 1 7); do ms show_all >> "$WORK/s"; ms list_all >> "$WORK/l"; ms hand_loop >> "$WORK/h"; done
    printf '%-12s %11s ms %11s ms %11s ms %11s ms\n' "$target" "$(median < "$WORK/s")" "$(median < "$WORK/l")" "$(median < "$WORK/h")" "$up_ms"
  done
  echo "(medians of 7; the namespaces came up $SCALE at once, in parallel)"
  for i in $(seq 1 "$SCALE"); do wgns down "wgb-c$i" >/dev/null; done
fi
cleanup
alive() { pgrep -f '^wireguard-go (wgns|seed|wgbsrv)' | while read -r p; do grep -q '^State:.*Z' /proc/$p/status 2>/dev/null || echo "$p"; done; }
for _ in $(seq 100); do [ -z "$(alive)" ] && break; sleep 0.02; done
left=$(ip netns list | grep -c '^wgb-' || true)
echo
echo "left behind: $left namespaces, $(ls /run/wgns 2>/dev/null | wc -l) entries in /run/wgns, $(alive | wc -l) daemons"
