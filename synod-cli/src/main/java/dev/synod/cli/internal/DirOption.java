package dev.synod.cli.internal;

import dev.synod.core.SynodException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the commands that inspect or continue runs look: {@code --dir DIR}, or a positional word
 * that names an existing directory, and the run, a positional word that does not. So
 * {@code synod status proj}, {@code synod status r20261128-081032-ffa7} and
 * {@code synod status proj r20261128-081032-ffa7} all work, in either order; to name a run whose
 * id is also the name of a directory here, give the directory with {@code --dir}.
 */
final class DirOption {
    /** The help text of the positional words, shared by every command that takes them. */
    static final String WORDS = "The run directory, a word that names an existing directory (default: the current "
            + "directory), and the run, any other word (default: the most recent run).";

    @Option(names = "--dir", paramLabel = "DIR", description = "The run directory (default: the current directory).")
    Path dir;

    /** The run directory and the run named by {@code --dir} and the positional words. */
    record Target(Path dir, Optional<String> run) {
    }

    Target target(List<String> words) {
        Path directory = dir;
        String run = null;
        for (String word : words == null ? List.<String>of() : words) {
            if (Files.isDirectory(Path.of(word))) {
                if (directory != null) {
                    throw new SynodException.InvalidInput("expected one run directory, found two: "
                            + directory + " and " + word + (dir != null ? " (--dir)" : ""));
                }
                directory = Path.of(word);
            } else if (run != null) {
                throw new SynodException.InvalidInput("expected at most one run and one directory, found the runs " + run
                        + " and " + word + " (" + word + " is no directory here)");
            } else {
                run = word;
            }
        }
        return new Target(directory == null ? Path.of(".") : directory, Optional.ofNullable(run));
    }
}
