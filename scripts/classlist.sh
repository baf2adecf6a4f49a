#!/bin/bash
# Records the classes wgns loads, for the class-data sharing (CDS) archive that scripts/install.sh
# and the package's postinst dump for the Java runtime installed (-Xshare:dump
# -XX:SharedClassListFile). A static archive, because it holds picocli's Java 5 class files too,
# which the JVM's dynamic archive (-XX:ArchiveClassesAtExit) refuses. The list names classes, not
# a JVM build, so it is made once, at build time; the archive is dumped where it runs.
#   scripts/classlist.sh JAR OUT [TEST_CLASSES]
# What runs, none of it changing anything: real commands (--version, --help, list, show, check,
# up's refusals, a usage error), and, given the test classes, a whole session — up in both modes,
# list, show, check, exec, down — in-process against a fake host (org.wgns.pkg.ClassListTraining).
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
JAR=${1:?usage: classlist.sh JAR OUT [TEST_CLASSES]}
OUT=${2:?usage: classlist.sh JAR OUT [TEST_CLASSES]}
TESTS=${3:-}
# The JVM options the launchers use, so the same classes load.
. "$HERE/scripts/deb/java.sh"
JAVA=${JAVA:-java}
PARTS=$(mktemp -d)
trap 'rm -rf "$PARTS"' EXIT

n=0
record() {
  n=$((n + 1))
  "$JAVA" $WGNS_JVM_OPTIONS -Xshare:off -XX:DumpLoadedClassList="$PARTS/$n.lst" "$@" >/dev/null 2>&1 </dev/null || true
}
for args in "--version" "--help" "list" "list --json" "show" "show --json" "check wgns-classlist" \
    "up wgns-classlist -c /nonexistent/wgns-classlist.conf" "up --bogus" "down --help"; do
  # shellcheck disable=SC2086 # each line is a command line
  record -cp "$JAR" org.wgns.cli.Main $args
done
if [ -n "$TESTS" ]; then
  record -cp "$JAR:$TESTS" org.wgns.pkg.ClassListTraining
fi
# Test classes are not in the jar: their lines (and lambdas of theirs) would only be warnings.
cat "$PARTS"/*.lst | grep -v -e '^#' -e 'org/wgns/testing/' -e 'org/wgns/pkg/' | LC_ALL=C sort -u > "$OUT"
[ -s "$OUT" ] || { echo "classlist.sh: no classes recorded" >&2; exit 1; }
