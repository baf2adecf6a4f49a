package org.wgns.cli;

import picocli.CommandLine.Option;

/** --json for commands whose output scripts read. */
public final class JsonMixin {
    @Option(names = "--json", description = "Print JSON (schema in the README) instead of text.")
    boolean json;
}
