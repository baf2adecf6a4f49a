package org.wgns.exec;

import org.wgns.os.UserEntry;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A passwd with root, alice (uid 1000) and bob (1001); execve records instead of replacing anything. */
final class FakeExec implements ExecPort {
    static final UserEntry ROOT = new UserEntry("root", 0, 0, "/root", "/bin/bash");
    static final UserEntry ALICE = new UserEntry("alice", 1000, 1000, "/home/alice", "/bin/zsh");
    static final UserEntry BOB = new UserEntry("bob", 1001, 1001, "/home/bob", "/bin/bash");

    ExecSpec executed;

    @Override
    public Optional<UserEntry> userById(long uid) {
        return List.of(ROOT, ALICE, BOB).stream().filter(u -> u.uid() == uid).findFirst();
    }

    @Override
    public Optional<UserEntry> userByName(String name) {
        return List.of(ROOT, ALICE, BOB).stream().filter(u -> u.name().equals(name)).findFirst();
    }

    @Override
    public int execve(String path, List<String> argv, Map<String, String> env) {
        executed = new ExecSpec(path, argv, env);
        return 2;
    }
}
