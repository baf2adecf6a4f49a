#!/bin/bash
# The .deb as a user meets it. lintian first; then a fresh Debian bookworm root made by
# debootstrap (minbase) from the Debian mirror, where `apt-get install ./wgns_*.deb` has to pull
# every dependency itself. There: wgns runs, as root and as a user, on the Java it found without
# PATH or JAVA_HOME; the class-data archive is made, used, and harmless when it does not match;
# man pages; bash, zsh and fish complete commands, options, live namespace names and config
# names; `apt-get purge wgns` leaves no file behind (checked twice: by name, and by comparing the
# whole file tree before the install and after the purge).
#   scripts/package-test.sh [DEB]      as root; without DEB it runs scripts/package.sh first
# The root lives in target/package-test/ and is deleted at the end. Everything inside runs in a
# mount and PID namespace of its own (unshare): its mounts and any process left in the root end
# with the namespace, also when the test fails or is killed. Downloaded .debs are kept in
# /var/cache/wgns-deb (debootstrap's and apt's), so a second run fetches nothing. The host is
# not changed otherwise: packages this script needs (debootstrap, lintian) are installed if missing.
# Mirrors: WGNS_DEB_MIRROR (default http://deb.debian.org/debian), WGNS_DEB_SECURITY_MIRROR.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
SUITE=bookworm
MIRROR=${WGNS_DEB_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${WGNS_DEB_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
CACHE=/var/cache/wgns-deb
WORK=$HERE/target/package-test
ROOT=$WORK/root
# What the test itself uses inside (not dependencies of wgns): man, zsh and fish to load the pages
# and completions; passwd for a user.
TEST_TOOLS=(man-db zsh fish passwd)

die() { echo "package-test.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
# Inside: runs in the private mount and PID namespace, as PID 1 of it.
inside() {
  local deb=$1 passed=0 failed=0
  ok()   { passed=$((passed + 1)); echo "ok    $*"; }
  fail() { failed=$((failed + 1)); echo "FAIL  $*"; }
  check() { local what=$1; shift; if "$@" >"$WORK/out" 2>&1; then ok "$what"; else fail "$what"; sed 's/^/      /' "$WORK/out" | tail -20; fi; }
  in_root() { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb "$@"; }
  as_user() { chroot --userspec=tester:tester "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/tester USER=tester LANG=C.UTF-8 TERM=dumb "$@"; }
  apt_in() { in_root env DEBIAN_FRONTEND=noninteractive apt-get -y -q -o Dpkg::Use-Pty=0 "$@"; }

  mount --make-rprivate /
  local t0=$SECONDS
  echo "package-test: debootstrap $SUITE (minbase) from $MIRROR"
  debootstrap --variant=minbase --cache-dir="$CACHE/debootstrap" "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log"; die "debootstrap failed"; }
  echo "package-test: root ready in $((SECONDS - t0)) s"
  mount -t proc proc "$ROOT/proc"
  # A terminal for zsh's zpty: a devpts instance of the root's own.
  mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts "$ROOT/dev/pts"
  mount --bind "$ROOT/dev/pts/ptmx" "$ROOT/dev/ptmx"
  mount --bind "$CACHE/apt" "$ROOT/var/cache/apt/archives"
  cat > "$ROOT/etc/apt/sources.list" <<EOF
deb $MIRROR $SUITE main
deb $MIRROR $SUITE-updates main
deb $SECURITY_MIRROR $SUITE-security main
EOF
  # No service starts in a chroot.
  printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"; chmod 0755 "$ROOT/usr/sbin/policy-rc.d"
  apt_in update >"$WORK/apt.log" 2>&1 || { tail "$WORK/apt.log"; die "apt-get update failed"; }
  apt_in install --no-install-recommends "${TEST_TOOLS[@]}" >>"$WORK/apt.log" 2>&1 || { tail "$WORK/apt.log"; die "installing ${TEST_TOOLS[*]} failed"; }
  in_root useradd -m -s /bin/bash tester
  # A machine has a kernel, which provides wireguard-modules (wireguard-tools recommends it); a
  # chroot has none, and apt would install one, with an initramfs. A stand-in provides it.
  mkdir -p "$WORK/kernel/DEBIAN"
  printf 'Package: kernel-stand-in\nVersion: 1\nArchitecture: all\nMaintainer: wgns tests <tests@localhost>\nProvides: wireguard-modules (= 1.0.20210606)\nDescription: stands in for the kernel in package-test.sh\n' \
    > "$WORK/kernel/DEBIAN/control"
  dpkg-deb --root-owner-group --build "$WORK/kernel" "$ROOT/tmp/kernel.deb" >/dev/null
  in_root dpkg -i /tmp/kernel.deb >/dev/null
  rm "$ROOT/tmp/kernel.deb"
  # As a live system would have them: a namespace that is up (and the lock directory, which is
  # no namespace), and a config.
  mkdir -p "$ROOT/run/wgns/alpha" "$ROOT/run/wgns/.locks" "$ROOT/etc/wireguard"
  chmod 0755 "$ROOT/run/wgns"; chmod 0700 "$ROOT/etc/wireguard"
  printf '[Interface]\nPrivateKey = x\n' > "$ROOT/etc/wireguard/mullvad-se.conf"
  cp "$deb" "$ROOT/tmp/"; chmod 0644 "$ROOT/tmp/$(basename "$deb")"
  local debfile=/tmp/$(basename "$deb")

  echo "package-test: apt-get install $debfile"
  t0=$SECONDS
  check "apt-get install ./$(basename "$deb") pulls the dependencies and installs" apt_in install "$debfile"
  echo "package-test: installed in $((SECONDS - t0)) s"
  cp "$WORK/out" "$WORK/install.log"
  local version; version=$(dpkg-deb -f "$deb" Version)
  check "dependencies came from the mirror (a Java runtime, wg, nft, ip)" \
    in_root sh -c 'command -v wg && command -v nft && command -v ip && command -v setpriv && readlink -e /usr/bin/java'
  check "recommended wireguard-go, sudo and bash-completion are installed" \
    in_root dpkg-query -W wireguard-go sudo bash-completion
  check "wgns --version (root)" in_root sh -c "test \"\$(wgns --version)\" = 'wgns $version'"
  check "wgns --version (a user)" as_user sh -c "test \"\$(wgns --version)\" = 'wgns $version'"
  check "wgns --help lists the commands" in_root sh -c 'wgns --help | grep -q "^  up "'
  check "/usr/bin/wgns is root's, 0755" in_root sh -c 'test "$(stat -c %U:%a /usr/bin/wgns)" = root:755'

  # The JVM: the caller chooses nothing.
  mkdir -p "$ROOT/tmp/evil/bin"
  printf '#!/bin/sh\ntouch /tmp/evil/ran\nexit 1\n' > "$ROOT/tmp/evil/bin/java"; chmod 0755 "$ROOT/tmp/evil/bin/java"
  cp "$ROOT/tmp/evil/bin/java" "$ROOT/tmp/evil/java"
  check "PATH, JAVA_HOME, JAVA_TOOL_OPTIONS and friends do not reach or pick the JVM" in_root sh -c '
    out=$(env PATH=/tmp/evil:/tmp/evil/bin:$PATH JAVA_HOME=/tmp/evil JAVA_TOOL_OPTIONS=-javaagent:/nope.jar \
          _JAVA_OPTIONS=-javaagent:/nope.jar JDK_JAVA_OPTIONS=-javaagent:/nope.jar CLASSPATH=/tmp/evil wgns --version 2>&1)
    test "$out" = "wgns '"$version"'" && test ! -e /tmp/evil/ran'

  # The class-data archive.
  check "postinst made the class-data archive, root's, 0644" \
    in_root sh -c 'test "$(stat -c %U:%a /var/lib/wgns/wgns.jsa)" = root:644 && test "$(stat -c %U:%a /var/lib/wgns)" = root:755'
  check "the archive maps on this JVM (-Xshare:on)" in_root sh -c '
    . /usr/share/wgns/java.sh; "$(wgns_java)" $WGNS_JVM_OPTIONS -Xshare:on -XX:SharedArchiveFile=$WGNS_ARCHIVE -cp $WGNS_JAR org.wgns.cli.Main --version'
  check "a mismatching archive is harmless (no output, same result)" in_root sh -c '
    cp /var/lib/wgns/wgns.jsa /tmp/jsa && head -c 4096 /dev/urandom > /var/lib/wgns/wgns.jsa
    out=$(wgns --version 2>&1); cp /tmp/jsa /var/lib/wgns/wgns.jsa; test "$out" = "wgns '"$version"'"'
  check "without the archive wgns starts all the same" in_root sh -c '
    mv /var/lib/wgns/wgns.jsa /tmp/jsa && out=$(wgns --version 2>&1); mv /tmp/jsa /var/lib/wgns/wgns.jsa; test "$out" = "wgns '"$version"'"'

  check "a Java package changing /usr/lib/jvm makes the archive again (dpkg trigger)" in_root sh -c '
    rm /var/lib/wgns/wgns.jsa && dpkg-trigger --no-await /usr/lib/jvm && dpkg --triggers-only --pending &&
    test "$(stat -c %U:%a /var/lib/wgns/wgns.jsa)" = root:644'

  # Units, man pages.
  check "units run /usr/bin/wgns" in_root sh -c 'grep -q "^ExecStart=/usr/bin/wgns up %i" /lib/systemd/system/wgns@.service &&
    test -f /lib/systemd/system/wgns-reresolve@.timer'
  check "man -w wgns" in_root man -w wgns
  check "man -w wgns-up, wgns-exec, wgns-systemd-attach" in_root man -w wgns-up wgns-exec wgns-systemd-attach
  check "man wgns-up renders without warnings" in_root sh -c '
    out=$(MANWIDTH=80 man --warnings wgns-up 2>&1 >/tmp/page); test -z "$out" || { echo "$out"; exit 1; }
    grep -q "^OPTIONS" /tmp/page && grep -q -- "--allow-in=PROTO/PORT" /tmp/page && grep -q "^SEE ALSO" /tmp/page'

  # bash: the completion loads the way TAB loads it (bash-completion loads
  # /usr/share/bash-completion/completions/wgns on first use), then completes.
  check "bash -i (a user): TAB loads the completion; complete -p wgns" as_user bash -ic '
    _completion_loader wgns; complete -p wgns | grep -q "_complete_wgns.* wgns"'
  check "bash: commands, options, live namespace names (never .locks)" as_user bash -ic '
    _completion_loader wgns
    c() { COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=(); _complete_wgns wgns "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"; printf "%s\n" "${COMPREPLY[@]}"; }
    c wgns "" | grep -qx up && c wgns down "" | grep -qx alpha && ! c wgns down "" | grep -q locks && c wgns up --r | grep -qx -- --run-hooks'
  check "bash: config names from /etc/wireguard (root)" in_root bash -c '
    . /usr/share/bash-completion/bash_completion; _completion_loader wgns
    COMP_WORDS=(wgns up ""); COMP_CWORD=2; COMP_LINE="wgns up "; COMP_POINT=8; _complete_wgns wgns "" up; printf "%s\n" "${COMPREPLY[@]}" | grep -qx mullvad-se'
  # zsh: compinit finds _wgns in vendor-completions; a real TAB in a pseudo-terminal.
  cp "$HERE/scripts/package-test-tab.zsh" "$ROOT/tmp/ztab.zsh"
  check "zsh: compinit loads _wgns" in_root zsh -fc 'autoload -Uz compinit && compinit -u -D && [[ $_comps[wgns] == _wgns ]]'
  check "zsh: TAB completes commands, namespace names, config names, options" in_root sh -c '
    zsh -f /tmp/ztab.zsh "wgns " | grep -q "up *-- Create namespace" &&
    zsh -f /tmp/ztab.zsh "wgns down " | grep -q alpha && ! zsh -f /tmp/ztab.zsh "wgns down " | grep -q locks &&
    zsh -f /tmp/ztab.zsh "wgns up " | grep -q mullvad-se && zsh -f /tmp/ztab.zsh "wgns up --" | grep -q -- "--run-hooks"'
  # fish: loads wgns.fish from vendor_completions.d by itself.
  check "fish: completes commands, namespace names, config names, options" in_root sh -c '
    fish -c "complete -C \"wgns \"" | grep -q "^up" && fish -c "complete -C \"wgns down \"" | grep -qx "alpha.*" &&
    ! fish -c "complete -C \"wgns down \"" | grep -q locks && fish -c "complete -C \"wgns up \"" | grep -q "^mullvad-se" &&
    fish -c "complete -C \"wgns up --r\"" | grep -q -- "^--run-hooks"'
  check "fish (a user): loads it too" as_user fish -c 'complete -C "wgns " | grep -q "^exec"'

  # Purge, first: nothing of the package is left.
  dpkg-deb --fsys-tarfile "$deb" | tar -t | sed 's|^\./|/|' > "$WORK/files"
  check "apt-get purge wgns" apt_in purge wgns
  check "dpkg no longer knows wgns" in_root sh -c '! dpkg-query -W -f="\${Status}" wgns 2>/dev/null | grep -q installed && ! ls /var/lib/dpkg/info/wgns.* 2>/dev/null'
  check "no file of the package is left (its own directories neither)" in_root sh -c '
    left=0; while read -r f; do case $f in */) [ -d "$f" ] && case $f in /usr/share/wgns/|/usr/share/doc/wgns/) echo "$f"; left=1;; esac ;;
      *) [ -e "$f" ] && { echo "$f"; left=1; } ;; esac; done < /dev/stdin; test $left = 0' < "$WORK/files"
  # (/var/cache/man: man-db keeps formatted pages of every package it showed, and expires them.)
  check "nothing named wgns anywhere (the .deb and the test's /run/wgns aside)" in_root sh -c '
    out=$(find / -xdev \( -path /proc -o -path /tmp -o -path /run/wgns -o -path /var/cache/man \) -prune -o -name "*wgns*" -print)
    test -z "$out" || { echo "$out"; exit 1; }'

  # Purge, second: the whole tree before the install equals the tree after the purge.
  snapshot() { in_root find / -xdev \( -path /proc -o -path /tmp -o -path /run -o -path /var/cache/apt -o -path /var/lib/apt/lists -o -path /var/log -o -path /var/cache/man \) -prune -o -print | grep -v -e '^/var/lib/dpkg/.*-old$' -e '^/var/cache/debconf/.*-old$' | LC_ALL=C sort; }
  snapshot > "$WORK/before"
  check "install again (dependencies present)" apt_in install "$debfile"
  check "wgns --version, man, completion once more" in_root sh -c 'wgns --version >/dev/null && man wgns >/dev/null && fish -c "complete -C \"wgns \"" >/dev/null && zsh -f /tmp/ztab.zsh "wgns " >/dev/null'
  check "apt-get purge wgns again" apt_in purge wgns
  snapshot > "$WORK/after"
  check "the file tree after the purge is the tree before the install" diff "$WORK/before" "$WORK/after"

  echo "package-test: $passed passed, $failed failed"
  [ "$failed" = 0 ]
}

if [ "${1:-}" = --inside ]; then
  shift
  inside "$@"
  exit $?
fi

# ---------------------------------------------------------------------------------------------
# Outside: build or take the .deb, lintian, then the namespace that holds the rest.
[ "$(id -u)" = 0 ] || die "debootstrap and chroot need root: run as root (sudo $0)"
. "$HERE/scripts/lib/packages.sh"
need_packages package-test.sh debootstrap lintian

if [ $# -ge 1 ]; then
  DEB=$(readlink -f "$1")
else
  DEB=$("$HERE/scripts/package.sh" | tail -1)
fi
[ -f "$DEB" ] || die "no .deb at $DEB"

echo "package-test: lintian $(basename "$DEB")"
# Errors and warnings fail the test; info and pedantic tags are shown.
set +e
lint=$(lintian --fail-on error,warning -I --pedantic --tag-display-limit 0 "$DEB" 2>&1)
lint_rc=$?
set -e
printf '%s\n' "$lint" | grep -v -e "^running with root privileges" -e '^$' | sed 's/^/      /' || true
[ "$lint_rc" = 0 ] || die "lintian reports errors or warnings (above)"
echo "ok    lintian: no errors, no warnings"

mkdir -p "$CACHE/debootstrap" "$CACHE/apt/partial"
chmod 0755 "$CACHE"
cleanup() {
  # The namespace is gone with its mounts; delete only when nothing is mounted below the root.
  if findmnt -rn -o TARGET | grep -q "^$WORK/"; then
    echo "package-test.sh: something is still mounted under $WORK; not deleting it" >&2
    return
  fi
  rm -rf --one-file-system "$WORK"
}
if findmnt -rn -o TARGET | grep -q "^$WORK/"; then
  die "something is mounted under $WORK (an earlier run?): unmount it first"
fi
rm -rf --one-file-system "$WORK"
mkdir -p "$WORK"
trap cleanup EXIT
start=$SECONDS
set +e
unshare --mount --pid --fork --kill-child --mount-proc -- "$0" --inside "$DEB"
rc=$?
set -e
echo "package-test: $((SECONDS - start)) s in the Debian root"
exit $rc
