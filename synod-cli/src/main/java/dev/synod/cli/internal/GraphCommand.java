package dev.synod.cli.internal;

import dev.synod.cli.SynodCli;
import dev.synod.lang.ParseResult;
import dev.synod.lang.Synod;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod graph FILE}: the choreography as a Mermaid sequence diagram or a DOT graph (LANGUAGE.md §9). */
@Command(name = "graph", mixinStandardHelpOptions = true,
        description = "Draws a choreography as a Mermaid sequence diagram or a Graphviz DOT graph.",
        footer = {"", "Exit status: 0 drawn, 1 syntax errors, 2 unreadable input or bad arguments."})
final class GraphCommand implements Callable<Integer> {

    /** The drawing language. */
    enum Format {
        MERMAID, DOT;

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

    @Parameters(index = "0", paramLabel = "FILE", description = "The .synod file.")
    Path file;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class, defaultValue = "mermaid",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() {
        Optional<ParseResult> parsed = Parsed.orReport(Sources.read(file), spec.commandLine().getErr());
        if (parsed.isEmpty()) {
            spec.commandLine().getErr().flush();
            return SynodCli.EXIT_FAILED;
        }
        String drawing = switch (format) {
            case MERMAID -> Synod.mermaid(parsed.get());
            case DOT -> Synod.dot(parsed.get());
        };
        Output.printBlock(spec.commandLine().getOut(), drawing);
        return SynodCli.EXIT_OK;
    }
}
