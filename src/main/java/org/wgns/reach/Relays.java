package org.wgns.reach;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wgns.WgnsException;
import org.wgns.os.Netns;

/**
 * The --reach holes of one namespace, in the process that serves them (wgns's helper, in the host's
 * namespace): the listening sockets are made inside the namespace, on 127.0.0.1 only, and every
 * connecting socket in the host's. No interface, route or address is added inside.
 */
public final class Relays {
    private final List<Runnable> relays = new ArrayList<>();

    private Relays() {}

    /** Binds every hole inside the namespace at nsFile; a port that cannot be bound fails it all. */
    public static Relays open(Path nsFile, List<Reach> holes) {
        Relays r = new Relays();
        if (holes.isEmpty()) {
            return r;
        }
        // Only sockets are made on the joined thread: relay threads must start in the host's namespace.
        List<Object> sockets = Netns.inside(nsFile, () -> {
            List<Object> out = new ArrayList<>();
            for (Reach h : holes) {
                out.add(bind(h));
            }
            return out;
        });
        for (int i = 0; i < holes.size(); i++) {
            Reach h = holes.get(i);
            r.relays.add(sockets.get(i) instanceof ServerSocketChannel s ? new TcpRelay(h, s) : new UdpRelay(h, (DatagramChannel) sockets.get(i)));
        }
        return r;
    }

    private static Object bind(Reach h) throws IOException {
        InetSocketAddress at = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), h.localPort());
        try {
            if (h.proto().equals("tcp")) {
                ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.INET);
                s.bind(at, 64);
                return s;
            }
            DatagramChannel d = DatagramChannel.open(StandardProtocolFamily.INET);
            d.bind(at);
            return d;
        } catch (IOException e) {
            throw new IOException("--reach " + h + ": 127.0.0.1:" + h.localPort() + " cannot be bound inside: " + e.getMessage(), e);
        }
    }

    /** Starts serving; the relays run until the process ends. */
    public void start() {
        for (Runnable r : relays) {
            thread("reach", r).start();
        }
    }

    static Thread thread(String name, Runnable r) {
        Thread t = new Thread(null, r, name, 256 * 1024);
        t.setDaemon(true);
        return t;
    }

    /** Fails with one line when the holes' list cannot be served: the same local port twice. */
    public static void checkDistinct(List<Reach> holes) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Reach h : holes) {
            if (!seen.add(h.localPort() + "/" + h.proto())) {
                throw WgnsException.usage("--reach: 127.0.0.1:" + h.localPort() + "/" + h.proto() + " is given twice");
            }
        }
    }
}
