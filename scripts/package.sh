#!/bin/bash
# Builds the Debian package target/wgns_VERSION_all.deb: the jar, the launcher /usr/bin/wgns,
# the systemd units, man pages (made from the command line model, roff by asciidoctor), and
# completion for bash, zsh and fish. dpkg-deb only: no debhelper, no source package.
#   scripts/package.sh          as root, it installs what the build needs if missing
#                               (openjdk-17-jdk-headless, maven, asciidoctor); as a user, it
#                               says what is missing. It never calls sudo.
# Prints the path of the .deb on its last line. scripts/package-test.sh tests it.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
cd "$HERE"
DEB=$HERE/scripts/deb
BUILD=$HERE/target/deb-build
ROOT=$BUILD/root
MAINTAINER="wgns maintainers <maintainers@users.noreply.r-seed-6f6b6831.example>"

die() { echo "package.sh: $*" >&2; exit 1; }

missing=()
command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null || missing+=(maven)
command -v asciidoctor >/dev/null || missing+=(asciidoctor)
command -v dpkg-deb >/dev/null || die "dpkg-deb not found: this builds a Debian package, on Debian"
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "missing ${missing[*]}: apt-get install them (as root), or run this as root"
  echo "package.sh: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Reproducible dates (man pages, changelog): the last commit's, when this is a git checkout.
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH
COMMIT=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)

echo "package.sh: building the jar"
mvn -B -q -DskipTests package
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$HERE/target/test-classpath.txt" >/dev/null
JAR=$(ls target/wgns-*.jar | grep -v -e original -e sources | head -1)
VERSION=$(sed -n 's/^version=//p' target/classes/org/wgns/version.properties)
[ -n "$VERSION" ] || die "no version in target/classes/org/wgns/version.properties"
case $VERSION in *[!0-9A-Za-z.+~]*|[!0-9]*) die "version $VERSION is not a Debian version" ;; esac
wgns() { java -XX:-UsePerfData -cp "$JAR" org.wgns.cli.Main "$@"; }

rm -rf "$BUILD"
umask 022
mkdir -p "$ROOT/DEBIAN" "$ROOT/usr/bin" "$ROOT/usr/share/wgns" "$ROOT/lib/systemd/system" \
  "$ROOT/usr/share/man/man1" "$ROOT/usr/share/bash-completion/completions" \
  "$ROOT/usr/share/zsh/vendor-completions" "$ROOT/usr/share/fish/vendor_completions.d" "$ROOT/usr/share/doc/wgns"

# The jar, the launcher, and the class list the postinst dumps a class-data archive from.
install -m 0644 "$JAR" "$ROOT/usr/share/wgns/wgns.jar"
install -m 0755 "$DEB/wgns" "$ROOT/usr/bin/wgns"
install -m 0644 "$DEB/java.sh" "$ROOT/usr/share/wgns/java.sh"
"$HERE/scripts/classlist.sh" "$JAR" "$ROOT/usr/share/wgns/classes.lst" "$HERE/target/test-classes"
chmod 0644 "$ROOT/usr/share/wgns/classes.lst"

# Units, running /usr/bin/wgns.
for u in wgns@.service wgns-reresolve@.service wgns-reresolve@.timer wgns-repair@.service wgns-repair@.timer; do
  wgns systemd unit "$u" --bin /usr/bin/wgns > "$ROOT/lib/systemd/system/$u"
done

# Completion, live namespace names from /run/wgns and config names from /etc/wireguard.
wgns completion bash > "$ROOT/usr/share/bash-completion/completions/wgns"
wgns completion zsh > "$ROOT/usr/share/zsh/vendor-completions/_wgns"
wgns completion fish > "$ROOT/usr/share/fish/vendor_completions.d/wgns.fish"

# Man pages: AsciiDoc from the command line model (picocli's ManPageGenerator) and src/man, then roff.
echo "package.sh: man pages"
java -XX:-UsePerfData -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" \
  org.wgns.pkg.ManPages "$BUILD/man" "$HERE/src/man" >/dev/null
asciidoctor -b manpage -D "$ROOT/usr/share/man/man1" "$BUILD"/man/*.adoc
[ -f "$ROOT/usr/share/man/man1/wgns.1" ] && [ -f "$ROOT/usr/share/man/man1/wgns-up.1" ] || die "asciidoctor made no wgns.1 or wgns-up.1"
gzip -9n "$ROOT"/usr/share/man/man1/*.1

# Documentation: copyright, and the changelog a native package carries.
install -m 0644 "$DEB/copyright" "$ROOT/usr/share/doc/wgns/copyright"
{
  echo "wgns ($VERSION) unstable; urgency=medium"
  echo
  echo "  * Built from commit $COMMIT. Changes: the project's git history."
  echo
  echo " -- $MAINTAINER  $(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n > "$ROOT/usr/share/doc/wgns/changelog.gz"

# Control files.
install -m 0755 "$DEB/postinst" "$DEB/prerm" "$DEB/postrm" "$ROOT/DEBIAN/"
install -m 0644 "$DEB/triggers" "$ROOT/DEBIAN/triggers"
cat > "$ROOT/DEBIAN/control" <<EOF
Package: wgns
Version: $VERSION
Architecture: all
Maintainer: $MAINTAINER
Installed-Size: $(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless, iproute2, wireguard-tools, nftables, util-linux (>= 2.23)
Recommends: wireguard-go, systemd, sudo, bash-completion
Section: net
Priority: optional
Description: WireGuard tunnel alone in its own network namespace
 wgns puts a WireGuard tunnel inside a Linux network namespace of its own.
 Apps started there (wgns exec NAME -- firefox) reach the network through
 the VPN or not at all; everything else on the machine is untouched.
 .
 It reads wg-quick configs, brings the tunnel up atomically (a failure undoes
 every step), gives the namespace its own DNS so lookups never leak to the
 host's resolver, runs apps as the user who called sudo, and attaches systemd
 services to a namespace. The kernel's WireGuard is used when there is one,
 else wireguard-go.
EOF
(cd "$ROOT" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 md5sum) > "$ROOT/DEBIAN/md5sums"
chmod 0644 "$ROOT/DEBIAN/control" "$ROOT/DEBIAN/md5sums"

OUT=$HERE/target/wgns_${VERSION}_all.deb
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$OUT" >/dev/null
echo "$OUT"
