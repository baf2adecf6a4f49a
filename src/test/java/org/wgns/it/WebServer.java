package org.wgns.it;

import java.nio.file.Files;
import java.nio.file.Path;

/** lighttpd, as the seed runs it, inside a namespace: started with ip netns exec, ended with close(). */
final class WebServer implements AutoCloseable {
    static final Path ROOT = Path.of("/run/wgnsit-www");
    private final Process process;

    private WebServer(Process process) {
        this.process = process;
    }

    static WebServer start(String ns, int port) throws Exception {
        Files.createDirectories(ROOT);
        Files.writeString(ROOT.resolve("index.html"), "hello from " + ns + "\n");
        Path conf = ROOT.resolve("lighttpd-" + ns + "-" + port + ".conf");
        Files.writeString(conf, "server.document-root = \"" + ROOT + "\"\nserver.port = " + port
                + "\nserver.errorlog = \"/dev/null\"\nindex-file.names = (\"index.html\")\n");
        Process p = new ProcessBuilder("ip", "netns", "exec", ns, "lighttpd", "-D", "-f", conf.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        for (int i = 0; i < 200; i++) {
            if (Sh.run("ip", "netns", "exec", ns, "curl", "-s", "-m", "1", "http://127.0.0.1:" + port + "/").success()) {
                return new WebServer(p);
            }
            Sh.sleep(20);
        }
        p.destroyForcibly();
        throw new AssertionError("lighttpd did not start in " + ns);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
        Sh.run("rm", "-rf", ROOT.toString());
    }
}
