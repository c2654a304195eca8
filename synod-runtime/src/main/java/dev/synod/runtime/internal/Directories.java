package dev.synod.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Directory chores the runtime's parts share. */
public final class Directories {
    private Directories() {
    }

    /**
     * Deletes {@code dir} with everything in it; nothing when it does not exist. Symbolic links
     * inside are removed, never followed.
     *
     * @throws UncheckedIOException naming the directory and {@code what} it was
     */
    public static void deleteTree(Path dir, String what) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + what + " " + dir, e);
        }
    }

    /**
     * Forces {@code path}, a file or a directory, to the disk: for a directory, the entries made
     * or renamed in it.
     */
    public static void fsync(Path path) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(path,
                java.nio.file.StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** A new temporary directory whose name starts with {@code prefix}. */
    public static Path temporary(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory (" + prefix + "…)", e);
        }
    }
}
