# One `wgns list --json --watch` line in, one status bar line out (waybar's custom-module JSON;
# i3blocks reads the same fields with format=json: full_text, short_text, color).
# A namespace shows as its name; "!" when wgns sees a problem, "?" when the last handshake is
# older than 3 minutes or there was none (the tunnel may be dead: `wgns check NAME` says why).
def mark: if .problem != null then "!" elif .handshakeAgeSeconds == null or .handshakeAgeSeconds >= 180 then "?" else "" end;
def age: if .handshakeAgeSeconds == null then "no handshake yet" else "handshake \(.handshakeAgeSeconds) s ago" end;
def state: if any(.[]; .problem != null) then "problem"
  elif any(.[]; .handshakeAgeSeconds == null or .handshakeAgeSeconds >= 180) then "stale"
  elif length == 0 then "down" else "up" end;
{
  text: (if length == 0 then "vpn off" else map(.name + mark) | join(" ") end),
  tooltip: (if length == 0 then "no wgns namespace is up"
    else map("\(.name): \(.interface) \(.addresses | join(", ")), \(age), \(.processes) processes inside"
      + (if .problem != null then " — \(.problem)" else "" end)) | join("\n") end),
  class: state,
  full_text: (if length == 0 then "vpn off" else map(.name + mark) | join(" ") end),
  short_text: (if length == 0 then "off" else "\(length) vpn" end),
  color: ({up: "#8ec07c", stale: "#fabd2f", problem: "#fb4934", down: "#a89984"}[state])
}
