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

    /**
     * {@code name} (a role such as {@code dev[2]}, a command id such as {@code agent:api#1}) as one
     * portable file name: every character other than letters, digits, {@code .}, {@code _} and
     * {@code -} becomes {@code _}, so brackets, colons and slashes never reach a path.
     */
    public static String fileName(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /**
     * Copies the files and directories of {@code from} into {@code to}, which is created if needed;
     * files already there are overwritten, others are left alone. Symbolic links are copied as links,
     * never followed, and file modes (the executable bit) are kept.
     *
     * @throws UncheckedIOException naming both directories and the entry that could not be copied
     */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, LinkOption.NOFOLLOW_LINKS, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES,
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes {@code to} hold exactly what {@code from} holds: everything in {@code to} is removed,
     * then {@link #copyTree} copies {@code from} in, so a file deleted in {@code from} is gone from
     * {@code to} too.
     */
    public static void mirror(Path from, Path to) {
        deleteTree(to, "the directory to be replaced");
        copyTree(from, to);
    }
}
