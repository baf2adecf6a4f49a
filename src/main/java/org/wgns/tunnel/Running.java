package org.wgns.tunnel;

import java.nio.file.Files;
import org.wgns.NamespaceName;
import org.wgns.WgnsException;
import org.wgns.os.Host;
import org.wgns.state.NamespaceLock;
import org.wgns.state.NamespaceState;
import org.wgns.state.Phase;
import org.wgns.state.StateStore;

/** A namespace that is up, held under its lock while set, syncconf or repair change it in place. */
final class Running implements AutoCloseable {
    private final NamespaceLock lock;
    private final StateStore store;
    private NamespaceState state;

    private Running(NamespaceLock lock, StateStore store, NamespaceState state) {
        this.lock = lock;
        this.store = store;
        this.state = state;
    }

    static Running open(Host host, NamespaceName name) {
        StateStore store = new StateStore(host.layout().stateDir());
        NamespaceLock lock = NamespaceLock.acquire(store.dir(), name);
        try {
            NamespaceState s = store.read(name).orElseThrow(() -> WgnsException.failure(name + " is not up"));
            if (s.phase() != Phase.UP) {
                throw WgnsException.failure(name + " is not up (an up that did not finish: run wgns down " + name + ")");
            }
            if (!Files.exists(host.layout().netns(name.value()))) {
                throw WgnsException.failure("the namespace of " + name + " is gone; run: wgns down " + name + ", then up");
            }
            return new Running(lock, store, s);
        } catch (RuntimeException e) {
            lock.close();
            store.removeIfEmpty();
            throw e;
        }
    }

    NamespaceState state() {
        return state;
    }

    /** Atomically, as every state write. */
    void save(NamespaceState s) {
        store.write(s);
        state = s;
    }

    @Override
    public void close() {
        lock.close();
        store.removeIfEmpty();
    }
}
