package dev.synod.runtime.gates.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The class path of {@code gates.compile.classpath} in {@code synod.yaml}: each entry a jar or a
 * directory of classes, relative to the tree checked or absolute, and may be a glob
 * ({@code lib/*.jar}, {@code libs/**}{@code /*.jar}), which stands for the matching files and
 * directories in sorted order. An entry that matches nothing adds nothing, as with javac.
 */
public final class ClasspathEntries {
    private ClasspathEntries() {
    }

    /** The entries resolved against {@code tree}, globs expanded. */
    public static List<Path> resolve(List<String> entries, Path tree) {
        List<Path> out = new ArrayList<>();
        for (String entry : entries) {
            out.addAll(expand(tree, entry));
        }
        return out;
    }

    /**
     * The absolute entries, globs expanded, each with its size and modification time: what the
     * compile gate's verdict depends on outside the tree. Relative entries are in the tree, whose
     * id is part of every verdict's key already.
     */
    public static List<String> describeAbsolute(List<String> entries) {
        List<String> out = new ArrayList<>();
        for (String entry : entries) {
            if (!Path.of(entry).isAbsolute()) {
                continue;
            }
            for (Path p : expand(Path.of("/"), entry)) {
                try {
                    out.add(p + "@" + Files.size(p) + "@" + Files.getLastModifiedTime(p).toMillis());
                } catch (IOException e) {
                    out.add(p + "@missing");
                }
            }
        }
        return out;
    }

    /**
     * The paths {@code entry} stands for, relative to {@code base} unless absolute. Only the entry
     * is read as a glob, from its first segment with a wildcard on, so that characters such as
     * '[' in the tree's own directory name are never taken for one.
     */
    private static List<Path> expand(Path base, String entry) {
        String text = entry.replace('\\', '/');
        int wildcard = firstWildcard(text);
        if (wildcard < 0) {
            return List.of(base.resolve(text).normalize());
        }
        int slash = text.lastIndexOf('/', wildcard);
        Path fixed = base.resolve(slash < 0 ? "" : slash == 0 ? "/" : text.substring(0, slash)).normalize();
        if (!Files.isDirectory(fixed)) {
            return List.of();
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + text.substring(slash + 1));
        try (Stream<Path> walk = Files.walk(fixed)) {
            return walk.filter(p -> !p.equals(fixed) && matcher.matches(fixed.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list the class path entries under " + fixed, e);
        }
    }

    private static int firstWildcard(String text) {
        for (int i = 0; i < text.length(); i++) {
            if ("*?[{".indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
