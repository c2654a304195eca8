package dev.synod.runtime.gates.internal;

/**
 * One diagnostic: where it points, when known, and what it says.
 *
 * @param path    the file, relative to the tree checked, or null when the diagnostic has no place
 * @param line    the line, from 1; 0 when unknown
 * @param column  the column, from 1; 0 when unknown
 * @param message the text after the place
 */
public record Located(String path, int line, int column, String message) {

    /**
     * {@code path:line:col: message} for a tool that reports numbers of its own, such as a
     * compiler API: a line or column below 1 (unknown, as javac's {@code NOPOS}) becomes 1, and an
     * empty message says so.
     */
    public static String at(String path, long line, long column, String message) {
        return new Located(path, Math.clamp(line, 1, Integer.MAX_VALUE), Math.clamp(column, 1, Integer.MAX_VALUE),
                message.isBlank() ? "(no message)" : message).format();
    }

    /** A diagnostic without a place. */
    public static Located plain(String message) {
        return new Located(null, 0, 0, message);
    }

    /**
     * {@code path:line:col: message} (ARCHITECTURE.md §6), with column 1 for a tool that reports
     * only a line; {@code path: message} without a line, or the message alone without a path.
     */
    public String format() {
        if (path == null) {
            return message;
        }
        StringBuilder out = new StringBuilder(path);
        if (line > 0) {
            out.append(':').append(line).append(':').append(Math.max(1, column));
        }
        return out.append(": ").append(message).toString();
    }
}
