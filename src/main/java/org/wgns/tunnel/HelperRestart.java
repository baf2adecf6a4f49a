package org.wgns.tunnel;

import java.nio.file.Path;
import java.util.List;
import org.wgns.helper.Helper;
import org.wgns.os.Host;
import org.wgns.os.OwnedProcess;
import org.wgns.plan.Plan;
import org.wgns.plan.Undo;
import org.wgns.reach.Reach;
import org.wgns.reach.Relays;
import org.wgns.state.NamespaceState;
import org.wgns.state.StateStore;

/**
 * `set --reach`/`--no-reach`: the helper reads its holes when it starts, so it is started again
 * with the new ones (a forwarded port it holds is asked for again), recorded before it starts as
 * up records it; the way back starts it again with the old ones.
 */
final class HelperRestart {
    private final Host host;
    private final Running r;

    HelperRestart(Host host, Running r) {
        this.host = host;
        this.r = r;
    }

    void plan(Plan plan, List<Reach> reach) {
        NamespaceState.Helping was = r.state().helping();
        if (reach.equals(was.reach())) {
            return;
        }
        Relays.checkDistinct(reach);
        NamespaceState.Helping now = new NamespaceState.Helping(was.portForward(), reach, null);
        plan.action("start helper again", () -> restart(now),
                Undo.action("start helper again as it was", () -> restart(was.withProcess(null))));
    }

    private void restart(NamespaceState.Helping h) {
        Helper helper = new Helper(host);
        OwnedProcess old = r.state().helping().process();
        if (old != null) {
            helper.stop(r.state().name().value(), old);
        }
        if (!h.needed()) {
            r.save(r.state().withHelping(NamespaceState.Helping.NONE));
            return;
        }
        Path dir = new StateStore(host.layout().stateDir()).dirOf(r.state().name());
        r.save(r.state().withHelping(h.withProcess(OwnedProcess.PENDING)));
        OwnedProcess p = helper.start(r.state().name().value(), dir);
        r.save(r.state().withHelping(h.withProcess(p)));
        helper.awaitReady(p, dir);
    }
}
