package org.wgns.reach;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Semaphore;

/**
 * One --reach hole for TCP: accepts on its listening socket inside the namespace and, for each
 * connection, connects to HOST:PORT from the host's namespace (this thread's) and copies both
 * ways until both sides have closed. Nothing else crosses: no packet, only bytes of this pair.
 */
final class TcpRelay implements Runnable {
    /** At most this many connections at once; more wait to be accepted (bounded memory and threads). */
    static final int MAX_CONNECTIONS = 128;
    static final int CONNECT_TIMEOUT_MS = 10_000;

    private final Reach reach;
    private final ServerSocketChannel inside;
    private final Semaphore slots = new Semaphore(MAX_CONNECTIONS);

    TcpRelay(Reach reach, ServerSocketChannel inside) {
        this.reach = reach;
        this.inside = inside;
    }

    @Override
    public void run() {
        while (inside.isOpen()) {
            try {
                slots.acquire();
                SocketChannel in = inside.accept();
                Relays.thread("reach-tcp-" + reach.localPort(), () -> serve(in)).start();
            } catch (IOException | InterruptedException e) {
                slots.release();
                if (!inside.isOpen() || e instanceof InterruptedException) {
                    return;
                }
            }
        }
    }

    private void serve(SocketChannel in) {
        try (in; SocketChannel out = SocketChannel.open()) {
            out.socket().connect(new InetSocketAddress(reach.host(), reach.port()), CONNECT_TIMEOUT_MS);
            Thread back = Relays.thread("reach-tcp-back", () -> copy(out, in));
            back.start();
            copy(in, out);
            back.join();
        } catch (IOException | InterruptedException e) {
            // The host service is not there, or a side went away: the connection ends, the hole stays.
        } finally {
            slots.release();
        }
    }

    /** Copies until from ends, then passes the end on (half-close), so request-then-reply protocols work. */
    private static void copy(SocketChannel from, SocketChannel to) {
        ByteBuffer b = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(b) >= 0) {
                b.flip();
                while (b.hasRemaining()) {
                    to.write(b);
                }
                b.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                from.close();
                to.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
