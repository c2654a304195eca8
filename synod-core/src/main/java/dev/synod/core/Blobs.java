package dev.synod.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The hashes that name blobs in a {@link BlobStore}: lower-case hex SHA-256. */
public final class Blobs {
    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

    private Blobs() {
    }

    /** The lower-case hex SHA-256 of {@code content}. */
    public static String hash(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256, so this is a broken runtime.
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /**
     * {@code hash} itself when it is a well-formed blob hash.
     *
     * @throws SynodException.InvalidInput otherwise, with the value found
     */
    public static String requireHash(String hash) {
        if (hash == null || !HASH.matcher(hash).matches()) {
            throw new SynodException.InvalidInput("expected a blob hash of 64 lower-case hex digits, found "
                    + (hash == null ? "null" : "\"" + hash + "\""));
        }
        return hash;
    }
}
