#!/bin/bash
# wgns end to end, with no VPN account: a throwaway WireGuard peer (userspace wireguard-go) and a
# DNS server that knows one name, in a namespace of their own joined to the host by a veth on
# TEST-NET-3. wgns brings a namespace "demo-XXXXXX" up against it, we look inside, then take it
# all down. Run as root on Debian:  scripts/demo.sh  (sudo scripts/demo.sh from a user's shell;
# this script never calls sudo). Again and again; Ctrl-C also cleans up.
#   --wgns PATH   use this wgns instead of installing one with scripts/install.sh
# It cannot collide with anything else on the machine: it refuses to start (one line) when
# 203.0.113.0/24 is already routed here or another demo is running; its namespaces, links and
# daemon socket carry a random suffix; and it ends only processes whose PIDs it started.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
WGNS=
while [ $# -gt 0 ]; do
  case "$1" in
    --wgns) WGNS=${2:?--wgns needs a path}; shift ;;
    *) echo "demo.sh: unknown argument $1 (only --wgns PATH)" >&2; exit 2 ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || { echo "demo.sh: run as root (sudo $0)" >&2; exit 1; }

RANGE=203.0.113.0/24
LOCK=/run/lock/wgns-demo.lock
NS= PEER_NS= VETH= PEER_IF= WORK= DNS_PID= WG_PID= STARTED= LOCKED= NET=

say()  { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }
refuse() { echo "demo.sh: $*; not starting" >&2; exit 1; }

# Ends a process this script started: $1 is the PID of our own child, which stays ours (no other
# process can get that PID) until we wait for it. TERM, then KILL after 2 s.
end_pid() {
  local pid=$1
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.02; done
    kill -9 "$pid" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
  return 0
}

cleanup() {
  set +e
  trap - EXIT INT TERM
  if [ -n "$STARTED" ]; then
    say "cleaning up"
    [ -e "/run/wgns/$NS" ] && wgns down "$NS" --kill
    # If wgns's state went missing, the namespace is still ours: its name is this run's.
    if [ -e "/run/netns/$NS" ]; then
      for pid in $(ip netns pids "$NS"); do kill -9 "$pid"; done
      ip netns delete "$NS"
      rm -rf "/etc/netns/$NS"
    fi
    end_pid "$DNS_PID"
    ip netns delete "$PEER_NS" 2>/dev/null
    ip link delete "$VETH" 2>/dev/null
    # Without its TUN device the peer's daemon exits by itself; give it a moment, then end it.
    if [ -n "$WG_PID" ]; then
      for _ in $(seq 100); do kill -0 "$WG_PID" 2>/dev/null || break; sleep 0.02; done
      end_pid "$WG_PID"
    fi
  fi
  [ -z "$NET" ] || ip route del blackhole $RANGE metric 4242 2>/dev/null
  [ -z "$WORK" ] || rm -rf "$WORK"
  [ -z "$LOCKED" ] || rm -f "$LOCK"
  [ -z "$STARTED" ] || echo "done: no namespace, link, daemon or file of the demo is left"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if ! command -v ip >/dev/null; then
  echo "demo.sh: installing iproute2 (ip), to look at the routes" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends iproute2 >/dev/null
fi
# Refuse, before anything changes, what would collide: a route into or over the test range (a
# default route aside), another demo (the lock is held until this script exits).
routed=$({ ip -4 route show table all match $RANGE; ip -4 route show table all root $RANGE; } | { grep -v '^default' || true; } | sort -u)
[ -z "$routed" ] || refuse "$RANGE is already routed here ($(echo "$routed" | head -1 | sed "s/ *$//")), the demo's test network would collide with it"
exec 9>>"$LOCK"
flock -n 9 || refuse "another demo is running (it holds $LOCK)"
LOCKED=1
# Names of our own: a random suffix, and none of them may exist yet.
ID=$(od -An -N3 -tx1 /dev/urandom | tr -d ' \n')
NS=demo-$ID                    # wgns's namespace
PEER_NS=wgns-demo-peer-$ID     # the peer's namespace
VETH=wgdemo-$ID                # host side of the veth (15 characters at most)
PEER_IF=wgdpeer-$ID            # the peer's wireguard-go interface and socket
for n in "$NS" "$PEER_NS"; do
  [ ! -e "/run/netns/$n" ] && [ ! -e "/run/wgns/$n" ] || refuse "namespace $n exists already"
done
for l in "$VETH" "$PEER_IF"; do
  ! ip link show "$l" >/dev/null 2>&1 && [ ! -e "/var/run/wireguard/$l.sock" ] || refuse "link $l exists already"
done
# A safety net while the range is in use: should the peer's namespace go first, the tunnel's
# handshakes meet this route instead of leaving through the default one (the veth's own route wins
# while it exists).
ip route add blackhole $RANGE metric 4242 && NET=1

if [ -n "$WGNS" ]; then
  wgns() { "$WGNS" "$@"; }
else
  say "installing wgns"
  "$HERE/scripts/install.sh"
fi
need=()
for p in dnsmasq-base iputils-ping wireguard-tools wireguard-go iproute2; do
  dpkg-query -W -f='${Status}' $p 2>/dev/null | grep -q "ok installed" || need+=($p)
done
if [ ${#need[@]} -gt 0 ]; then
  say "installing what the demo needs: ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
WORK=$(mktemp -d /tmp/wgns-demo.XXXXXX)

say "a local WireGuard peer (203.0.113.2, tunnel 10.77.0.1) with a DNS server, in namespace $PEER_NS"
umask 077
PEER_KEY=$(wg genkey); PEER_PUB=$(wg pubkey <<<"$PEER_KEY")
MY_KEY=$(wg genkey);   MY_PUB=$(wg pubkey <<<"$MY_KEY")
STARTED=1
ip netns add $PEER_NS
ip link add $VETH type veth peer name eth0 netns $PEER_NS
ip addr add 203.0.113.1/24 dev $VETH && ip link set $VETH up
ip -n $PEER_NS addr add 203.0.113.2/24 dev eth0
ip -n $PEER_NS link set eth0 up && ip -n $PEER_NS link set lo up
# In the foreground (WG_PROCESS_FOREGROUND=1; ip netns exec execs it), so $! is the daemon itself.
WG_PROCESS_FOREGROUND=1 ip netns exec $PEER_NS wireguard-go $PEER_IF >"$WORK/wireguard-go.log" 2>&1 &
WG_PID=$!
for _ in $(seq 100); do wg show $PEER_IF >/dev/null 2>&1 && break; sleep 0.02; done
wg setconf $PEER_IF /dev/stdin <<EOF2
[Interface]
PrivateKey = $PEER_KEY
ListenPort = 51820
[Peer]
PublicKey = $MY_PUB
AllowedIPs = 10.77.0.2/32, fd00:77::2/128
EOF2
ip -n $PEER_NS addr add 10.77.0.1/24 dev $PEER_IF
ip -n $PEER_NS addr add fd00:77::1/64 dev $PEER_IF
ip -n $PEER_NS link set $PEER_IF up
ip netns exec $PEER_NS dnsmasq --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts \
  --bind-interfaces --listen-address=10.77.0.1 --address=/peer.demo.internal/10.77.0.1 \
  --log-queries --log-facility=- 2>"$WORK/dns.log" &
DNS_PID=$!

cat > "$WORK/demo.conf" <<EOF2
# What a VPN provider hands out, pointing at the local peer.
[Interface]
PrivateKey = $MY_KEY
Address = 10.77.0.2/32, fd00:77::2/128
DNS = 10.77.0.1

[Peer]
PublicKey = $PEER_PUB
AllowedIPs = 0.0.0.0/0, ::/0
Endpoint = 203.0.113.2:51820
EOF2

say "wgns up"
show wgns up $NS -c "$WORK/demo.conf"

say "inside the namespace there is the tunnel and nothing else"
show ip -n $NS -br link
show ip -n $NS route

say "traffic goes through the tunnel to the peer (IPv4 and IPv6)"
show wgns exec $NS -- ping -c 2 -W 2 10.77.0.1
show wgns exec $NS -- ping -c 1 -W 2 fd00:77::1

say "names resolve through the tunnel, with the namespace's own DNS"
show wgns exec $NS -- cat /etc/resolv.conf
show wgns exec $NS -- getent hosts peer.demo.internal
sleep 0.2
echo "the DNS server saw the query from the tunnel address:"
grep -m1 "query\[A\] peer.demo.internal from" "$WORK/dns.log" || true
echo "the host's own resolver does not know the name (it is only reachable through the tunnel):"
show getent hosts peer.demo.internal || echo "(not found, as expected)"

say "the WireGuard status, per namespace"
show wgns show $NS
show wgns list

say "kill switch: with the tunnel down nothing leaves the namespace"
show ip -n $NS link set wg0 down
show wgns exec $NS -- ping -c 1 -W 1 203.0.113.2 || echo "(unreachable, as it should be)"

say "wgns down"
show wgns down $NS
