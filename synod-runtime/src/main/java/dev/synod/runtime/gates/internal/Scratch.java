package dev.synod.runtime.gates.internal;

import dev.synod.runtime.internal.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A temporary directory outside the tree checked, deleted with everything in it on close. */
public final class Scratch implements AutoCloseable {
    private final Path path;

    private Scratch(Path path) {
        this.path = path;
    }

    public static Scratch create(String prefix) throws IOException {
        return new Scratch(Files.createTempDirectory(prefix));
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        Directories.deleteTree(path, "the scratch directory");
    }
}
