package org.wgns.portforward;

/** The ports the gateway forwards, for UDP and for TCP; 0 for none. A VPN gateway gives one port for both. */
public record Forwarded(int udp, int tcp) {
    public static final Forwarded NONE = new Forwarded(0, 0);

    public boolean none() {
        return udp == 0 && tcp == 0;
    }

    /** The port apps are told of: UDP's, as the mapping is asked for UDP first. */
    public int port() {
        return udp != 0 ? udp : tcp;
    }
}
