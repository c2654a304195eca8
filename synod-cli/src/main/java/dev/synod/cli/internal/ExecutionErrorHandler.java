package dev.synod.cli.internal;

import dev.synod.cli.SynodCli;
import dev.synod.core.SynodException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception thrown by a command into one line on standard error and an exit status:
 * Synod's invalid-input and corrupted-state exceptions are bad input (2); a
 * retriable fault is 1 with its message; anything else is an internal error of Synod (1). The
 * stack trace is printed only under {@code --debug}.
 */
public final class ExecutionErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        int status;
        if (ex instanceof SynodException.InvalidInput) {
            err.println("synod: " + ex.getMessage());
            status = SynodCli.EXIT_USAGE;
        } else if (ex instanceof SynodException.Corrupted) {
            err.println("synod: cannot trust the stored run: " + ex.getMessage() + " (nothing was changed)");
            status = SynodCli.EXIT_USAGE;
        } else if (ex instanceof SynodException.Retriable) {
            err.println("synod: " + ex.getMessage());
            status = SynodCli.EXIT_FAILED;
        } else {
            err.println("synod: internal error: " + describe(ex) + " (run with " + RootCommand.DEBUG_OPTION
                    + " for details)");
            status = SynodCli.EXIT_FAILED;
        }
        if (debugRequested(parseResult)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return status;
    }

    private static String describe(Exception ex) {
        return ex.getMessage() == null ? ex.getClass().getName() : ex.getMessage();
    }

    /** Whether {@code --debug} was given to the root command or to any subcommand on the way. */
    static boolean debugRequested(ParseResult parseResult) {
        for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
            if (level.hasMatchedOption(RootCommand.DEBUG_OPTION)) {
                return true;
            }
        }
        return false;
    }
}
