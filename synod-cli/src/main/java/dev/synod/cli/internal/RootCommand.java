package dev.synod.cli.internal;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code synod}: the root command, holding the global options and the subcommands. */
@Command(name = "synod",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Checks, formats, projects, draws and runs choreographies of coding agents, written in .synod files.",
        subcommands = {CheckCommand.class, FmtCommand.class, ProjectCommand.class, GraphCommand.class,
                InitCommand.class, RunCommand.class, ResumeCommand.class, StatusCommand.class, LogCommand.class,
                ReplayCommand.class, AnswerCommand.class, ReportCommand.class, ShowCommand.class, WorkerCommand.class,
                SimCommand.class, AnalyzeCommand.class},
        footer = {"", "Exit status: 0 success, 1 check failed or internal error, 2 bad usage, input or configuration."})
public final class RootCommand implements Callable<Integer> {

    /** The name of the global option that shows stack traces; read by the error handlers. */
    public static final String DEBUG_OPTION = "--debug";

    @Spec
    CommandSpec spec;

    @Option(names = DEBUG_OPTION, scope = ScopeType.INHERIT,
            description = "Show stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: one of check, fmt, project, graph, init, run, resume, status, log, show, replay, answer");
    }
}
