package dev.synod.lang;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * What the checker knows besides the file: the model aliases and custom gates of a
 * {@code synod.yaml} (when there is one) and the directory that relative paths such as the
 * {@code prompt} file are resolved against.
 *
 * @param modelAliases the aliases under {@code models:}, or empty when no {@code synod.yaml} was found (S012 is then skipped)
 * @param customGates  the gate names under {@code gates:}
 * @param directory    the directory of the {@code .synod} file, or empty to skip file-system checks (S061)
 */
public record CheckOptions(Optional<Set<String>> modelAliases, Set<String> customGates, Optional<Path> directory) {
    public CheckOptions {
        modelAliases = modelAliases.map(Set::copyOf);
        customGates = Set.copyOf(customGates);
    }

    /** No configuration and no file system: only what the file itself says. */
    public static CheckOptions none() {
        return new CheckOptions(Optional.empty(), Set.of(), Optional.empty());
    }
}
