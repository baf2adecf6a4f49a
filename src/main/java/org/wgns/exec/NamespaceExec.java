package org.wgns.exec;

import org.wgns.os.UserEntry;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.wgns.NamespaceName;
import org.wgns.Names;
import org.wgns.WgnsException;
import org.wgns.os.Host;
import org.wgns.os.Procs;
import org.wgns.state.NamespaceState;
import org.wgns.state.Phase;
import org.wgns.state.StateStore;
import org.wgns.os.Which;

/**
 * `wgns exec`: runs a command inside a wgns namespace as the invoking user, by replacing this
 * process with the exec chain. A caller who is not root is sent through sudo first.
 */
public final class NamespaceExec {
    /**
     * @param user --user, or null
     * @param command the command and its arguments; empty: the user's login shell
     * @param passedEnv whitelisted variables handed over through sudo (which drops most of them)
     * @param isolate a PID namespace, no_new_privs, no bus, display or runtime directory, a read-only home
     */
    public record Request(NamespaceName name, String user, List<String> command, Map<String, String> passedEnv, boolean verbose,
            boolean isolate) {
        public Request {
            command = List.copyOf(command);
            passedEnv = Map.copyOf(passedEnv);
        }

        public Request(NamespaceName name, String user, List<String> command, Map<String, String> passedEnv, boolean verbose) {
            this(name, user, command, passedEnv, verbose, false);
        }
    }

    private final Host host;
    private final ExecPort port;
    private final Consumer<String> notices;
    private final List<String> launcher;

    /** @param launcher how to start wgns again (for sudo): the installed launcher, or java with the jar */
    public NamespaceExec(Host host, ExecPort port, Consumer<String> notices, List<String> launcher) {
        this.host = host;
        this.port = port;
        this.notices = notices;
        this.launcher = List.copyOf(launcher);
    }

    /** Never returns normally: it execs, or throws. */
    public void run(Request r) {
        ExecSpec spec = host.root() ? chain(r) : throughSudo(r);
        int errno = port.execve(spec.path(), spec.argv(), spec.env());
        throw WgnsException.failure("cannot run " + spec.path() + " (errno " + errno + ")");
    }

    /** The non-root caller's way in: the same command again, through sudo, with its whitelisted variables. */
    ExecSpec throughSudo(Request r) {
        if (r.user() != null) {
            throw WgnsException.failure("--user needs root; without it the command runs as you");
        }
        List<String> argv = new ArrayList<>();
        argv.add("exec");
        if (r.verbose()) {
            argv.add("-v");
        }
        if (r.isolate()) {
            argv.add("--isolate");
        }
        EnvWhitelist.filter(host.env()).forEach((k, v) -> {
            argv.add("--pass-env");
            argv.add(k + "=" + v);
        });
        argv.add(r.name().value());
        argv.add("--");
        argv.addAll(r.command());
        return Sudo.again(host, launcher, argv);
    }

    ExecSpec chain(Request r) {
        String ns = r.name().value();
        NamespaceState s = new StateStore(host.layout().stateDir()).read(r.name()).orElse(null);
        boolean exists = Files.exists(host.layout().netns(ns));
        if (s == null) {
            throw WgnsException.failure(exists ? "namespace " + ns + " was not made by wgns"
                    : "no namespace " + ns + " (start it with: sudo wgns up " + ns + ")");
        }
        if (s.phase() != Phase.UP || !exists) {
            throw WgnsException.failure(ns + " is not up (wgns up " + ns + ")");
        }
        UserEntry user = user(r);
        if (r.isolate() && user.uid() == 0) {
            throw WgnsException.failure("--isolate runs the command as a user; as root it would isolate nothing (--user USER)");
        }
        Map<String, String> caller = new HashMap<>(host.env());
        if (host.caller().throughSudo()) {
            caller.putAll(r.passedEnv());
        }
        List<String> command = r.command().isEmpty() ? List.of(shell(user), "-l") : r.command();
        checkFound(command.get(0));
        Procs procs = host.procs();
        String netId = Procs.netnsId(host.layout().netns(ns));
        EscapeCheck.warning(procs, netId == null ? "" : netId, user.uid(), command.get(0), command.subList(1, command.size()))
                .ifPresent(notices);
        return ExecChain.build(tools(user), ns, user, command, EnvWhitelist.forApp(caller, user, r.isolate()), r.isolate());
    }

    /**
     * A name is looked up here only in the system's PATH, whose directories everyone may list;
     * a path is left to the chain, which opens it as the user: root must not tell the caller
     * whether a file exists where they cannot look.
     */
    private static void checkFound(String cmd) {
        if (cmd.indexOf('/') < 0 && Which.find(cmd, EnvWhitelist.SAFE_PATH).isEmpty()) {
            throw new WgnsException(WgnsException.NOT_FOUND, Names.printable(cmd) + ": command not found");
        }
    }

    private static String shell(UserEntry u) {
        return u.shell() == null || u.shell().isEmpty() ? "/bin/sh" : u.shell();
    }

    private ExecChain.Tools tools(UserEntry user) {
        String ip = program("ip", "iproute2");
        String env = program("env", "coreutils");
        String setpriv = user.uid() != 0 ? program("setpriv", "util-linux") : "setpriv";
        String unshare = program("unshare", "util-linux");
        return new ExecChain.Tools(ip, setpriv, env, unshare);
    }

    private String program(String name, String pkg) {
        return host.which().apply(name).map(Object::toString).orElseThrow(() ->
                WgnsException.failure(name + " not found (install " + pkg + ")"));
    }

    /**
     * Through sudo, the user is SUDO_UID (never USER or LOGNAME, which the caller sets); root
     * without sudo stays root, unless --user names someone.
     */
    UserEntry user(Request r) {
        String sudoUid = host.env("SUDO_UID");
        if (sudoUid != null && sudoUid.matches("[0-9]+")) {
            UserEntry u = port.userById(Long.parseLong(sudoUid)).orElseThrow(() ->
                    WgnsException.failure("no user with uid " + sudoUid + " (from SUDO_UID)"));
            if (r.user() != null && !r.user().equals(u.name()) && !r.user().equals(Long.toString(u.uid()))) {
                throw WgnsException.failure("--user " + Names.printable(r.user())
                        + " refused: through sudo the command runs as " + u.name());
            }
            String sudoGid = host.env("SUDO_GID");
            long gid = sudoGid != null && sudoGid.matches("[0-9]+") ? Long.parseLong(sudoGid) : u.gid();
            return new UserEntry(u.name(), u.uid(), gid, u.home(), u.shell());
        }
        if (r.user() != null) {
            String name = r.user();
            return (name.matches("[0-9]+") ? port.userById(Long.parseLong(name)) : port.userByName(name))
                    .orElseThrow(() -> WgnsException.failure("no such user: " + Names.printable(name)));
        }
        return port.userById(0).orElse(new UserEntry("root", 0, 0, "/root", "/bin/sh"));
    }
}
