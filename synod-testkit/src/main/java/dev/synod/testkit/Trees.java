package dev.synod.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Files of directories as the contracts write, compare and describe them. */
final class Trees {
    private Trees() {
    }

    /** Writes each file (path relative to {@code dir}, '/'-separated) with its text. */
    static void write(Path dir, Map<String, String> files) {
        try {
            for (var file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets or clears the executable bits of {@code file} (owner, group and others, as git does). */
    static void executable(Path file, boolean executable) {
        try {
            Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(file));
            Set<PosixFilePermission> bits = EnumSet.of(PosixFilePermission.OWNER_EXECUTE,
                    PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
            if (executable) {
                permissions.addAll(bits);
            } else {
                permissions.removeAll(bits);
            }
            Files.setPosixFilePermissions(file, permissions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the owner may execute {@code file}, whoever runs the test (root included). */
    static boolean isExecutable(Path file) {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The regular files under {@code dir} (links not followed), path to described content. */
    static Map<String, String> files(Path dir) {
        Map<String, String> out = new TreeMap<>();
        for (Path p : walk(dir)) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                out.put(relative(dir, p), describe(read(p)));
            }
        }
        return out;
    }

    /** The paths of the executable regular files under {@code dir}. */
    static Set<String> executables(Path dir) {
        Set<String> out = new TreeSet<>();
        for (Path p : walk(dir)) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && isExecutable(p)) {
                out.add(relative(dir, p));
            }
        }
        return out;
    }

    /**
     * Everything under {@code dir} except what is under {@code skip} (null to skip nothing):
     * directories, links with their targets, and files with their content and executable bit,
     * so that two snapshots differ exactly when something was added, removed or changed.
     */
    static Map<String, String> snapshot(Path dir, Path skip) {
        Map<String, String> out = new TreeMap<>();
        try {
            for (Path p : walk(dir)) {
                if (p.equals(dir) || skip != null && p.startsWith(skip) && !p.equals(skip)) {
                    continue;
                }
                String what;
                if (Files.isSymbolicLink(p)) {
                    what = "link to " + Files.readSymbolicLink(p);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    what = "directory";
                } else {
                    what = (isExecutable(p) ? "executable " : "file ") + describe(read(p));
                }
                out.put(relative(dir, p), what);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** File contents described for comparison and messages, as {@link #describe(byte[])}. */
    static Map<String, String> described(Map<String, byte[]> files) {
        Map<String, String> out = new TreeMap<>();
        files.forEach((path, content) -> out.put(path, describe(content)));
        return out;
    }

    /** The content as text when it is UTF-8, else its SHA-256, so equal descriptions mean equal bytes. */
    static String describe(byte[] content) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            try {
                return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("every JDK has SHA-256", impossible);
            }
        }
    }

    private static List<Path> walk(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path dir, Path p) {
        return dir.relativize(p).toString().replace('\\', '/');
    }
}
