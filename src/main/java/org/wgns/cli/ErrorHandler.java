package org.wgns.cli;

import java.io.PrintWriter;
import org.wgns.WgnsException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Every error ends as one line on stderr and an exit code: 2 for usage, the exception's own for
 * {@link WgnsException}, 1 for anything else. A stack trace only with -v.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        String msg = ex.getMessage();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            msg += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        err.println(name + ": " + msg + " (see '" + name + " --help')");
        err.flush();
        return WgnsException.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = Main.verbose(parsed);
        String name = cl.getCommandSpec().qualifiedName();
        int code;
        if (ex instanceof WgnsException w) {
            err.println(name + ": " + w.getMessage());
            code = w.exitCode();
        } else {
            err.println(name + ": internal error: " + ex + (verbose ? "" : " (run with -v for details)"));
            code = WgnsException.FAILURE;
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public int getExitCode(Throwable exception) {
        return exception instanceof WgnsException w ? w.exitCode() : WgnsException.FAILURE;
    }
}
