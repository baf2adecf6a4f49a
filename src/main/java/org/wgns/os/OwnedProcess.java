package org.wgns.os;

/**
 * A long-running root process wgns started and must end itself: known by pid and start time
 * (clock ticks after boot), so that it names one process for good, even after its pid is reused.
 * Pid 0 while it is about to start: recorded so, it is looked for by its exact command line.
 * In the state file: "PID:START", or "0".
 */
public record OwnedProcess(long pid, long startTime) {
    public static final OwnedProcess PENDING = new OwnedProcess(0, -1);

    public boolean pending() {
        return pid == 0;
    }

    public String encode() {
        return pending() ? "0" : pid + ":" + startTime;
    }

    public static OwnedProcess parse(String text) {
        if (text.equals("0")) {
            return PENDING;
        }
        String[] f = text.split(":");
        if (f.length != 2) {
            throw new IllegalArgumentException("not PID:START");
        }
        return new OwnedProcess(Long.parseLong(f[0]), Long.parseLong(f[1]));
    }

    /** The process that runs now under the pid: this very one, root's, still running. */
    public boolean running(Procs procs) {
        return procs.alive(pid) && procs.uid(pid) == 0 && procs.startTime(pid) == startTime;
    }

    /** Ends it if it still runs (TERM, then KILL after about a second); any other process is left alone. */
    public void stop(Host host) {
        Procs procs = host.procs();
        if (pending() || !running(procs)) {
            return;
        }
        host.signals().terminate(pid);
        for (int i = 0; i < 200 && procs.alive(pid); i++) {
            host.clock().sleep(5);
        }
        if (running(procs)) {
            host.signals().kill(pid);
        }
    }
}
