package dev.synod.cli.internal;

import dev.synod.lang.CheckOptions;
import dev.synod.runtime.config.SynodConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config synod.yaml}, shared by the commands that check a file. */
final class ConfigOption {
    /** The name of the configuration file looked for beside a {@code .synod} file. */
    static final String FILE_NAME = "synod.yaml";

    @Option(names = "--config", paramLabel = "synod.yaml",
            description = {"Configuration with the model aliases and gates.", "Default: synod.yaml beside each FILE, if any."})
    Path config;

    Optional<Path> path() {
        return Optional.ofNullable(config);
    }

    /** The check options of {@code synodFile} with this option's configuration. */
    CheckOptions checkOptions(Path synodFile) {
        return checkOptions(synodFile, path());
    }

    /**
     * The configuration of {@code synodFile}: the one {@code config} names, else a {@code synod.yaml}
     * beside the file, else none.
     *
     * @throws dev.synod.core.SynodException.InvalidInput when it cannot be read or is malformed
     */
    static Optional<SynodConfig> load(Path synodFile, Optional<Path> config) {
        Path candidate = config.orElseGet(() -> synodFile.resolveSibling(FILE_NAME));
        return config.isEmpty() && !Files.exists(candidate) ? Optional.empty() : Optional.of(SynodConfig.load(candidate));
    }

    /**
     * The check options for one {@code .synod} file: its directory, and the configuration from
     * {@code config} when given, else from a {@code synod.yaml} beside the file when there is one,
     * read by the same reader as {@code synod run} ({@link SynodConfig#load}), so that {@code check}
     * accepts exactly the files {@code run} accepts.
     *
     * @throws dev.synod.core.SynodException.InvalidInput when the configuration cannot be read or is malformed
     */
    static CheckOptions checkOptions(Path synodFile, Optional<Path> config) {
        return SynodConfig.checkOptions(load(synodFile, config), synodFile.toAbsolutePath().normalize().getParent());
    }
}
