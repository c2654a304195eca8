package dev.synod.cli.internal;

import dev.synod.cli.SynodCli;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Bad arguments: one line saying what is wrong, then a hint to the command's {@code --help};
 * exit status 2. The stack trace is printed only under {@code --debug}.
 */
public final class ParameterErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        PrintWriter err = commandLine.getErr();
        err.println("synod: " + readable(ex.getMessage()));
        err.println("Try '" + commandLine.getCommandSpec().qualifiedName() + " --help' for more information.");
        if (Arrays.asList(args).contains(RootCommand.DEBUG_OPTION)) {
            ex.printStackTrace(err);
        }
        err.flush();
        return SynodCli.EXIT_USAGE;
    }

    /** Picocli 4.7 says "option option '--x'" in its message for a map option's malformed entry. */
    private static String readable(String message) {
        return message == null ? "bad arguments" : message.replace("option option '", "option '");
    }
}
