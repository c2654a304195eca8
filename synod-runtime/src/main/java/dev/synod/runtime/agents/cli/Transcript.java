package dev.synod.runtime.agents.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a CLI agent printed, in the order it arrived, bounded: the first {@link #HEAD_CHARS}
 * characters and the last {@link #TAIL_CHARS} are kept, the lines between are counted and left
 * out. Lines on standard error are marked with {@code "! "}. The values of the variables passed
 * to the agent (its keys) are replaced as lines arrive, so no copy of the transcript holds them;
 * a reader that cuts a long line into pieces asks {@link #cutPoint} where, so that no key is cut
 * in two halves that neither match.
 * Thread-safe: the two output streams are read by two threads.
 */
final class Transcript {
    static final int HEAD_CHARS = 64 * 1024;
    static final int TAIL_CHARS = 64 * 1024;
    /** How many of the last lines of each stream are kept apart, for summaries, failures and verdicts. */
    private static final int LAST_LINES = 200;
    /** Values shorter than this are not secrets worth hiding, and hiding them would garble the output. */
    static final int MIN_SECRET_LENGTH = 8;

    private final Map<String, String> secrets;
    private final List<String> head = new ArrayList<>();
    private final Deque<String> tail = new ArrayDeque<>();
    private final Deque<String> lastStdout = new ArrayDeque<>();
    private final Deque<String> lastStderr = new ArrayDeque<>();
    private long headChars;
    private long tailChars;
    private long omitted;
    private long lines;

    /** @param secrets variable name to value, replaced wherever the value appears */
    Transcript(Map<String, String> secrets) {
        this.secrets = Map.copyOf(secrets);
    }

    /** Adds one line of output, from standard error when {@code error}. */
    synchronized void add(String line, boolean error) {
        String clean = redact(line);
        lines++;
        Deque<String> last = error ? lastStderr : lastStdout;
        last.addLast(clean);
        if (last.size() > LAST_LINES) {
            last.removeFirst();
        }
        keep(error ? "! " + clean : clean);
    }

    /** Adds a line of Synod's own about the run, such as why it was stopped. */
    synchronized void note(String text) {
        keep("[synod] " + redact(text));
    }

    private void keep(String line) {
        if (tail.isEmpty() && headChars + line.length() <= HEAD_CHARS) {
            head.add(line);
            headChars += line.length() + 1;
            return;
        }
        tail.addLast(line);
        tailChars += line.length() + 1;
        while (tailChars > TAIL_CHARS && tail.size() > 1) {
            tailChars -= tail.removeFirst().length() + 1;
            omitted++;
        }
    }

    /**
     * How many characters past a cut a reader must hold back before cutting: one less than the
     * longest key, so that every key that begins before the cut has arrived whole.
     */
    int reach() {
        return secrets.values().stream().filter(v -> v.length() >= MIN_SECRET_LENGTH).mapToInt(String::length).max()
                .orElse(1) - 1;
    }

    /**
     * Where to cut {@code line}, which holds at least {@code at + reach()} characters: at {@code at},
     * or earlier where a key spans {@code at}, so that the key goes whole into the next piece. A cut
     * that no place before {@code at} allows (keys overlapping all the way back to the start) stays at
     * {@code at}: then every piece is all keys, redacted as far as they match.
     */
    int cutPoint(StringBuilder line, int at) {
        int cut = at;
        boolean moved = true;
        while (moved && cut > 0) {
            moved = false;
            for (String value : secrets.values()) {
                if (value.length() < MIN_SECRET_LENGTH) {
                    continue;
                }
                int start = line.indexOf(value, Math.max(0, cut - value.length() + 1));
                if (start >= 0 && start < cut) {
                    cut = start;
                    moved = true;
                }
            }
        }
        return cut == 0 ? at : cut;
    }

    private String redact(String line) {
        String out = line;
        for (var secret : secrets.entrySet()) {
            if (secret.getValue().length() >= MIN_SECRET_LENGTH) {
                out = out.replace(secret.getValue(), "[" + secret.getKey() + " left out]");
            }
        }
        return out;
    }

    /** All that was kept, with a line saying how many lines were left out in the middle. */
    synchronized String text() {
        StringBuilder out = new StringBuilder();
        head.forEach(l -> out.append(l).append('\n'));
        if (omitted > 0) {
            out.append("[synod] ").append(omitted).append(" lines left out\n");
        }
        tail.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    /** The number of lines the program printed. */
    synchronized long lines() {
        return lines;
    }

    /**
     * The last lines of standard output (or of standard error, when {@code error}), at most
     * {@code maxChars} of them. The two streams are apart because their order across each other
     * is only as good as the moment each reader thread saw its chunk.
     */
    synchronized String tail(boolean error, int maxLines, int maxChars) {
        return last(new ArrayList<>(error ? lastStderr : lastStdout), maxLines, maxChars);
    }

    /**
     * The last line of standard output that says something: not blank, and not the fence of a
     * Markdown code block (models like to wrap a JSON answer in one).
     */
    synchronized Optional<String> lastStdoutLine() {
        var it = lastStdout.descendingIterator();
        while (it.hasNext()) {
            String line = it.next().strip();
            if (!line.isEmpty() && !line.startsWith("```")) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    private static String last(List<String> all, int maxLines, int maxChars) {
        List<String> picked = new ArrayList<>();
        int chars = 0;
        for (int i = all.size() - 1; i >= 0 && picked.size() < maxLines; i--) {
            String line = all.get(i);
            if (picked.isEmpty() && line.isBlank()) {
                continue;
            }
            if (chars + line.length() > maxChars) {
                if (picked.isEmpty()) {
                    picked.add("…" + line.substring(line.length() - Math.max(0, maxChars - 1)));
                }
                break;
            }
            picked.add(line);
            chars += line.length() + 1;
        }
        java.util.Collections.reverse(picked);
        return String.join("\n", picked);
    }
}
