package org.wgns.os;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * WireGuard's userspace control socket (the cross-platform UAPI). wgns asks it one thing: is the
 * daemon ready, i.e. does "get=1" come back with errno=0 — the question `wg show` would ask,
 * without a process per try.
 */
public final class UapiSocket {
    private UapiSocket() {}

    public static boolean ready(Path socket) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.write(ByteBuffer.wrap("get=1\n\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(4096);
            StringBuilder got = new StringBuilder();
            while (ch.read(buf) > 0) {
                buf.flip();
                got.append(StandardCharsets.US_ASCII.decode(buf));
                buf.clear();
                if (got.indexOf("\n\n") >= 0) {
                    break;
                }
            }
            return got.indexOf("errno=0\n") >= 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
