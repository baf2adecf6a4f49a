package org.wgns.os;

/**
 * The one port through which wgns changes the system: run a program, get its result. Unit tests
 * use a recording fake; a failure to start the program is a Result too (exit 127), so callers
 * handle one kind of outcome.
 */
public interface CommandRunner {
    Result run(Command command);
}
