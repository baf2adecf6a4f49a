#!/bin/bash
# Tests of the first-run habits of the README's scripts:
#   1. they never call sudo (the README's commands work in a root shell without it): no script
#      runs sudo, and the demo runs to its end with a `sudo` first in PATH that records any call
#      and fails as a missing one would;
#   2. demo.sh refuses to start, with one line and before it changes anything, when its test range
#      203.0.113.0/24 is already routed (in a network namespace of the test's own, where it is)
#      or another demo runs;
#   3. its names cannot clash: namespaces called demo and wgns-demo-peer (the old fixed names)
#      are there during the run, and are still there, untouched, after it;
#   4. it ends only processes whose PIDs it started: decoys named like its daemons survive it,
#      and no process it started (marked by a variable in its environment) outlives it, also
#      when it is interrupted with Ctrl-C halfway.
# Run as root:  scripts/demo-test.sh [--jar JAR]   (default: target/wgns-*.jar, built if missing)
# The demo uses a wgns installed under a temporary prefix (install.sh --prefix), so nothing is
# installed on the machine but the Debian packages the demo needs.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
cd "$HERE"
JAR=
[ "${1:-}" = --jar ] && JAR=${2:?--jar needs a file}
[ "$(id -u)" = 0 ] || { echo "demo-test.sh: the demo makes namespaces: run as root" >&2; exit 1; }

passed=0 failed=0
ok()   { passed=$((passed + 1)); echo "ok    $*"; }
fail() { failed=$((failed + 1)); echo "FAIL  $*"; }

TMP=$(mktemp -d /tmp/wgns-demo-test.XXXXXX)
DECOYS=()
DECOY_NS=()
cleanup() {
  set +e
  for pid in "${DECOYS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; done
  for ns in "${DECOY_NS[@]}"; do ip netns delete "$ns"; done
  rm -rf "$TMP"
}
trap cleanup EXIT

if [ -z "$JAR" ]; then
  JAR=$(ls target/wgns-*.jar 2>/dev/null | grep -v original | head -1 || true)
  [ -n "$JAR" ] || { mvn -B -q -DskipTests package; JAR=$(ls target/wgns-*.jar | grep -v original | head -1); }
fi
scripts/install.sh --prefix "$TMP/prefix" --jar "$JAR" >/dev/null
WGNS=$TMP/prefix/bin/wgns

# A sudo that records that it was called and fails like a missing one.
mkdir -p "$TMP/nosudo"
printf '#!/bin/sh\necho "$0 $*" >> %s/sudo-called\necho "sudo: command not found" >&2\nexit 127\n' "$TMP" > "$TMP/nosudo/sudo"
chmod 0755 "$TMP/nosudo/sudo"
NOSUDO_PATH=$TMP/nosudo:$PATH

# ---- 1. no sudo in the scripts -------------------------------------------------------------
# A command position: start of line, after ; & | ( ` $( or then/do/else, ignoring comments and
# the text of echo/printf/die/refuse messages.
calls=$(grep -nE '(^|[;&|(`]|\b(then|do|else|exec))[[:space:]]*sudo([[:space:]]|$)' scripts/*.sh scripts/bench/*.sh 2>/dev/null \
  | grep -vE ':[0-9]+:[[:space:]]*#' | grep -vE '(echo|printf|die|refuse|say)[[:space:]]' || true)
if [ -z "$calls" ]; then ok "no script runs sudo"; else fail "a script runs sudo:"; echo "$calls" | sed 's/^/      /'; fi
if grep -q 'root shell' README.md && grep -q 'never call' README.md; then ok "the README says the scripts work in a root shell without sudo"
else fail "the README does not say that the scripts work in a root shell without sudo"; fi

# ---- 2. refusals -----------------------------------------------------------------------------
refusal() {  # $1: what; $2: expected part of the one line; rest: the command
  local what=$1 want=$2; shift 2
  local rc=0
  "$@" >"$TMP/out" 2>"$TMP/err" || rc=$?
  if [ "$rc" = 1 ] && [ ! -s "$TMP/out" ] && [ "$(wc -l < "$TMP/err")" = 1 ] && grep -q -- "$want" "$TMP/err"; then
    ok "$what: $(cat "$TMP/err")"
  else
    fail "$what (exit $rc)"; sed 's/^/      out: /' "$TMP/out"; sed 's/^/      err: /' "$TMP/err"
  fi
}
in_netns_with() {  # runs the demo in a network namespace of its own where "$1" is set up
  unshare --net bash -c "ip link add t0 type veth peer name t1 && ip link set t0 up && ip link set t1 up && $1 && exec scripts/demo.sh --wgns /nonexistent"
}
refusal "refuses when an address of 203.0.113.0/24 is here" "203.0.113.0/24 is already routed here" \
  in_netns_with "ip addr add 203.0.113.77/24 dev t0"
refusal "refuses when a route covers 203.0.113.0/24" "203.0.113.0/24 is already routed here" \
  in_netns_with "ip route add 203.0.0.0/16 dev t0"
refusal "refuses when a route leads into 203.0.113.0/24" "203.0.113.0/24 is already routed here" \
  in_netns_with "ip route add 203.0.113.128/25 dev t0"
if [ ! -e /run/lock/wgns-demo.lock ]; then
  flock /run/lock/wgns-demo.lock sleep 30 &
  holder=$!
  for _ in $(seq 50); do flock -n /run/lock/wgns-demo.lock true 2>/dev/null || break; sleep 0.05; done
  refusal "refuses while another demo runs" "another demo is running" scripts/demo.sh --wgns /nonexistent
  kill "$holder"; wait "$holder" 2>/dev/null || true
  rm -f /run/lock/wgns-demo.lock
else
  fail "refuses while another demo runs: /run/lock/wgns-demo.lock exists already (a demo running?)"
fi

# ---- 3 and 4: real runs, with decoys ----------------------------------------------------------
# Namespaces with the demo's old fixed names, and processes named like its daemons (the old demo
# ended "wireguard-go wgdemopeer" by name).
for ns in demo wgns-demo-peer; do
  if [ -e "/run/netns/$ns" ]; then
    echo "demo-test.sh: namespace $ns exists already; not using it as a decoy"
  else
    ip netns add "$ns" && DECOY_NS+=("$ns")
  fi
done
perl -e '$0 = "wireguard-go wgdemopeer"; sleep 600' & DECOYS+=($!)
perl -e '$0 = "dnsmasq --keep-in-foreground"; sleep 600' & DECOYS+=($!)

leftovers() {  # $1: the run's id; prints anything of that run still there
  local id=$1 mark=$2
  ip netns list | grep -- "$id" || true
  ip -br link | grep -- "$id" || true
  ls /var/run/wireguard /run/wgns /etc/netns 2>/dev/null | grep -- "$id" || true
  [ ! -e /run/lock/wgns-demo.lock ] || echo /run/lock/wgns-demo.lock
  ip route show table all | grep -- 'blackhole 203.0.113.0/24 metric 4242' || true
  grep -l -s -z -x -- "WGNS_DEMO_TEST=$mark" /proc/[0-9]*/environ | grep -v "^/proc/$$/" || true
}
decoys_alive() {
  local pid ns
  for pid in "${DECOYS[@]}"; do kill -0 "$pid" 2>/dev/null || { echo "decoy process $pid is gone"; return 1; }; done
  for ns in "${DECOY_NS[@]}"; do [ -e "/run/netns/$ns" ] || { echo "decoy namespace $ns is gone"; return 1; }; done
}

tmp_before=$(ls -d /tmp/wgns-demo.* 2>/dev/null || true)
mark=run-$$-$RANDOM
rc=0
env PATH="$NOSUDO_PATH" WGNS_DEMO_TEST=$mark scripts/demo.sh --wgns "$WGNS" >"$TMP/run.log" 2>&1 || rc=$?
id=$(sed -n 's/^\$ wgns up demo-\([0-9a-f]*\) .*/\1/p' "$TMP/run.log" | head -1)
if [ "$rc" = 0 ] && [ -n "$id" ] && grep -q "peer.demo.internal from 10.77.0.2" "$TMP/run.log" && grep -q "^done: " "$TMP/run.log"; then
  ok "the demo runs to its end, with namespace demo-$id, while namespaces demo and wgns-demo-peer exist"
else
  fail "the demo did not run to its end (exit $rc)"; tail -20 "$TMP/run.log" | sed 's/^/      /'
fi
if [ -s "$TMP/sudo-called" ]; then fail "the demo called sudo:"; sed 's/^/      /' "$TMP/sudo-called"; else ok "the demo never called sudo (a failing sudo was first in PATH)"; fi
left=$(leftovers "${id:-none}" "$mark")
[ "$(ls -d /tmp/wgns-demo.* 2>/dev/null || true)" = "$tmp_before" ] || left+=" a /tmp/wgns-demo.* directory"
if [ -z "$left" ]; then ok "nothing of the run is left: namespace, link, socket, state, lock, file, process, safety-net route"; else fail "left behind: $left"; fi
if out=$(decoys_alive); then ok "decoys named like its daemons, and namespaces with its old names, are untouched"; else fail "$out"; fi

# Ctrl-C halfway: the whole process group gets SIGINT, as from a terminal.
mark=int-$$-$RANDOM
set -m
env PATH="$NOSUDO_PATH" WGNS_DEMO_TEST=$mark scripts/demo.sh --wgns "$WGNS" >"$TMP/int.log" 2>&1 &
demo=$!
set +m
for _ in $(seq 300); do grep -q "^\$ wgns exec demo-.* ping" "$TMP/int.log" 2>/dev/null && break; kill -0 "$demo" 2>/dev/null || break; sleep 0.1; done
kill -INT -- "-$demo" 2>/dev/null || true
rc=0; wait "$demo" || rc=$?
id=$(sed -n 's/^\$ wgns up demo-\([0-9a-f]*\) .*/\1/p' "$TMP/int.log" | head -1)
if [ "$rc" = 130 ] && [ -n "$id" ] && grep -q "^done: " "$TMP/int.log"; then ok "Ctrl-C halfway: the demo cleans up and exits 130"
else fail "Ctrl-C halfway: exit $rc"; tail -20 "$TMP/int.log" | sed 's/^/      /'; fi
left=$(leftovers "${id:-none}" "$mark")
if [ -z "$left" ]; then ok "nothing of the interrupted run is left"; else fail "left behind after Ctrl-C: $left"; fi
if out=$(decoys_alive); then ok "decoys untouched after Ctrl-C"; else fail "$out"; fi

echo "demo-test: $passed passed, $failed failed"
[ "$failed" = 0 ]
