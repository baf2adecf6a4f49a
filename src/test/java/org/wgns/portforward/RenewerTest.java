package org.wgns.portforward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wgns.testing.FakeClock;

/** The renewer against a scripted gateway and a clock of its own: what it asks, keeps, says and gives up. */
class RenewerTest {
    int port = 51413;
    long lifetime = 60;
    int error;
    boolean silent;
    final List<byte[]> requests = new ArrayList<>();
    final List<Forwarded> changes = new ArrayList<>();
    final List<ForwardStatus> statuses = new ArrayList<>();

    final FakeClock clock = new FakeClock(1_000_000);

    final Renewer renewer = new Renewer((request, timeoutMs) -> {
        requests.add(request);
        if (silent) {
            clock.now += timeoutMs;
            return null;
        }
        return ByteBuffer.allocate(16).put((byte) 0).put((byte) (128 + request[1])).putShort((short) error).putInt(7)
                .putShort((short) 0).putShort((short) (error == 0 ? port : 0)).putInt((int) lifetime).array();
    }, "10.2.0.1", clock, new Renewer.Sink() {
        @Override
        public void changed(Forwarded f) {
            changes.add(f);
        }

        @Override
        public void status(ForwardStatus s) {
            statuses.add(s);
        }
    });

    ForwardStatus last() {
        return statuses.get(statuses.size() - 1);
    }

    @Test
    void asksAsProtonDocumentsItUdpThenTcpAndRenewsEvery45Seconds() {
        assertEquals(45_000, renewer.round());
        assertArrayEquals(new byte[] {0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 60}, requests.get(0), "natpmpc -a 1 0 udp 60");
        assertArrayEquals(new byte[] {0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0, 60}, requests.get(1), "then tcp");
        assertEquals(List.of(new Forwarded(51413, 51413)), changes);
        assertEquals(new ForwardStatus(new Forwarded(51413, 51413), 1000, 60, null), last());
        assertEquals(45_000, renewer.round());
        assertEquals(1, changes.size(), "a renewal of the same port changes nothing");
    }

    @Test
    void aShortLifetimeIsRenewedSooner() {
        lifetime = 2;
        assertEquals(1500, renewer.round());
    }

    @Test
    void aNewPortReplacesTheOld() {
        renewer.round();
        port = 40002;
        renewer.round();
        assertEquals(List.of(new Forwarded(51413, 51413), new Forwarded(40002, 40002)), changes);
    }

    @Test
    void silenceIsOneLineWithGrowingPausesAndALapsedPortIsTakenAway() {
        renewer.round();
        silent = true;
        assertEquals(2000, renewer.round());
        assertEquals("the gateway 10.2.0.1 does not answer NAT-PMP; trying again in 2 s", last().problem());
        assertEquals(4, requests.size() - 2, "four tries: 250, 500, 1000, 2000 ms");
        assertEquals(51413, last().ports().port(), "still within its lifetime");
        long pause = 0;
        for (int i = 0; i < 5; i++) {
            clock.now += pause;
            pause = renewer.round();
        }
        assertEquals(45_000, pause, "2, 4, 8, 16, 32, then 45 s at most");
        assertEquals(Forwarded.NONE, changes.get(changes.size() - 1), "lapsed: closed again");
        assertEquals(Forwarded.NONE, last().ports());
        silent = false;
        renewer.round();
        assertEquals(new Forwarded(51413, 51413), changes.get(changes.size() - 1), "back when the gateway answers");
        assertNull(last().problem());
    }

    @Test
    void aRefusalSaysWhyInWords() {
        error = 2;
        renewer.round();
        assertEquals("the gateway refused the mapping: not authorized (2): port forwarding may be off for this server or account;"
                + " trying again in 2 s", last().problem());
        assertEquals(List.of(), changes);
    }

    @Test
    void theStatusSaysWhetherTheMappingHolds() {
        renewer.round();
        assertEquals(true, last().alive(1000 + 60));
        assertEquals(false, last().alive(1000 + 61));
    }
}
