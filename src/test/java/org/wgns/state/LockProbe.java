package org.wgns.state;

import java.nio.file.Path;
import org.wgns.WgnsException;

/** Another process trying the lock: prints "got" or the refusal. */
public final class LockProbe {
    private LockProbe() {}

    public static void main(String[] args) {
        try (NamespaceLock l = NamespaceLock.acquire(Path.of(args[0]), org.wgns.NamespaceName.of(args[1]))) {
            System.out.println("got");
        } catch (WgnsException e) {
            System.out.println(e.getMessage());
        }
    }
}
