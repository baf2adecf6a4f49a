package org.wgns.daemon;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import org.wgns.config.IpLiteral;
import org.wgns.os.Netns;
import org.wgns.portforward.NatPmp;
import org.wgns.portforward.Renewer;

/**
 * The renewer's way to the gateway: a UDP socket made inside the namespace, so its requests go
 * through the tunnel like any app's, connected to the gateway's port 5351.
 */
final class NatPmpSocket implements Renewer.Gateway {
    private final DatagramChannel channel;
    private final String gateway;

    NatPmpSocket(Path nsFile, java.net.InetAddress gateway) {
        this.gateway = IpLiteral.format(gateway);
        this.channel = Netns.inside(nsFile, () -> {
            DatagramChannel c = DatagramChannel.open();
            c.connect(new InetSocketAddress(gateway, NatPmp.PORT));
            return c;
        });
    }

    /** Sends the request; the first answer to its opcode within timeoutMs (a late answer to an earlier request is skipped). */
    @Override
    public byte[] exchange(byte[] request, int timeoutMs) throws IOException {
        channel.write(ByteBuffer.wrap(request));
        byte[] buf = new byte[64];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return null;
            }
            try {
                channel.socket().setSoTimeout((int) left);
                p.setLength(buf.length);
                channel.socket().receive(p);
            } catch (SocketTimeoutException e) {
                return null;
            } catch (PortUnreachableException e) {
                throw new IOException("the gateway " + gateway + " has no NAT-PMP (nothing on its port " + NatPmp.PORT + ")");
            }
            if (p.getLength() >= 2 && (buf[1] & 0xff) == 128 + request[1]) {
                return java.util.Arrays.copyOf(buf, p.getLength());
            }
        }
    }
}
