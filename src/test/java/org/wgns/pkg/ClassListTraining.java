package org.wgns.pkg;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.wgns.cli.Main;
import org.wgns.exec.ExecPort;
import org.wgns.exec.NativeExec;
import org.wgns.os.UserEntry;
import org.wgns.NamespaceName;
import org.wgns.os.Command;
import org.wgns.os.ProcessRunner;
import org.wgns.os.Result;
import org.wgns.state.StateStore;
import org.wgns.testing.FakeHost;
import org.wgns.testing.Keys;

/**
 * What a real session of wgns runs, for the class list of the class-data archive
 * (scripts/classlist.sh runs this under -XX:DumpLoadedClassList): up in both modes, list, show,
 * check, exec and down, in-process against a fake host under a temporary directory, so the build
 * needs no root, namespace or tunnel; then one real process and the real libc lookups, whose
 * classes the fake host does not touch. Nothing outside the temporary directory changes.
 */
public final class ClassListTraining {
    private ClassListTraining() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("wgns-classlist");
        try {
            session(new FakeHost(dir.resolve("kernel")).kernelModule().routes());
            session(new FakeHost(dir.resolve("userspace")).noKernelModule().routes());
        } finally {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        new ProcessRunner().run(Command.of("true"));
        new NativeExec().userById(0);
        new NativeExec().userByName("root");
    }

    private static void session(FakeHost fake) throws Exception {
        Path conf = fake.root.resolve("vpn.conf");
        Files.writeString(conf, "[Interface]\nPrivateKey = " + Keys.PRIVATE + "\nAddress = 10.0.0.2/32, fd00::2/128\n"
                + "DNS = 10.0.0.1\n[Peer]\nPublicKey = " + Keys.PEER + "\nAllowedIPs = 0.0.0.0/0, ::/0\n"
                + "Endpoint = 198.51.100.2:51820\n");
        Files.setPosixFilePermissions(conf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        run(fake, "--version");
        run(fake, "-v", "up", "vpn", "-c", conf.toString());
        fake.netnsExists("vpn");
        String tmp = new StateStore(fake.layout.stateDir()).read(NamespaceName.of("vpn")).orElseThrow().tmpName();
        fake.runner.on(Result.ok(tmp + "\t" + Keys.PRIVATE + "\t" + Keys.PEER2 + "\t41000\toff\n" + tmp + "\t" + Keys.PEER
                + "\t(none)\t198.51.100.2:51820\t0.0.0.0/0,::/0\t1700000000\t2048\t1536000\t25\n"), "wg show");
        run(fake, "list");
        run(fake, "list", "--json");
        run(fake, "show");
        run(fake, "show", "--json");
        run(fake, "check", "vpn");
        run(fake, "exec", "vpn", "--", "true");
        run(fake, "down", "vpn");
        run(fake, "up", "bad name");
    }

    private static void run(FakeHost fake, String... args) {
        Main.run(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), fake.host(), new Exec(), args);
    }

    /** exec up to the point of replacing the process, which here only fails. */
    private static final class Exec implements ExecPort {
        @Override
        public Optional<UserEntry> userById(long uid) {
            return Optional.of(new UserEntry("root", 0, 0, "/root", "/bin/sh"));
        }

        @Override
        public Optional<UserEntry> userByName(String name) {
            return userById(0);
        }

        @Override
        public int execve(String path, List<String> argv, Map<String, String> env) {
            return 2;
        }
    }
}
