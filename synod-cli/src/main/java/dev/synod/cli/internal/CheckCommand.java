package dev.synod.cli.internal;

import dev.synod.cli.SynodCli;
import dev.synod.lang.CheckResult;
import dev.synod.lang.Diagnostic;
import dev.synod.lang.Severity;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.runtime.Runs;
import dev.synod.runtime.config.SynodConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod check FILE…}: every diagnostic of every file (LANGUAGE.md §6). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Checks choreographies and reports every problem found.",
        footer = {"", "Exit status: 0 no errors (warnings allowed), 1 errors, 2 unreadable input or bad arguments."})
final class CheckCommand implements Callable<Integer> {

    /** How diagnostics are printed. */
    enum Format {
        TEXT, JSON;

        @Override
        public String toString() {
            return Choices.word(this);
        }
    }

    /** Reads {@code --format} in lower case. */
    static final class FormatConverter extends Choices.Converter<Format> {
        FormatConverter() {
            super(Format.class);
        }
    }

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .synod files to check.")
    List<Path> files;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class, defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--strict", description = "Treat warnings as errors.")
    boolean strict;

    @Mixin
    ConfigOption config;

    /** A file read and configured, ready to check. */
    private record Input(SourceFile source, CheckResult checked) {
    }

    @Override
    public Integer call() {
        // Read and check every file with its configuration first: a configuration that does not fit
        // fails before any output, as it fails a run before anything starts.
        List<Input> inputs = new ArrayList<>();
        for (Path file : files) {
            SourceFile source = Sources.read(file);
            Path directory = file.toAbsolutePath().normalize().getParent();
            Optional<SynodConfig> loaded = ConfigOption.load(file, config.path());
            CheckResult checked = Synod.check(source, SynodConfig.checkOptions(loaded, directory));
            // What run checks of the configuration against the team and of the files it names, check checks too.
            if (!checked.hasErrors()) {
                checked.model().ifPresent(m -> loaded.ifPresent(c -> c.checkAgainst(m)));
                loaded.ifPresent(c -> Runs.checkNamedFiles(c, directory));
            }
            inputs.add(new Input(source, checked));
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean anyErrors = false;
        List<DiagnosticJson.FileReport> reports = new ArrayList<>();
        for (Input input : inputs) {
            List<Diagnostic> diagnostics = input.checked().diagnostics();
            if (strict) {
                diagnostics = diagnostics.stream().map(CheckCommand::asError).toList();
            }
            anyErrors |= diagnostics.stream().anyMatch(Diagnostic::isError);
            if (format == Format.JSON) {
                reports.add(DiagnosticJson.FileReport.of(input.source().name(), diagnostics));
            } else {
                DiagnosticText.print(out, input.source(), diagnostics);
            }
        }
        if (format == Format.JSON) {
            out.println(DiagnosticJson.render(reports));
        }
        out.flush();
        return anyErrors ? SynodCli.EXIT_FAILED : SynodCli.EXIT_OK;
    }

    private static Diagnostic asError(Diagnostic d) {
        return d.isError() ? d : new Diagnostic(d.code(), Severity.ERROR, d.span(), d.message());
    }
}
