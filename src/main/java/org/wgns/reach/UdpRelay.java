package org.wgns.reach;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One --reach hole for UDP: each sender inside (address and port) gets a socket of its own in the
 * host's namespace, connected to HOST:PORT; datagrams go out through it and its answers come back
 * to that sender, one for one. A sender quiet for a minute loses its socket; at most 256 at once
 * (the quietest goes first).
 */
final class UdpRelay implements Runnable {
    static final int MAX_SENDERS = 256;
    static final int IDLE_MS = 60_000;

    private final Reach reach;
    private final DatagramChannel inside;
    private final Map<SocketAddress, DatagramChannel> senders = new LinkedHashMap<>(16, 0.75f, true);

    UdpRelay(Reach reach, DatagramChannel inside) {
        this.reach = reach;
        this.inside = inside;
    }

    @Override
    public void run() {
        ByteBuffer b = ByteBuffer.allocate(65536);
        while (inside.isOpen()) {
            try {
                b.clear();
                SocketAddress from = inside.receive(b);
                b.flip();
                DatagramChannel out = sender(from);
                if (out != null) {
                    out.write(b);
                }
            } catch (IOException e) {
                if (!inside.isOpen()) {
                    return;
                }
            }
        }
    }

    private synchronized DatagramChannel sender(SocketAddress from) {
        DatagramChannel out = senders.get(from);
        if (out != null && out.isOpen()) {
            return out;
        }
        if (senders.size() >= MAX_SENDERS) {
            var oldest = senders.entrySet().iterator().next();
            close(oldest.getValue());
            senders.remove(oldest.getKey());
        }
        try {
            DatagramChannel c = DatagramChannel.open();
            c.connect(new InetSocketAddress(reach.host(), reach.port()));
            c.socket().setSoTimeout(IDLE_MS);
            senders.put(from, c);
            Relays.thread("reach-udp-back", () -> answers(from, c)).start();
            return c;
        } catch (IOException e) {
            return null;
        }
    }

    /** The host service's answers to one sender, until it is quiet for IDLE_MS or its socket closes. */
    private void answers(SocketAddress to, DatagramChannel c) {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            while (true) {
                c.socket().receive(p);
                inside.send(ByteBuffer.wrap(buf, 0, p.getLength()), to);
                p.setLength(buf.length);
            }
        } catch (SocketTimeoutException e) {
            // quiet for a minute
        } catch (IOException e) {
            // closed, or nothing listens there (ICMP port unreachable): the next datagram tries again
        }
        synchronized (this) {
            if (senders.get(to) == c) {
                senders.remove(to);
            }
        }
        close(c);
    }

    private static void close(DatagramChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
