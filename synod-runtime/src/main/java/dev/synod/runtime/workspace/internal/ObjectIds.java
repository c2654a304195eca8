package dev.synod.runtime.workspace.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Git object names computed with the JDK's SHA-1 ({@link MessageDigest}, a CPU intrinsic),
 * about seven times faster than JGit's own SHA-1 with SHAttered collision detection, which a
 * global system property would otherwise have to switch off for the whole process. Detection
 * guards a repository against objects crafted elsewhere and fetched; Synod fetches nothing and
 * names only objects its own agents and merges made (docs/security.md).
 */
public final class ObjectIds {
    private ObjectIds() {
    }

    /** The name of an object of {@code type} with {@code data} as its raw content. */
    public static ObjectId idFor(int type, byte[] data) {
        MessageDigest sha1 = header(type, data.length);
        sha1.update(data);
        return ObjectId.fromRaw(sha1.digest());
    }

    /**
     * The name of a blob of {@code length} bytes read from {@code in}, read in small chunks so
     * that a file of any size is hashed without being held in memory.
     *
     * @throws IOException when {@code in} ends before {@code length} bytes
     */
    public static ObjectId blobId(long length, InputStream in) throws IOException {
        MessageDigest sha1 = header(Constants.OBJ_BLOB, length);
        copy(length, in, sha1::update);
        return ObjectId.fromRaw(sha1.digest());
    }

    /** Where {@link #copy} hands each chunk it read. */
    @FunctionalInterface
    interface Chunks {
        void accept(byte[] buffer, int offset, int length) throws IOException;
    }

    /**
     * Reads exactly {@code length} bytes of {@code in} in chunks of 64 KiB, each handed to {@code to}
     * as it is read, so that content of any size passes without being held in memory.
     *
     * @throws IOException when {@code in} ends before {@code length} bytes
     */
    static void copy(long length, InputStream in, Chunks to) throws IOException {
        byte[] buffer = new byte[64 << 10];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("expected " + length + " bytes of content, found " + (length - left));
            }
            to.accept(buffer, 0, n);
            left -= n;
        }
    }

    /** The header git puts before an object's content, {@code "blob 123\0"}, which its name covers. */
    static byte[] headerBytes(int type, long length) {
        return (Constants.typeString(type) + " " + length + "\0").getBytes(StandardCharsets.US_ASCII);
    }

    /** A new SHA-1 digest of the JDK's, for the checksums of packs ({@link PackFiles}) and object ids. */
    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("expected the JDK to provide SHA-1, which every Java platform must", e);
        }
    }

    private static MessageDigest header(int type, long length) {
        MessageDigest sha1 = sha1();
        sha1.update(headerBytes(type, length));
        return sha1;
    }
}
