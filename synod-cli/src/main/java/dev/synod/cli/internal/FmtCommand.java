package dev.synod.cli.internal;

import dev.synod.core.SynodException;
import dev.synod.cli.SynodCli;
import dev.synod.lang.ParseResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code synod fmt FILE…}: rewrites files in canonical form (LANGUAGE.md §8), or lists those that are not. */
@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = "Rewrites choreographies in canonical form; files with syntax errors are left alone.",
        footer = {"", "Exit status: 0 done, 1 syntax errors (or, with --check, files not in canonical form),"
                + " 2 unreadable input or bad arguments."})
final class FmtCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .synod files to format.")
    List<Path> files;

    @Option(names = "--check", description = "Write nothing; list the files that are not in canonical form.")
    boolean check;

    @Override
    public Integer call() {
        List<SourceFile> sources = new ArrayList<>();
        for (Path file : files) {
            sources.add(Sources.read(file));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean failed = false;
        for (int i = 0; i < sources.size(); i++) {
            SourceFile source = sources.get(i);
            Optional<ParseResult> parsed = Parsed.orReport(source, err);
            if (parsed.isEmpty()) {
                failed = true;
                continue;
            }
            String formatted = Synod.format(parsed.get());
            if (formatted.equals(source.text())) {
                continue;
            }
            if (check) {
                out.println(source.name());
                failed = true;
            } else {
                write(files.get(i), formatted);
            }
        }
        out.flush();
        err.flush();
        return failed ? SynodCli.EXIT_FAILED : SynodCli.EXIT_OK;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SynodException.InvalidInput("cannot write '" + file + "': " + e.getMessage(), e);
        }
    }
}
