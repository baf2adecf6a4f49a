#!/bin/bash
# wgns end to end, with no VPN account: a throwaway WireGuard peer (userspace wireguard-go) and a
# DNS server that knows one name, in a namespace of their own joined to the host by a veth on
# TEST-NET-3. wgns brings namespace "demo" up against it, we look inside, then take it all down.
# Run as root on Debian:  sudo scripts/demo.sh   (again and again; Ctrl-C also cleans up)
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
[ "$(id -u)" = 0 ] || { echo "demo.sh: run as root (sudo $0)" >&2; exit 1; }

NS=demo
PEER_NS=wgns-demo-peer
VETH=wgdemo-h
PEER_IF=wgdemopeer
WORK=$(mktemp -d /tmp/wgns-demo.XXXXXX)
DNS_PID=

say()  { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

cleanup() {
  set +e
  trap - EXIT INT TERM
  say "cleaning up"
  [ -e /run/wgns/$NS ] && wgns down $NS --kill
  [ -n "$DNS_PID" ] && kill "$DNS_PID" 2>/dev/null && wait "$DNS_PID" 2>/dev/null
  ip netns delete $PEER_NS 2>/dev/null
  ip link delete $VETH 2>/dev/null
  for _ in $(seq 100); do [ -e /var/run/wireguard/$PEER_IF.sock ] || break; sleep 0.02; done
  pkill -f "^wireguard-go $PEER_IF\$" 2>/dev/null; rm -f /var/run/wireguard/$PEER_IF.sock
  rm -rf "$WORK"
  echo "done: no namespace, link, daemon or file of the demo is left"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "installing wgns and what the demo needs"
"$HERE/scripts/install.sh"
need=()
for p in dnsmasq-base iputils-ping; do
  dpkg-query -W -f='${Status}' $p 2>/dev/null | grep -q "ok installed" || need+=($p)
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ -e /run/netns/$NS ] || [ -e /run/netns/$PEER_NS ]; then
  echo "demo.sh: namespace $NS or $PEER_NS exists already; remove it first" >&2; trap - EXIT; exit 1
fi

say "a local WireGuard peer (203.0.113.2, tunnel 10.77.0.1) with a DNS server, in namespace $PEER_NS"
umask 077
PEER_KEY=$(wg genkey); PEER_PUB=$(wg pubkey <<<"$PEER_KEY")
MY_KEY=$(wg genkey);   MY_PUB=$(wg pubkey <<<"$MY_KEY")
ip netns add $PEER_NS
ip link add $VETH type veth peer name eth0 netns $PEER_NS
ip addr add 203.0.113.1/24 dev $VETH && ip link set $VETH up
ip -n $PEER_NS addr add 203.0.113.2/24 dev eth0
ip -n $PEER_NS link set eth0 up && ip -n $PEER_NS link set lo up
ip netns exec $PEER_NS wireguard-go $PEER_IF >/dev/null 2>&1
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
