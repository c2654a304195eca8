package dev.synod.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

class ExecutionErrorHandlerTest {

    /** A root command like {@code synod}'s, whose subcommand fails the way a bug or bad input would. */
    @Command(name = "synod", subcommands = Failing.class)
    static final class Root implements Runnable {
        @Option(names = "--debug", scope = ScopeType.INHERIT)
        boolean debug;

        @Override
        public void run() {
        }
    }

    @Command(name = "fail")
    static final class Failing implements Callable<Integer> {
        @Option(names = "--input")
        boolean input;

        @Override
        public Integer call() {
            if (input) {
                throw new dev.synod.core.SynodException.InvalidInput("cannot read 'x.synod': no such file");
            }
            throw new IllegalStateException("the checker lost its way");
        }
    }

    private record Outcome(int exit, String err) {
    }

    @Test
    void an_unexpected_exception_is_an_internal_error_in_one_line_and_exit_1() {
        Outcome outcome = run("fail");

        assertThat(outcome.exit()).isEqualTo(1);
        assertThat(outcome.err()).isEqualTo(
                "synod: internal error: the checker lost its way (run with --debug for details)" + System.lineSeparator());
    }

    @Test
    void debug_after_the_command_adds_the_stack_trace() {
        Outcome outcome = run("fail", "--debug");

        assertThat(outcome.exit()).isEqualTo(1);
        assertThat(outcome.err()).contains("java.lang.IllegalStateException: the checker lost its way", "\tat ");
    }

    @Test
    void debug_before_the_command_adds_the_stack_trace() {
        Outcome outcome = run("--debug", "fail");

        assertThat(outcome.err()).contains("\tat ");
    }

    @Test
    void bad_input_is_one_line_and_exit_2() {
        Outcome outcome = run("fail", "--input");

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err()).isEqualTo("synod: cannot read 'x.synod': no such file" + System.lineSeparator());
    }

    private static Outcome run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new Root());
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler(new ExecutionErrorHandler());
        int exit = commandLine.execute(args);
        return new Outcome(exit, err.toString());
    }
}
