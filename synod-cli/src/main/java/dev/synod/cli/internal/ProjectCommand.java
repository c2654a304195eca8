package dev.synod.cli.internal;

import dev.synod.core.SynodException;
import dev.synod.cli.SynodCli;
import dev.synod.lang.CheckResult;
import dev.synod.lang.Projection;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod project FILE --role R}: the local contract of one role (LANGUAGE.md §7). */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = "Prints the local contract of one role, from a file that checks without errors.",
        footer = {"", "Exit status: 0 printed, 1 the file has errors, 2 unknown role, unreadable input or bad"
                + " arguments."})
final class ProjectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The .synod file.")
    Path file;

    @Option(names = "--role", required = true, paramLabel = "ROLE",
            description = "A role (lead, team.member) or a replica (dev[2]).")
    String role;

    @Option(names = "--json", description = "Print the contract as JSON.")
    boolean json;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        SourceFile source = Sources.read(file);
        CheckResult checked = Synod.check(source, config.checkOptions(file));
        PrintWriter out = spec.commandLine().getOut();
        if (checked.hasErrors()) {
            PrintWriter err = spec.commandLine().getErr();
            DiagnosticText.print(err, source, checked.diagnostics());
            err.flush();
            return SynodCli.EXIT_FAILED;
        }
        Projection projection;
        try {
            projection = Synod.project(checked, role);
        } catch (IllegalArgumentException e) {
            throw new SynodException.InvalidInput(e.getMessage(), e);
        }
        Output.printBlock(out, json ? projection.toJson() : projection.toText());
        return SynodCli.EXIT_OK;
    }
}
