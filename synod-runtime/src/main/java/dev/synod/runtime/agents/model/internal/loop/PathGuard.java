package dev.synod.runtime.agents.model.internal.loop;

import dev.synod.lang.WriteScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the tools' paths inside the workspace and their scopes (ARCHITECTURE.md §5): the runtime
 * enforces this, not the prompt. A path the model gives is relative to the workspace root;
 * absolute paths, {@code ..} and symbolic links that lead out are refused, as are reads outside
 * the readable areas and writes outside the write scope. A refusal is a message for the model,
 * never an exception.
 */
public final class PathGuard {
    /** A named part of what may be read, such as an input artifact and its globs. */
    public record Area(String label, List<String> globs) {
        public Area {
            globs = List.copyOf(globs);
        }

        String describe() {
            return label + " (" + String.join(", ", globs) + ")";
        }
    }

    /** The outcome of checking one path. */
    public sealed interface Checked {
        /** Allowed: {@code file} is where it really is, {@code path} the normalized path the model gave. */
        record Allowed(Path file, String path) implements Checked {
        }

        record Refused(String message) implements Checked {
        }
    }

    private final Path root;
    private final List<Area> readable;
    private final WriteScope readScope;
    private final WriteScope writeScope;

    /**
     * @param workspace the directory the tools work in
     * @param readable  what may be read besides the write scope
     * @param write     the globs that may be written
     */
    public PathGuard(Path workspace, List<Area> readable, List<String> write) throws IOException {
        this.root = workspace.toRealPath();
        List<Area> areas = new ArrayList<>(readable);
        if (!write.isEmpty()) {
            areas.add(new Area("your write scope", write));
        }
        this.readable = List.copyOf(areas);
        this.readScope = WriteScope.of(areas.stream().flatMap(a -> a.globs().stream()).toList());
        this.writeScope = WriteScope.of(write);
    }

    /** The workspace's real root. */
    public Path root() {
        return root;
    }

    /** Whether a normalized path lies in what may be read. */
    public boolean readable(String path) {
        return readScope.contains(path);
    }

    /** What may be read, for messages and instructions. */
    public String describeReadable() {
        if (readable.isEmpty()) {
            return "nothing";
        }
        return String.join(", ", readable.stream().map(Area::describe).toList());
    }

    /** A file the model wants to read. */
    public Checked forRead(String raw) {
        return check(raw, false, "read", readScope,
                "you may read only " + describeReadable());
    }

    /** A file the model wants to write, edit or delete. */
    public Checked forWrite(String raw) {
        return check(raw, false, "change", writeScope, writeScope.globs().isEmpty()
                ? "you may not change any file in this task"
                : "outside your write scope (" + String.join(", ", writeScope.globs()) + ")");
    }

    /** A directory the model wants listed; empty means the root. Only the path rules apply. */
    public Checked forList(String raw) {
        return check(raw, true, "list", null, "");
    }

    private Checked check(String raw, boolean mayBeRoot, String verb, WriteScope scope, String why) {
        String given = raw == null ? "" : raw;
        if (given.indexOf('\0') >= 0) {
            return refused("the path " + quote(given) + " holds a NUL character");
        }
        if (given.startsWith("/") || given.startsWith("\\") || given.startsWith("~") || given.matches("^[A-Za-z]:.*")) {
            return refused(quote(given) + " is an absolute path; paths are relative to the workspace root, such as \"src/Main.java\"");
        }
        List<String> segments = new ArrayList<>();
        for (String segment : given.split("/")) {
            if (segment.equals("..")) {
                return refused(quote(given) + " climbs out with \"..\"; paths are relative to the workspace root and stay inside it");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        String path = String.join("/", segments);
        if (path.isEmpty() && !mayBeRoot) {
            return refused("expected a file path relative to the workspace root, such as \"src/Main.java\", found "
                    + quote(given));
        }
        Path current = root;
        for (String segment : segments) {
            current = current.resolve(segment);
            if (Files.isSymbolicLink(current)) {
                String link = root.relativize(current).toString().replace('\\', '/');
                Path real;
                try {
                    real = current.toRealPath();
                } catch (IOException e) {
                    return refused(quote(given) + " passes through the symbolic link " + quote(link) + ", which leads nowhere");
                }
                if (!real.startsWith(root)) {
                    return refused(quote(given) + " leads outside the workspace through the symbolic link " + quote(link));
                }
                current = real;
            }
        }
        String real = root.relativize(current).toString().replace('\\', '/');
        if (scope != null && (!scope.contains(path) || !scope.contains(real))) {
            return refused("may not " + verb + " " + quote(path) + ": " + why);
        }
        return new Checked.Allowed(current, path);
    }

    private static Checked refused(String message) {
        return new Checked.Refused(message);
    }

    static String quote(String path) {
        return "\"" + Caps.abbreviate(path, 200) + "\"";
    }
}
