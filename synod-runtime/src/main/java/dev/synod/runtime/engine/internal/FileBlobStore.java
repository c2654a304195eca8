package dev.synod.runtime.engine.internal;

import dev.synod.core.BlobStore;
import dev.synod.core.Blobs;
import dev.synod.core.SynodException;
import dev.synod.runtime.internal.Directories;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A {@link BlobStore} of files under a root directory (the run's {@code .synod/blobs/}), one per
 * blob at {@code ab/cdef…}: the first two hex digits of its SHA-256, then the other 62. A blob
 * is written to a temporary file in its final directory, forced to disk, renamed into place
 * atomically and its directory forced too, so a crash leaves either the whole blob or none.
 * Reading verifies the content against its hash.
 */
public final class FileBlobStore implements BlobStore {
    private static final String TEMP_PREFIX = ".put-";

    private final Path root;

    private FileBlobStore(Path root) {
        this.root = root;
    }

    /** The store under {@code root}, creating the directory when it does not exist (for a new run). */
    public static FileBlobStore open(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new SynodException.InvalidInput("could not create the blob directory " + absolute + ": " + e, e);
        }
        return new FileBlobStore(absolute);
    }

    /**
     * The store under {@code root} as it is, creating nothing: for inspecting stored runs. A root
     * that does not exist holds no blobs; {@link #put} creates it.
     */
    public static FileBlobStore existing(Path root) {
        return new FileBlobStore(root.toAbsolutePath().normalize());
    }

    /** The root directory, absolute. */
    public Path root() {
        return root;
    }

    @Override
    public String put(byte[] content) {
        String hash = Blobs.hash(content);
        Path target = pathOf(hash);
        if (Files.exists(target)) {
            return hash;
        }
        Path dir = target.getParent();
        Path temp = null;
        try {
            if (!Files.isDirectory(dir)) {
                boolean newRoot = !Files.isDirectory(root);
                Files.createDirectories(dir);
                Directories.fsync(root);
                if (newRoot) {
                    Directories.fsync(root.getParent());
                }
            }
            temp = Files.createTempFile(dir, TEMP_PREFIX, ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            // A concurrent put of the same content may have won the race; replacing its file with
            // identical bytes is harmless, and rename replaces atomically.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
            Directories.fsync(dir);
            return hash;
        } catch (IOException e) {
            throw new SynodException.Retriable("could not write the blob " + hash + " at " + target + ": " + e, e);
        } finally {
            if (temp != null) {
                deleteQuietly(temp);
            }
        }
    }

    @Override
    public Optional<byte[]> get(String hash) {
        Path path = pathOf(Blobs.requireHash(hash));
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SynodException.Retriable("could not read the blob at " + path + ": " + e, e);
        }
        String found = Blobs.hash(content);
        if (!found.equals(hash)) {
            throw new SynodException.Corrupted("the blob " + hash + " is damaged: its content hashes to " + found
                    + " (SHA-256 of the " + content.length + " bytes at " + path + ")", null);
        }
        return Optional.of(content);
    }

    private Path pathOf(String hash) {
        return root.resolve(hash.substring(0, 2)).resolve(hash.substring(2));
    }

    private static void deleteQuietly(Path temp) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            // A leftover temporary file is never read as a blob: its name is not a hash.
        }
    }

    @Override
    public String toString() {
        return "FileBlobStore[" + root + "]";
    }
}
