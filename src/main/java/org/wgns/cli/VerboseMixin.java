package org.wgns.cli;

import picocli.CommandLine.Option;

/** -v on every level: debug logging, every command echoed as "[#] ...", stack traces. */
public final class VerboseMixin {
    @Option(names = {"-v", "--verbose"}, description = "Print each command wgns runs, and details of errors.",
            scope = picocli.CommandLine.ScopeType.INHERIT)
    boolean verbose;
}
