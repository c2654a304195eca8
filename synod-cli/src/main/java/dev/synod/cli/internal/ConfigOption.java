package dev.synod.cli.internal;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config synod.yaml}, shared by the commands that check a file. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "synod.yaml",
            description = {"Configuration with the model aliases and gates.", "Default: synod.yaml beside each FILE, if any."})
    Path config;

    Optional<Path> path() {
        return Optional.ofNullable(config);
    }
}
