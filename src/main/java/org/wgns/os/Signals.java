package org.wgns.os;

/** Ending processes wgns started or found: through the host, like running them. */
public interface Signals {
    /** SIGTERM: asks the process to end. */
    void terminate(long pid);

    /** SIGKILL. */
    void kill(long pid);

    static Signals system() {
        return new Signals() {
            @Override
            public void terminate(long pid) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
            }

            @Override
            public void kill(long pid) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        };
    }
}
