package org.wgns.cli;

import java.util.concurrent.Callable;
import org.wgns.WgnsException;
import picocli.CommandLine.Command;

@Command(name = "show", mixinStandardHelpOptions = true, description = "Not implemented yet.")
public final class Show implements Callable<Integer> {
    @Override
    public Integer call() {
        throw WgnsException.failure("not implemented yet");
    }
}
