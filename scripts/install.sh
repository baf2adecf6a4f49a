#!/bin/bash
# Installs wgns system-wide: the OS packages it needs, the jar under /usr/local/lib/wgns, the
# launcher /usr/local/bin/wgns and bash completion. Run as root; safe to run again.
#   sudo scripts/install.sh                 install (builds with Maven unless --jar FILE is given)
#   sudo scripts/install.sh --uninstall
#   --prefix DIR puts everything under DIR instead (bin, lib, completion, units), e.g. for tests.
set -euo pipefail

HERE=$(cd "$(dirname "$0")/.." && pwd)
PREFIX=/usr/local
UNINSTALL=
JAR=
while [ $# -gt 0 ]; do
  case "$1" in
    --uninstall) UNINSTALL=1 ;;
    --jar) JAR=${2:?--jar needs a file}; shift ;;
    --prefix) PREFIX=${2:?--prefix needs a directory}; shift ;;
    *) echo "install.sh: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
LIB=$PREFIX/lib/wgns
BIN=$PREFIX/bin/wgns
if [ "$PREFIX" = /usr/local ]; then
  COMPLETION=/etc/bash_completion.d/wgns
  UNIT_DIR=/etc/systemd/system
else
  COMPLETION=$PREFIX/share/bash-completion/completions/wgns
  UNIT_DIR=$PREFIX/lib/systemd/system
fi
RUNTIME_PACKAGES=(iproute2 wireguard-tools wireguard-go nftables util-linux sudo)
BUILD_PACKAGES=(openjdk-17-jdk-headless maven)

die() { echo "install.sh: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || die "run as root (sudo $0)"

if [ -n "$UNINSTALL" ]; then
  rm -f "$BIN" "$COMPLETION" "$UNIT_DIR/wgns@.service" "$UNIT_DIR/wgns-reresolve@.service" "$UNIT_DIR/wgns-reresolve@.timer" "$UNIT_DIR/wgns-repair@.service" "$UNIT_DIR/wgns-repair@.timer"
  rm -rf "$LIB"
  echo "wgns uninstalled"
  exit 0
fi

missing=()
for p in "${RUNTIME_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ -z "$JAR" ]; then
  command -v mvn >/dev/null || missing+=(maven)
  command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "install.sh: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

BUILT=
if [ -z "$JAR" ]; then
  BUILT=1
  (cd "$HERE" && mvn -B -q -DskipTests package)
  JAR=$(ls "$HERE"/target/wgns-*.jar | grep -v original | head -1)
fi
[ -f "$JAR" ] || die "no jar at $JAR"

JAVA=$(readlink -f "$(command -v java)")
[ -x "$JAVA" ] || die "no java found"

install -d -m 0755 -o root -g root "$LIB" "$(dirname "$BIN")"
install -m 0644 -o root -g root "$JAR" "$LIB/wgns.jar"
# Tuned for a short-lived CLI: no JIT beyond C1, the smallest GC, no perf data file.
JVM_OPTIONS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xshare:auto -Xss512k -XX:CICompilerCount=1 -Djdk.lang.Process.launchMechanism=VFORK"
# A class-data archive of the classes wgns loads makes every start faster: dumped from the same
# class list as the package's (scripts/classlist.sh), for this jar and this JVM.
rm -f "$LIB/wgns.jsa"
classes=$(mktemp)
tests=
[ -n "$BUILT" ] && [ -d "$HERE/target/test-classes" ] && tests=$HERE/target/test-classes
if JAVA=$JAVA "$HERE/scripts/classlist.sh" "$LIB/wgns.jar" "$classes" $tests \
   && "$JAVA" $JVM_OPTIONS -Xshare:dump -XX:SharedClassListFile="$classes" -XX:SharedArchiveFile="$LIB/wgns.jsa" \
     -Xlog:cds=off -Xlog:cds+dynamic=off -cp "$LIB/wgns.jar" >/dev/null 2>&1 && [ -s "$LIB/wgns.jsa" ]; then
  chmod 0644 "$LIB/wgns.jsa"
  JVM_OPTIONS="$JVM_OPTIONS -XX:SharedArchiveFile=$LIB/wgns.jsa -Xlog:cds=off -Xlog:cds+dynamic=off"
else
  rm -f "$LIB/wgns.jsa"
  echo "install.sh: no class-data archive (wgns works, and starts slower)" >&2
fi
rm -f "$classes"
tmp=$(mktemp)
sed -e "s|@JAVA@|$JAVA|" -e "s|@JAR@|$LIB/wgns.jar|" -e "s|@JVM_OPTIONS@|$JVM_OPTIONS|" -e "s|@BIN@|$BIN|" \
  "$HERE/scripts/launcher.sh.in" > "$tmp"
install -m 0755 -o root -g root "$tmp" "$BIN"
rm -f "$tmp"

mkdir -p "$(dirname "$COMPLETION")"
"$BIN" completion > "$COMPLETION.tmp" && mv "$COMPLETION.tmp" "$COMPLETION"
chmod 0644 "$COMPLETION"

if [ -d "$UNIT_DIR" ] || [ "$PREFIX" != /usr/local ]; then
  mkdir -p "$UNIT_DIR"
  for u in wgns@.service wgns-reresolve@.service wgns-reresolve@.timer wgns-repair@.service wgns-repair@.timer; do
    "$BIN" systemd unit "$u" --bin "$BIN" > "$UNIT_DIR/$u.tmp" && mv "$UNIT_DIR/$u.tmp" "$UNIT_DIR/$u"
    chmod 0644 "$UNIT_DIR/$u"
  done
  [ -d /run/systemd/system ] && systemctl daemon-reload || true
fi

echo "wgns $("$BIN" --version | awk '{print $2}') installed: $BIN"
