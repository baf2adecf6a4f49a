package org.wgns.it;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;

/**
 * A NAT-PMP gateway on the VPN's side of the topology (10.99.0.1:5351 in the server namespace),
 * scripted by the test: the port it hands out, the lifetime, silence, or an error code. Its socket
 * is made inside the server namespace; it runs in this JVM.
 */
final class NatPmpResponder implements AutoCloseable {
    volatile int port = 40001;
    volatile long lifetime = 60;
    volatile boolean silent;
    volatile int error;
    volatile int requests;
    private final DatagramChannel channel;
    private final Thread thread;

    private NatPmpResponder() {
        channel = org.wgns.os.Netns.inside(Path.of("/run/netns/" + Topology.SERVER_NS), () -> {
            DatagramChannel c = DatagramChannel.open();
            c.bind(new InetSocketAddress(Topology.SERVER_TUNNEL, 5351));
            return c;
        });
        thread = new Thread(this::serve, "natpmp-responder");
        thread.setDaemon(true);
        thread.start();
    }

    static NatPmpResponder start() {
        return new NatPmpResponder();
    }

    private void serve() {
        ByteBuffer in = ByteBuffer.allocate(64);
        while (channel.isOpen()) {
            try {
                in.clear();
                SocketAddress from = channel.receive(in);
                requests++;
                if (silent || in.position() < 12 || in.get(0) != 0) {
                    continue;
                }
                int op = in.get(1);
                ByteBuffer out = ByteBuffer.allocate(16).put((byte) 0).put((byte) (128 + op)).putShort((short) error)
                        .putInt(1234).putShort(in.getShort(4)).putShort((short) (error == 0 ? port : 0))
                        .putInt((int) (error == 0 ? lifetime : 0));
                out.flip();
                channel.send(out, from);
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws Exception {
        channel.close();
        thread.join(2000);
    }
}
