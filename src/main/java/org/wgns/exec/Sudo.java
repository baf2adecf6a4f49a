package org.wgns.exec;

import java.util.ArrayList;
import java.util.List;
import org.wgns.WgnsException;
import org.wgns.os.Host;

/**
 * A caller who is not root runs the same wgns command again through sudo — for exec, and for
 * the read-only commands (list, show, check) — so that `wgns list` works as typed and an admin
 * grants exactly those commands in sudoers.
 */
public final class Sudo {
    private Sudo() {}

    /** `sudo -- LAUNCHER ARGS...`, with the caller's environment for sudo to judge. */
    public static ExecSpec again(Host host, List<String> launcher, List<String> args) {
        String sudo = host.which().apply("sudo").orElseThrow(() ->
                WgnsException.failure("this needs root, and sudo is not installed; run it as root")).toString();
        List<String> argv = new ArrayList<>(List.of("sudo", "--"));
        argv.addAll(launcher);
        argv.addAll(args);
        return new ExecSpec(sudo, argv, host.env());
    }
}
