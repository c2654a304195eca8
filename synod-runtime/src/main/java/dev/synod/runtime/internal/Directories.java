package dev.synod.runtime.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/** Directory chores the runtime's parts share. */
public final class Directories {
    private Directories() {
    }

    /**
     * Deletes {@code dir} with everything in it; nothing when it does not exist. Symbolic links
     * inside are removed, never followed. A directory inside that its owner cannot read, write or
     * search (an agent's {@code chmod 000}) gets those permissions back first.
     *
     * @throws UncheckedIOException naming the directory and {@code what} it was, and the entry
     *                              inside that could not be read or removed
     */
    public static void deleteTree(Path dir, String what) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            delete(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + what + " " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Permissions.restoreOwnerAccess(path);
            List<Path> children;
            try (Stream<Path> list = Files.list(path)) {
                children = list.toList();
            }
            for (Path child : children) {
                delete(child);
            }
        }
        Files.deleteIfExists(path);
    }

    /**
     * Forces {@code path}, a file or a directory, to the disk: for a directory, the entries made,
     * linked or renamed in it, so that they survive a crash of the machine.
     *
     * @throws IOException when a file cannot be opened or forced, or a directory that could be
     *                     opened cannot be forced
     */
    public static void fsync(Path path) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            if (Files.isDirectory(path)) {
                // Some platforms (Windows) cannot open a directory; there the entries' durability is
                // the file system's to keep.
                return;
            }
            throw e;
        }
        try (channel) {
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
