package org.wgns.portforward;

import java.nio.ByteBuffer;

/**
 * NAT-PMP (RFC 6886) as a VPN gateway speaks it: a request to map a port (opcode 1 UDP, 2 TCP)
 * sent to the gateway's port 5351, and its 16-byte answer. Plain bytes, no I/O.
 */
public final class NatPmp {
    public static final int PORT = 5351;
    public static final int UDP = 1;
    public static final int TCP = 2;

    /** What the gateway granted. */
    public record Mapping(int internalPort, int externalPort, long lifetimeSeconds) {}

    /** The gateway answered, but not with a mapping: one line saying why. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private NatPmp() {}

    public static byte[] mapRequest(int opcode, int internalPort, int suggestedExternal, long lifetimeSeconds) {
        return ByteBuffer.allocate(12).put((byte) 0).put((byte) opcode).putShort((short) 0)
                .putShort((short) internalPort).putShort((short) suggestedExternal).putInt((int) lifetimeSeconds).array();
    }

    /** The answer to a map request of this opcode, or why it is none. */
    public static Mapping parseMapResponse(byte[] b, int length, int opcode) throws Refused {
        if (length < 4 || b[0] != 0 || (b[1] & 0xff) != 128 + opcode) {
            throw new Refused("the gateway's answer is not NAT-PMP");
        }
        ByteBuffer in = ByteBuffer.wrap(b, 0, length);
        int result = in.getShort(2) & 0xffff;
        if (result != 0) {
            throw new Refused("the gateway refused the mapping: " + meaning(result));
        }
        if (length < 16) {
            throw new Refused("the gateway's answer is cut short");
        }
        return new Mapping(in.getShort(8) & 0xffff, in.getShort(10) & 0xffff, in.getInt(12) & 0xffffffffL);
    }

    /** RFC 6886 section 3.5's result codes, in words. */
    static String meaning(int code) {
        return switch (code) {
            case 1 -> "unsupported version (1)";
            case 2 -> "not authorized (2): port forwarding may be off for this server or account";
            case 3 -> "network failure (3)";
            case 4 -> "out of resources (4)";
            case 5 -> "unsupported opcode (5)";
            default -> "result code " + code;
        };
    }
}
