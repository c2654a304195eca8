package dev.synod.runtime.workspace.internal;

import dev.synod.runtime.internal.Directories;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Writes one large object straight into a repository's object directory as a loose object
 * ({@code gitformat-loose}), streamed: it is never held in memory nor staged in the journal,
 * where a file of a few GiB (a dataset of the project's in the start commit) would not fit. The
 * object is hashed with the JDK's SHA-1 as it is written under a temporary name, forced to disk,
 * then renamed to its id, so that it is durable before anything names it.
 */
final class LooseObjects {
    private LooseObjects() {
    }

    /**
     * Writes an object of {@code type} and {@code length} bytes read from {@code in}.
     *
     * @throws IOException when {@code in} ends before {@code length} bytes, or the disk refuses
     */
    static ObjectId write(Path objectsDirectory, int type, long length, InputStream in) throws IOException {
        Files.createDirectories(objectsDirectory);
        Path tmp = Files.createTempFile(objectsDirectory, "tmp_obj_", "");
        try {
            MessageDigest sha1 = ObjectIds.sha1();
            byte[] header = ObjectIds.headerBytes(type, length);
            Deflater deflater = new Deflater(Deflater.BEST_SPEED);
            try (OutputStream out = new DeflaterOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp),
                    1 << 16), deflater, 1 << 16)) {
                sha1.update(header);
                out.write(header);
                ObjectIds.copy(length, in, (buffer, offset, n) -> {
                    sha1.update(buffer, offset, n);
                    out.write(buffer, offset, n);
                });
            } finally {
                deflater.end();
            }
            ObjectId id = ObjectId.fromRaw(sha1.digest());
            String name = id.name();
            Path dir = objectsDirectory.resolve(name.substring(0, 2));
            Path target = dir.resolve(name.substring(2));
            if (Files.exists(target)) {
                return id; // the same content, already there
            }
            Directories.fsync(tmp);
            Files.createDirectories(dir);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                return id; // written meanwhile by another thread: the same bytes
            }
            Directories.fsync(dir);
            return id;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
