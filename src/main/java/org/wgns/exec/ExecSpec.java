package org.wgns.exec;

import java.util.List;
import java.util.Map;

/** What to execve: the program, its argv, its whole environment. */
public record ExecSpec(String path, List<String> argv, Map<String, String> env) {
    public ExecSpec {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
    }
}
