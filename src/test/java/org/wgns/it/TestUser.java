package org.wgns.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A throwaway login for exec tests: user wgnsit with a home and a supplementary group, a
 * launcher and jar it can read, and the README's sudoers line for it. close() removes all of it.
 */
final class TestUser implements AutoCloseable {
    static final String NAME = "wgnsit";
    static final String GROUP = "wgnsitg";
    static final Path BIN_DIR = Path.of("/run/wgnsit-bin");
    static final Path HOME = Path.of("/run/wgnsit-home");
    static final Path SUDOERS = Path.of("/etc/sudoers.d/wgnsit");

    final long uid;
    final long gid;
    final long extraGid;
    final Path launcher = BIN_DIR.resolve("wgns");

    private TestUser(long uid, long gid, long extraGid) {
        this.uid = uid;
        this.gid = gid;
        this.extraGid = extraGid;
    }

    /** With the README's exec-only sudoers line. */
    static TestUser create() throws Exception {
        return create("exec *");
    }

    /** With one sudoers line granting the launcher with each of these argument patterns. */
    static TestUser create(String... rules) throws Exception {
        remove();
        Sh.ok("groupadd", GROUP);
        Sh.ok("useradd", "-M", "-d", HOME.toString(), "-s", "/bin/sh", "-G", GROUP, NAME);
        Files.createDirectories(HOME);
        Sh.ok("chown", NAME + ":", HOME.toString());
        Files.createDirectories(BIN_DIR);
        Files.setPosixFilePermissions(BIN_DIR, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = BIN_DIR.resolve("wgns.jar");
        Files.copy(Path.of(Wgns.JAR), jar);
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        TestUser u = new TestUser(Long.parseLong(Sh.ok("id", "-u", NAME).strip()), Long.parseLong(Sh.ok("id", "-g", NAME).strip()),
                Long.parseLong(Sh.ok("getent", "group", GROUP).split(":")[2]));
        String launcher = Files.readString(LauncherIT.BASEDIR.resolve("scripts/launcher.sh.in"))
                .replace("@JAVA@", Wgns.javaBin()).replace("@JAR@", jar.toString())
                .replace("@JVM_OPTIONS@", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData").replace("@BIN@", u.launcher.toString());
        Files.writeString(u.launcher, launcher);
        Files.setPosixFilePermissions(u.launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        // The README's line for password-less use (by default limited to `wgns exec`).
        String commands = java.util.Arrays.stream(rules).map(r -> u.launcher + " " + r)
                .collect(java.util.stream.Collectors.joining(", "));
        Files.writeString(SUDOERS, NAME + " ALL=(root) NOPASSWD: " + commands + "\n");
        Files.setPosixFilePermissions(SUDOERS, PosixFilePermissions.fromString("r--r-----"));
        return u;
    }

    static void remove() {
        Sh.run("rm", "-f", SUDOERS.toString());
        // Whatever a test left running as the user would keep userdel from removing them.
        for (int i = 0; i < 50 && Sh.run("pkill", "-KILL", "-u", NAME).success(); i++) {
            Sh.sleep(20);
        }
        Sh.run("userdel", NAME);
        Sh.run("groupdel", GROUP);
        Sh.run("groupdel", NAME);
        Sh.run("rm", "-rf", BIN_DIR.toString(), HOME.toString(), "/tmp/hsperfdata_" + NAME);
    }

    /** wgns as this user would run it: their login variables, plus whatever a hostile caller adds. */
    org.wgns.os.Result run(String stdin, java.util.Map<String, String> extraEnv, String... wgnsArgs) {
        java.util.Map<String, String> env = new java.util.HashMap<>(java.util.Map.of("HOME", HOME.toString(), "USER", NAME,
                "LOGNAME", NAME));
        org.wgns.os.Command c = new org.wgns.os.Command(argv(extraEnv, wgnsArgs), null, false, env, Machine.seconds(60));
        return new org.wgns.os.ProcessRunner().run(stdin == null ? c : c.withInput(stdin));
    }

    /** The command line of {@link #run}, for a process the test keeps running (with PATH, HOME, USER, LOGNAME set by env). */
    java.util.List<String> argv(String... wgnsArgs) {
        return argv(java.util.Map.of("PATH", "/usr/bin:/bin", "HOME", HOME.toString(), "USER", NAME, "LOGNAME", NAME), wgnsArgs);
    }

    private java.util.List<String> argv(java.util.Map<String, String> extraEnv, String... wgnsArgs) {
        // The caller's variables are set by env, already as the user: the test's own root setpriv never sees them.
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("setpriv", "--reuid=" + NAME,
                "--regid=" + NAME, "--init-groups", "--", "env"));
        extraEnv.forEach((k, v) -> argv.add(k + "=" + v));
        argv.add(launcher.toString());
        argv.addAll(java.util.List.of(wgnsArgs));
        return argv;
    }

    /** Any command as this user, with their login variables (for the attacks of the tests). */
    org.wgns.os.Result sh(String script) {
        java.util.List<String> argv = java.util.List.of("setpriv", "--reuid=" + NAME, "--regid=" + NAME, "--init-groups", "--",
                "/bin/sh", "-c", script);
        java.util.Map<String, String> env = java.util.Map.of("HOME", HOME.toString(), "USER", NAME, "LOGNAME", NAME);
        return new org.wgns.os.ProcessRunner().run(new org.wgns.os.Command(argv, null, false, env, Machine.seconds(60)));
    }

    /** sudo itself, as this user, with no launcher in between: how an attacker calls a sudoers rule. */
    org.wgns.os.Result sudo(String... wgnsArgs) {
        java.util.List<String> argv = new java.util.ArrayList<>(java.util.List.of("setpriv", "--reuid=" + NAME, "--regid=" + NAME,
                "--init-groups", "--", "sudo", "-n", launcher.toString()));
        argv.addAll(java.util.List.of(wgnsArgs));
        java.util.Map<String, String> env = java.util.Map.of("HOME", HOME.toString(), "USER", NAME, "LOGNAME", NAME);
        return new org.wgns.os.ProcessRunner().run(new org.wgns.os.Command(argv, null, false, env, Machine.seconds(60)));
    }

    @Override
    public void close() {
        remove();
    }
}
