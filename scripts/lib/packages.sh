# Sourced (bash) by the test scripts: what the tests need from Debian, installed when missing.

# Everything the host suite runs: the build, the tools wgns drives, and what the tests use
# (dnsmasq as the tunnel's DNS server, lighttpd as a service inside, sudo for the boundary
# tests, gcc for their small C programs).
TEST_PACKAGES=(openjdk-17-jdk-headless maven iproute2 wireguard-tools wireguard-go nftables iputils-ping python3
               dnsmasq-base util-linux sudo lighttpd curl procps systemd gcc libc6-dev)

# need_packages WHO PACKAGE...: installs those not installed yet, saying so as WHO.
need_packages() {
  local who=$1 p
  shift
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "$who: installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}
