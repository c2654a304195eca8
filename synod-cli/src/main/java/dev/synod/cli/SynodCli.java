package dev.synod.cli;

import dev.synod.cli.internal.ExecutionErrorHandler;
import dev.synod.cli.internal.ParameterErrorHandler;
import dev.synod.cli.internal.RootCommand;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The {@code synod} command line.
 *
 * <p>Exit status (ARCHITECTURE §10): 0 success; 1 the check failed (or an internal error, reported
 * in one line, with the stack trace only under {@code --debug}); 2 bad usage, unreadable input or
 * bad configuration, reported in one line.
 */
public final class SynodCli {
    /** Success. */
    public static final int EXIT_OK = 0;
    /** The check, format check or command failed, or Synod itself hit an internal error. */
    public static final int EXIT_FAILED = 1;
    /** Bad usage, unreadable input or bad configuration. */
    public static final int EXIT_USAGE = 2;

    private SynodCli() {
    }

    /** Runs {@code synod} with the process's standard streams; the only place that exits the JVM. */
    public static void main(String[] args) {
        CommandLine commandLine = commandLine();
        int status = commandLine.execute(args);
        commandLine.getOut().flush();
        commandLine.getErr().flush();
        System.exit(status);
    }

    /** The command line writing to standard output and standard error. */
    public static CommandLine commandLine() {
        return configure(new CommandLine(new RootCommand()));
    }

    /**
     * The command line writing to the given writers, as tests and embedders use it: run it with
     * {@link CommandLine#execute(String...)}, which returns the exit status instead of exiting.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new RootCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        return configure(commandLine);
    }

    private static CommandLine configure(CommandLine commandLine) {
        return commandLine
                .setExecutionExceptionHandler(new ExecutionErrorHandler())
                .setParameterExceptionHandler(new ParameterErrorHandler());
    }
}
