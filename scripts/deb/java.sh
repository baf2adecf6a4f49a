# Which Java runtime wgns runs on; sourced by /usr/bin/wgns and the maintainer scripts.
#
# wgns runs as root, usually through sudo, so the caller must not choose the JVM: never PATH,
# never JAVA_HOME. /usr/bin/java is the system's choice (update-alternatives, which only root
# can change); its target is taken when it is Java 17 or newer. Otherwise the newest Java 17+
# under /usr/lib/jvm, where Debian's Java packages install (the package depends on one). A
# runtime's version is read from its release file, so finding it starts no process but readlink.

# Prints the major version of the runtime whose java is $1 (0 when unknown).
wgns_java_major() {
  _wgns_v=0
  if [ -r "${1%/bin/java}/release" ]; then
    while IFS= read -r _wgns_line; do
      case $_wgns_line in
        JAVA_VERSION=*)
          _wgns_v=${_wgns_line#JAVA_VERSION=\"}
          _wgns_v=${_wgns_v%%[!0-9]*}
          ;;
      esac
    done < "${1%/bin/java}/release"
  fi
  echo "${_wgns_v:-0}"
}

# Prints the java binary to use; fails when there is no Java 17 or newer.
wgns_java() {
  _wgns_java=$(/usr/bin/readlink -e /usr/bin/java 2>/dev/null) || _wgns_java=
  case $_wgns_java in
    */bin/java)
      if [ -x "$_wgns_java" ] && [ "$(wgns_java_major "$_wgns_java")" -ge 17 ]; then
        echo "$_wgns_java"
        return 0
      fi
      ;;
  esac
  _wgns_best= _wgns_best_major=16
  for _wgns_j in /usr/lib/jvm/*/bin/java; do
    [ -x "$_wgns_j" ] || continue
    _wgns_m=$(wgns_java_major "$_wgns_j")
    if [ "$_wgns_m" -gt "$_wgns_best_major" ]; then
      _wgns_best=$_wgns_j _wgns_best_major=$_wgns_m
    fi
  done
  [ -n "$_wgns_best" ] || return 1
  echo "$_wgns_best"
}

# The class-data archive postinst makes for that runtime (see postinst).
WGNS_JAR=/usr/share/wgns/wgns.jar
WGNS_CLASSLIST=/usr/share/wgns/classes.lst
WGNS_ARCHIVE=/var/lib/wgns/wgns.jsa
# Tuned for a short-lived CLI, as scripts/install.sh: no JIT beyond C1, the smallest GC, no perf data file.
WGNS_JVM_OPTIONS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData -Xss512k -XX:CICompilerCount=1 -Djdk.lang.Process.launchMechanism=VFORK"
