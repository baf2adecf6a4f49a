package org.wgns.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** dnsmasq that answers one name and logs every query, in a namespace or on the host. */
final class DnsServer implements AutoCloseable {
    private final Process process;
    private final Path log;

    private DnsServer(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** @param ns null for the host */
    static DnsServer start(String ns, String listen, String name, String answer, Path log) throws Exception {
        List<String> dnsmasq = List.of("dnsmasq", "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts",
                "--bind-interfaces", "--listen-address=" + listen, "--address=/" + name + "/" + answer, "--log-queries",
                "--log-facility=-", "--pid-file=");
        List<String> argv = new java.util.ArrayList<>();
        if (ns != null) {
            argv.addAll(List.of("ip", "netns", "exec", ns));
        }
        argv.addAll(dnsmasq);
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Machine.until(() -> read(log).contains("started"), 2000);
        return new DnsServer(p, log);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    List<String> queries() throws Exception {
        Sh.sleep(Machine.millis(100));
        return Files.readString(log).lines().filter(l -> l.contains("query[")).toList();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
    }
}
