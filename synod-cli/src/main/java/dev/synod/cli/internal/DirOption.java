package dev.synod.cli.internal;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --dir DIR}: the run directory of the commands that inspect or continue runs. */
final class DirOption {
    @Option(names = "--dir", paramLabel = "DIR", description = "The run directory (default: the current directory).")
    Path dir = Path.of(".");
}
