package org.wgns.helper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wgns.WgnsException;
import org.wgns.os.Command;
import org.wgns.os.Host;
import org.wgns.os.OwnedProcess;
import org.wgns.os.Procs;
import org.wgns.os.Result;
import org.wgns.os.SafeFiles;

/**
 * The namespace's helper: one long-running root process (`wgns helper NAME`, a small JVM) that
 * renews a forwarded port and serves the --reach holes. It runs in the host's namespace and makes
 * only its sockets inside, so it is no process inside the namespace and pins nothing there once
 * ended. wgns owns it as it owns the publish proxies: the state names it before it starts, then by
 * pid and start time before it can act; `down` and the recovery after a killed `up` end that very
 * process, never one that merely looks like it.
 */
public final class Helper {
    public static final String COMMAND = "helper";
    /** Written by the helper once its sockets are in place: "ok", or "failed: WHY". Root's only. */
    public static final String READY = "helper";
    static final String MAIN = "org.wgns.cli.Main";
    /** A small heap and stack: it holds a few sockets and threads. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            "-Xms4m", "-Xmx24m", "-Xss256k", "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=32m");

    private final Host host;

    public Helper(Host host) {
        this.host = host;
    }

    /** This JVM again, by absolute path, with this class path: never a program the caller could name. */
    public static List<String> argv(String ns) {
        List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        argv.addAll(JVM_OPTIONS);
        argv.addAll(List.of("-cp", Path.of(System.getProperty("java.class.path")).toAbsolutePath().toString(), MAIN,
                COMMAND, ns));
        return argv;
    }

    /** Starts it; returns it (for the caller to record) as soon as it is known, before it can act. */
    public OwnedProcess start(String ns, Path stateDir) {
        try {
            Files.deleteIfExists(stateDir.resolve(READY));
        } catch (IOException e) {
            throw WgnsException.failure("cannot remove " + stateDir.resolve(READY) + ": " + e.getMessage());
        }
        // setsid without -f: a child of the JVM is no group leader, so setsid execs in place and
        // the pid is the helper's own; out of wgns's session, a Ctrl-C on up's terminal misses it.
        List<String> cmd = new ArrayList<>(List.of("setsid"));
        cmd.addAll(argv(ns));
        Result r = host.run(Command.of(cmd).detach());
        if (!r.success() || r.pid() <= 0) {
            throw WgnsException.failure(r.reason());
        }
        return new OwnedProcess(r.pid(), host.procs().startTime(r.pid()));
    }

    /** Waits until the helper says its sockets are in place; its failure, in its own words. */
    public void awaitReady(OwnedProcess helper, Path stateDir) {
        long deadline = host.clock().nanos() + 15_000_000_000L;
        while (true) {
            String said = said(stateDir);
            if (said != null && said.equals("ok")) {
                return;
            }
            if (said != null) {
                throw WgnsException.failure(said.startsWith("failed: ") ? said.substring(8) : "the helper did not start");
            }
            if (host.clock().nanos() > deadline || !host.procs().alive(helper.pid())) {
                throw WgnsException.failure("the helper did not start");
            }
            host.clock().sleep(10);
        }
    }

    private static String said(Path stateDir) {
        try {
            String s = Files.readString(stateDir.resolve(READY)).strip();
            return s.isEmpty() ? null : s;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            return "failed: " + e.getMessage();
        }
    }

    /** For the helper itself: its sockets are in place, or why not (one line). */
    public static void say(Path stateDir, String what) throws IOException {
        SafeFiles.write(stateDir.resolve(READY), what + "\n", SafeFiles.PRIVATE);
    }

    /** Ends the recorded helper if it still runs; not yet recorded, root's helper of this name. */
    public void stop(String ns, OwnedProcess helper) {
        OwnedProcess p = helper.pending() ? unrecorded(ns) : helper;
        p.stop(host);
    }

    /** Killed before its pid was written: only root runs programs, and only wgns runs its helper's command line. */
    private OwnedProcess unrecorded(String ns) {
        Procs procs = host.procs();
        for (long pid : procs.pids()) {
            List<String> a = procs.argv(pid);
            if (a.size() > 3 && a.subList(a.size() - 3, a.size()).equals(List.of(MAIN, COMMAND, ns)) && procs.uid(pid) == 0
                    && !procs.zombie(pid)) {
                return new OwnedProcess(pid, procs.startTime(pid));
            }
        }
        return OwnedProcess.PENDING;
    }

    /** Whether the recorded helper runs now. */
    public boolean running(OwnedProcess helper) {
        return !helper.pending() && helper.running(host.procs());
    }
}
