package dev.synod.runtime.gates.internal;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diagnostics as agents receive them (ARCHITECTURE.md §6): locations normalized to
 * {@code path:line:col: message} with the path relative to the tree, the tree's absolute path
 * removed everywhere (every check runs in a different scratch directory, and the verdict must
 * not depend on which), and the list capped in count and line length.
 */
public final class Diagnostics {
    /** At most this many diagnostics, and this many characters in one. */
    public static final int MAX_LINES = 100;
    public static final int MAX_LENGTH = 400;

    /** {@code path:line: message} or {@code path:line:col: message}, as compilers, linters and grep -n print them. */
    private static final Pattern LOCATED = Pattern.compile("([^\\s:][^:]*):([0-9]+):(?:([0-9]+):)?\\s?(.*)");

    private Diagnostics() {
    }

    /**
     * The lines of a command's output as diagnostics: a line that starts with a location of a
     * file in {@code tree} becomes {@code path:line:col: message} (column 1 when none was given);
     * other lines stay as they are. Blank lines are dropped.
     */
    public static List<String> fromOutput(Path tree, String output) {
        String prefix = tree.toString() + "/";
        List<String> out = new ArrayList<>();
        for (String raw : output.split("\\R")) {
            String line = raw.replace(prefix, "").stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            out.add(located(tree, line));
        }
        return out;
    }

    private static String located(Path tree, String line) {
        Matcher m = LOCATED.matcher(line);
        if (!m.matches()) {
            return line;
        }
        String path = m.group(1).startsWith("./") ? m.group(1).substring(2) : m.group(1);
        Path file;
        try {
            file = tree.resolve(path).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return line;
        }
        if (!file.startsWith(tree) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return line;
        }
        String column = m.group(3) == null || m.group(3).equals("0") ? "1" : m.group(3);
        String lineNumber = m.group(2).equals("0") ? "1" : m.group(2);
        return at(tree.relativize(file).toString(), Long.parseLong(lineNumber), Long.parseLong(column), m.group(4).strip());
    }

    /** {@code path:line:col: message}. */
    public static String at(String path, long line, long column, String message) {
        return path + ":" + Math.max(line, 1) + ":" + Math.max(column, 1) + ": " + (message.isBlank() ? "(no message)" : message);
    }

    /** At most {@link #MAX_LINES} diagnostics of at most {@link #MAX_LENGTH} characters, saying what was cut. */
    public static List<String> capped(List<String> diagnostics) {
        List<String> out = new ArrayList<>();
        for (String d : diagnostics.subList(0, Math.min(diagnostics.size(), MAX_LINES))) {
            out.add(d.length() <= MAX_LENGTH ? d : d.substring(0, MAX_LENGTH) + " … (" + (d.length() - MAX_LENGTH)
                    + " more characters)");
        }
        if (diagnostics.size() > MAX_LINES) {
            out.add("… " + (diagnostics.size() - MAX_LINES) + " more lines cut");
        }
        return out;
    }
}
