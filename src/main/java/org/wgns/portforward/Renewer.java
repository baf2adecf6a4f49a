package org.wgns.portforward;

import java.io.IOException;
import org.wgns.os.Clock;

/**
 * Keeps a NAT-PMP mapping for UDP and TCP alive for as long as it runs: asks, then renews before
 * the lifetime is over (every 45 s for Proton's 60 s, sooner when the gateway grants less, as RFC
 * 6886 asks). A gateway that does not answer or answers with an error is one line in the status
 * and a retry after a growing pause; the tunnel is none of its business. When a mapping lapses
 * unrenewed, the port is taken away again; when the gateway hands out another port, the new one
 * replaces it.
 */
public final class Renewer {
    /** One request and its answer; null when none came within timeoutMs. */
    @FunctionalInterface
    public interface Gateway {
        byte[] exchange(byte[] request, int timeoutMs) throws IOException;
    }

    /** Where the results go: the forwarded ports when they change (firewall, files, the user's command), and each round's status. */
    public interface Sink {
        void changed(Forwarded now);

        void status(ForwardStatus status);
    }

    /** RFC 6886 3.1: 250 ms, doubling; four tries keep a round under 4 s. */
    static final int[] WAIT_MS = {250, 500, 1000, 2000};
    static final long FIRST_BACKOFF_MS = 2000;
    static final long MIN_RENEW_MS = 500;

    private final Gateway gateway;
    private final String gatewayName;
    private final Clock clock;
    private final Sink sink;
    private Forwarded current = Forwarded.NONE;
    private long renewedMs;
    private long lifetimeS;
    private int failures;

    public Renewer(Gateway gateway, String gatewayName, Clock clock, Sink sink) {
        this.gateway = gateway;
        this.gatewayName = gatewayName;
        this.clock = clock;
        this.sink = sink;
    }

    /** Renews until the process ends. */
    public void run() {
        while (true) {
            clock.sleep(round());
        }
    }

    /** One round: ask for both mappings; returns how long to wait before the next. */
    public long round() {
        try {
            NatPmp.Mapping udp = map(NatPmp.UDP);
            NatPmp.Mapping tcp = map(NatPmp.TCP);
            Forwarded got = new Forwarded(udp.externalPort(), tcp.externalPort());
            long lifetime = Math.min(udp.lifetimeSeconds(), tcp.lifetimeSeconds());
            renewedMs = clock.millis();
            lifetimeS = lifetime;
            failures = 0;
            if (!got.equals(current)) {
                current = got;
                sink.changed(got);
            }
            String problem = got.udp() != got.tcp()
                    ? "the gateway forwards UDP port " + got.udp() + " but TCP port " + got.tcp() + "; both are open" : null;
            sink.status(new ForwardStatus(current, renewedMs / 1000, lifetime, problem));
            return Math.max(MIN_RENEW_MS, Math.min(PortForward.RENEW_SECONDS * 1000, lifetime * 750));
        } catch (IOException | NatPmp.Refused e) {
            return failed(e.getMessage());
        }
    }

    private long failed(String why) {
        failures++;
        long pause = Math.min(PortForward.RENEW_SECONDS * 1000, FIRST_BACKOFF_MS << Math.min(failures - 1, 10));
        if (!current.none() && clock.millis() - renewedMs >= lifetimeS * 1000) {
            current = Forwarded.NONE;
            sink.changed(current);
        }
        sink.status(new ForwardStatus(current, renewedMs / 1000, lifetimeS, why + "; trying again in " + (pause / 1000) + " s"));
        return pause;
    }

    /**
     * One mapping, with the RFC's retries. The request is the one Proton documents and repeats to
     * renew (`natpmpc -a 1 0 udp 60`: external port 1, internal 0): the gateway picks the port.
     */
    private NatPmp.Mapping map(int opcode) throws IOException, NatPmp.Refused {
        byte[] request = NatPmp.mapRequest(opcode, 0, 1, PortForward.LIFETIME_SECONDS);
        for (int wait : WAIT_MS) {
            byte[] answer = gateway.exchange(request, wait);
            if (answer != null) {
                NatPmp.Mapping m = NatPmp.parseMapResponse(answer, answer.length, opcode);
                if (m.externalPort() == 0 || m.lifetimeSeconds() == 0) {
                    throw new NatPmp.Refused("the gateway granted no port");
                }
                return m;
            }
        }
        throw new IOException("the gateway " + gatewayName + " does not answer NAT-PMP");
    }
}
