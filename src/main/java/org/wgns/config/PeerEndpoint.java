package org.wgns.config;

/** A peer's endpoint as the config names it (a host name stays a name): what reresolve needs later. */
public record PeerEndpoint(WgKey publicKey, Endpoint endpoint) {
    /** In the state file: "PUBLICKEY host:port". */
    public String encode() {
        return publicKey.base64() + " " + endpoint;
    }

    public static PeerEndpoint parse(String text) {
        String[] f = text.split(" ", 2);
        if (f.length != 2) {
            throw new IllegalArgumentException("not 'PUBLICKEY host:port'");
        }
        return new PeerEndpoint(WgKey.parse(f[0]), Endpoint.parse(f[1]));
    }
}
