package org.wgns.publish;

/**
 * A published port as the state records it: the spec, and the proxy serving it — by pid and
 * start time (clock ticks after boot), so that it names one process for good; pid 0 while the
 * proxy is about to start and not known yet, start time -1 in the entries of an older wgns.
 * In the state file: "SPEC@PID:START".
 */
public record PublishedPort(Publish spec, long pid, long startTime) {
    public static PublishedPort pending(Publish spec) {
        return new PublishedPort(spec, 0, -1);
    }

    public String encode() {
        return spec + "@" + pid + (startTime >= 0 ? ":" + startTime : "");
    }

    public static PublishedPort parse(String entry) {
        int at = entry.lastIndexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException("not SPEC@PID: " + org.wgns.Names.printable(entry));
        }
        String tail = entry.substring(at + 1);
        int colon = tail.indexOf(':');
        long pid = Long.parseLong(colon < 0 ? tail : tail.substring(0, colon));
        long start = colon < 0 ? -1 : Long.parseLong(tail.substring(colon + 1));
        return new PublishedPort(Publish.parse(entry.substring(0, at)), pid, start);
    }
}
