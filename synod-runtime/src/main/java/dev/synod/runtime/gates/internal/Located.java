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

    /** A diagnostic without a place. */
    public static Located plain(String message) {
        return new Located(null, 0, 0, message);
    }

    /** {@code path:line:col: message}, {@code path:line: message} without a column, or the message alone. */
    public String format() {
        if (path == null) {
            return message;
        }
        StringBuilder out = new StringBuilder(path);
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        return out.append(": ").append(message).toString();
    }
}
