package org.wgns.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wgns.os.Command;
import org.wgns.os.ProcessRunner;
import org.wgns.os.Result;

/** Every unit and drop-in wgns writes passes `systemd-analyze verify` (works offline, without systemd running). */
class SystemdIT {
    @TempDir
    Path dir;

    static Result verify(Path dir, String unit) {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze (package systemd)");
        return new ProcessRunner().run(new Command(List.of("systemd-analyze", "verify", dir.resolve(unit).toString()),
                null, false, Map.of("SYSTEMD_UNIT_PATH", dir + ":"), Machine.seconds(60)));
    }

    /** verify exits 0 on warnings too; any line naming a file of ours counts as a failure. */
    static void clean(Result r, Path dir) {
        List<String> ours = r.err().lines().filter(l -> l.contains(dir.toString()) || l.contains("wgns")).toList();
        assertEquals(List.of(), ours, r.err());
        assertEquals(0, r.exit(), r.err());
    }

    void write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    String wgns(String... args) {
        Result r = Wgns.run(args);
        assertEquals(0, r.exit(), r.err());
        return r.out();
    }

    @Test
    void theTemplateUnitVerifies() throws Exception {
        write("wgns@.service", wgns("systemd", "unit", "wgns@.service", "--bin", Wgns.javaBin()));
        clean(verify(dir, "wgns@wireguard.service"), dir);
    }

    @Test
    void theReresolveServiceAndTimerVerify() throws Exception {
        write("wgns@.service", wgns("systemd", "unit", "wgns@.service", "--bin", Wgns.javaBin()));
        write("wgns-reresolve@.service", wgns("systemd", "unit", "wgns-reresolve@.service", "--bin", Wgns.javaBin()));
        write("wgns-reresolve@.timer", wgns("systemd", "unit", "wgns-reresolve@.timer"));
        clean(verify(dir, "wgns-reresolve@wireguard.service"), dir);
        clean(verify(dir, "wgns-reresolve@wireguard.timer"), dir);
    }

    @Test
    void theRepairServiceAndTimerVerify() throws Exception {
        write("wgns@.service", wgns("systemd", "unit", "wgns@.service", "--bin", Wgns.javaBin()));
        write("wgns-repair@.service", wgns("systemd", "unit", "wgns-repair@.service", "--bin", Wgns.javaBin()));
        write("wgns-repair@.timer", wgns("systemd", "unit", "wgns-repair@.timer"));
        clean(verify(dir, "wgns-repair@wireguard.service"), dir);
        clean(verify(dir, "wgns-repair@wireguard.timer"), dir);
    }

    @Test
    void theDropInVerifiesOnAService() throws Exception {
        write("wgns@.service", wgns("systemd", "unit", "wgns@.service", "--bin", Wgns.javaBin()));
        write("lighttpd.service", "[Unit]\nDescription=test web server\n[Service]\nExecStart=/usr/sbin/lighttpd -D -f /etc/lighttpd/lighttpd.conf\n");
        write("lighttpd.service.d/wgns-wireguard.conf", wgns("systemd", "attach", "wireguard", "lighttpd", "--print"));
        clean(verify(dir, "lighttpd.service"), dir);
    }

    @Test
    void verifyWouldCatchAMistake() throws Exception {
        // The counter-test: a misspelt key in a drop-in does show up.
        write("lighttpd.service", "[Service]\nExecStart=/usr/sbin/lighttpd -D -f /etc/lighttpd/lighttpd.conf\n");
        write("lighttpd.service.d/wgns-wireguard.conf", "[Service]\nNetworkNamespacePth=/run/netns/wireguard\n");
        Result r = verify(dir, "lighttpd.service");
        assumeTrue(r.exit() >= 0);
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("NetworkNamespacePth"), r.err());
    }
}
