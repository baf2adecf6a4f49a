#!/bin/bash
# The seed's steps typed as a plain shell script: namespace, WireGuard link (userspace, as this
# kernel has no module) born in the host namespace, config, MTU, move, rename, addresses, links
# up, default routes, resolv.conf; then the namespace deleted. scripts/bench.sh times it
# against `wgns up` + `wgns down`.
#   seed-updown.sh NAME CONFIG ADDRESS4 ADDRESS6 DNS
set -e
NS=$1 CONF=$2 A4=$3 A6=$4 DNS=$5
TMP=seed$(printf '%06x' $((RANDOM * 32768 + RANDOM)))
ip netns add "$NS"
wireguard-go "$TMP" >/dev/null 2>&1
# wireguard-go answers on its socket a moment after it forks: wait for it, as one must.
until wg show "$TMP" >/dev/null 2>&1; do sleep 0.001; done
wg setconf "$TMP" "$CONF"
ip link set "$TMP" mtu 1420
ip link set "$TMP" netns "$NS"
ip -n "$NS" link set "$TMP" name wg0
ip -n "$NS" addr add "$A4" dev wg0
ip -n "$NS" addr add "$A6" dev wg0
ip -n "$NS" link set lo up
ip -n "$NS" link set wg0 up
ip -n "$NS" route add default dev wg0
ip -n "$NS" -6 route add default dev wg0
mkdir -p "/etc/netns/$NS"
echo "nameserver $DNS" > "/etc/netns/$NS/resolv.conf"
# down
ip netns delete "$NS"
rm -rf "/etc/netns/$NS"
