package dev.synod.runtime.gates;

import dev.synod.core.Gate;
import dev.synod.runtime.gates.internal.Located;
import dev.synod.runtime.gates.internal.SourceIndex;
import dev.synod.runtime.gates.internal.ToolOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diagnostics as they reach an agent (ARCHITECTURE.md §6): {@code path:line:col: message}
 * where the tool says where, with paths relative to the tree checked, each once, and capped.
 *
 * <p>The engine applies {@link #normalize(Gate.Verdict, Path)} to every gate's verdict, so a
 * gate may hand over raw tool output: javac's, Maven's, Checkstyle's, TypeScript's, the generic
 * {@code file:line: message}, and Java stack traces as JUnit prints them, which become one line
 * at the first frame whose source is in the tree (see {@link ToolOutput}). Normalizing twice
 * changes nothing.
 *
 * <p>The cap: at most {@value #MAX_DIAGNOSTICS} diagnostics and {@value #MAX_BYTES} bytes in
 * all, each at most {@value #MAX_CHARS} characters, followed by a last line saying how many were
 * cut ({@code … 37 more diagnostics cut}). The first diagnostics are kept: tools print the cause
 * before its consequences.
 */
public final class Diagnostics {
    /** At most this many diagnostics are kept, besides the note of what was cut. */
    public static final int MAX_DIAGNOSTICS = 50;
    /** At most this many bytes (UTF-8, one newline after each) are kept in all. */
    public static final int MAX_BYTES = 16 * 1024;
    /** A longer diagnostic is shortened to this many characters and a note of how many were cut. */
    public static final int MAX_CHARS = 1_000;

    private static final Pattern CUT_NOTE = Pattern.compile("… (\\d+) more diagnostics? cut");

    private Diagnostics() {
    }

    /** The verdict with its diagnostics normalized for the tree at {@code root}. */
    public static Gate.Verdict normalize(Gate.Verdict verdict, Path root) {
        return new Gate.Verdict(verdict.kind(), normalize(verdict.diagnostics(), root));
    }

    /**
     * Normalizes raw diagnostics of a check of the tree at {@code root}: each entry may hold
     * several lines of tool output; absolute paths inside {@code root} become relative.
     */
    public static List<String> normalize(List<String> raw, Path root) {
        if (raw.isEmpty()) {
            return List.of(); // a passing gate's usual answer: no path to resolve
        }
        List<String> prefixes = prefixes(root);
        List<String> lines = new ArrayList<>();
        for (String entry : raw) {
            for (String line : entry.split("\\R")) {
                for (String prefix : prefixes) {
                    line = line.replace(prefix, "");
                }
                lines.add(line);
            }
        }
        // The note of an earlier cap counts towards this one's, so that normalizing twice changes nothing.
        int alreadyCut = 0;
        for (var it = lines.listIterator(); it.hasNext(); ) {
            Matcher note = CUT_NOTE.matcher(it.next());
            if (note.matches()) {
                alreadyCut += Integer.parseInt(note.group(1));
                it.remove();
            }
        }
        SourceIndex sources = new SourceIndex(root);
        Set<String> unique = new LinkedHashSet<>();
        for (Located d : ToolOutput.parse(lines, sources::find)) {
            String path = d.path();
            while (path != null && path.startsWith("./")) {
                path = path.substring(2);
            }
            unique.add(shorten(new Located(path, d.line(), d.column(), d.message()).format()));
        }
        return cap(unique, alreadyCut);
    }

    /** The first diagnostics within the limits, and a note of how many more there were. */
    private static List<String> cap(Collection<String> diagnostics, int alreadyCut) {
        List<String> kept = new ArrayList<>();
        int bytes = 0;
        for (String d : diagnostics) {
            int size = d.getBytes(StandardCharsets.UTF_8).length + 1;
            if (kept.size() == MAX_DIAGNOSTICS || bytes + size > MAX_BYTES) {
                break;
            }
            kept.add(d);
            bytes += size;
        }
        int cut = diagnostics.size() - kept.size() + alreadyCut;
        if (cut > 0) {
            kept.add("… " + cut + " more diagnostic" + (cut == 1 ? "" : "s") + " cut");
        }
        return kept;
    }

    /**
     * The line cut to {@value #MAX_CHARS} characters note included, so that a shortened line is
     * not shortened again when normalized a second time.
     */
    private static String shorten(String line) {
        if (line.length() <= MAX_CHARS) {
            return line;
        }
        // The note is " … (N characters cut)", under 40 characters for any N a String can hold.
        int end = MAX_CHARS - 40;
        if (Character.isHighSurrogate(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(0, end) + " … (" + (line.length() - end) + " characters cut)";
    }

    /** How {@code root} may be spelled in tool output, each with a trailing separator. */
    private static List<String> prefixes(Path root) {
        Set<String> out = new LinkedHashSet<>();
        Path absolute = root.toAbsolutePath().normalize();
        out.add(absolute + "/");
        try {
            if (Files.exists(absolute)) {
                out.add(absolute.toRealPath() + "/");
            }
        } catch (java.io.IOException e) {
            // The spelling as given is enough when the real path cannot be read.
        }
        return List.copyOf(out);
    }
}
