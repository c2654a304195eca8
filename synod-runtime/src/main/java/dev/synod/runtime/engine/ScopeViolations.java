package dev.synod.runtime.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The diagnostics of an attempt's changes that it was not allowed to make. */
final class ScopeViolations {
    private ScopeViolations() {
    }

    /**
     * The line that opens an attempt's scope violations, such as {@code attempt 1 by dev changed
     * 2 files outside its write scope (src/**):}; the lines of {@link #describe} follow it.
     */
    static String heading(int attempt, String role, List<String> globs, int files) {
        return "attempt " + attempt + " by " + role + " changed " + files + (files == 1 ? " file" : " files")
                + " outside its write scope (" + String.join(", ", globs) + "):";
    }

    /**
     * One {@code path:1:1: …} line per offending path, saying whether the attempt added, changed or
     * deleted it; a deletion and an addition with the same content are one rename.
     *
     * @param paths  the offending paths
     * @param before the files the attempt started from
     * @param after  the files it committed
     */
    static List<String> describe(List<String> paths, Map<String, byte[]> before, Map<String, byte[]> after, String why) {
        List<String> out = new ArrayList<>();
        List<String> added = paths.stream().filter(p -> !before.containsKey(p) && after.containsKey(p)).toList();
        List<String> renamedTo = new ArrayList<>();
        for (String path : paths) {
            if (before.containsKey(path) && after.containsKey(path)) {
                out.add(path + ":1:1: " + why + " (changed)");
            } else if (before.containsKey(path)) {
                String target = added.stream().filter(a -> !renamedTo.contains(a)
                        && Arrays.equals(after.get(a), before.get(path))).findFirst().orElse(null);
                if (target != null) {
                    renamedTo.add(target);
                    out.add(path + ":1:1: " + why + " (renamed to " + target + ")");
                } else {
                    out.add(path + ":1:1: " + why + " (deleted)");
                }
            }
        }
        for (String path : added) {
            if (!renamedTo.contains(path)) {
                out.add(path + ":1:1: " + why + " (added)");
            } else {
                out.add(path + ":1:1: " + why + " (the new name of a renamed file)");
            }
        }
        return out;
    }

    /** The first line (1-based) that opens a conflict marker, or 0 when there is none. */
    static int conflictMarkerLine(byte[] content) {
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("<<<<<<< ")) {
                return i + 1;
            }
        }
        return 0;
    }
}
