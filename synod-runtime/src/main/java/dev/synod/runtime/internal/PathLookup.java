package dev.synod.runtime.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a program named without a directory is, on a {@code PATH}: the one lookup of the runtime,
 * for the agents' CLI programs and for Maven. Empty entries are skipped rather than read as the
 * current directory (as POSIX shells do): a program Synod starts is never taken from wherever
 * Synod happens to run.
 */
public final class PathLookup {
    private PathLookup() {
    }

    /**
     * The first executable regular file called {@code program} in the directories of
     * {@code path} (entries separated by {@link File#pathSeparator}), as an absolute path; empty
     * when there is none.
     */
    public static Optional<Path> find(String program, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate;
            try {
                candidate = Path.of(dir).resolve(program);
            } catch (InvalidPathException e) {
                continue; // an entry that names no directory holds no program
            }
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
