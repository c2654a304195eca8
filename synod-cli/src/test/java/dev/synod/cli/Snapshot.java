package dev.synod.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Every entry under a directory with what it holds: a file's size and SHA-256, a directory as
 * such. Two snapshots are equal when nothing was created, deleted or changed in between.
 */
final class Snapshot {
    private Snapshot() {
    }

    /** The entries under {@code dir}, by path relative to it. */
    static Map<String, String> of(Path dir) {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                String name = dir.relativize(p).toString();
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    entries.put(name + "/", "directory");
                } else {
                    byte[] bytes = Files.readAllBytes(p);
                    entries.put(name, bytes.length + " bytes, SHA-256 " + HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(bytes)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return entries;
    }
}
