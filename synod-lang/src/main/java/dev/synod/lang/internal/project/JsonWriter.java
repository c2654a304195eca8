package dev.synod.lang.internal.project;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer: objects and arrays with one member or element per line and
 * two-space indentation, strings escaped so that any Java string (lone surrogates included)
 * comes out as valid JSON. Misuse, such as a value in an object without a name, is an
 * {@link IllegalStateException}.
 */
final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** An open object or array: whether it has a member yet. */
    private static final class Frame {
        final boolean object;
        boolean empty = true;

        Frame(boolean object) {
            this.object = object;
        }
    }

    private final StringBuilder out = new StringBuilder();
    private final Deque<Frame> open = new ArrayDeque<>();
    private boolean afterName;

    JsonWriter beginObject() {
        return begin(true);
    }

    JsonWriter endObject() {
        return end(true);
    }

    JsonWriter beginArray() {
        return begin(false);
    }

    JsonWriter endArray() {
        return end(false);
    }

    /** The name of the next member of the current object. */
    JsonWriter name(String name) {
        Frame frame = open.peek();
        if (frame == null || !frame.object || afterName) {
            throw new IllegalStateException("a name belongs in an object, before its value: \"" + name + "\"");
        }
        separate(frame);
        quote(name, out);
        out.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String value) {
        beforeValue();
        quote(value, out);
        return this;
    }

    JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** The document, once every object and array is closed. */
    String finish() {
        if (!open.isEmpty() || afterName || out.isEmpty()) {
            throw new IllegalStateException("the JSON document is not complete: " + open.size() + " open");
        }
        return out.append('\n').toString();
    }

    private JsonWriter begin(boolean object) {
        beforeValue();
        out.append(object ? '{' : '[');
        open.push(new Frame(object));
        return this;
    }

    private JsonWriter end(boolean object) {
        Frame frame = open.peek();
        if (frame == null || frame.object != object || afterName) {
            throw new IllegalStateException("no open " + (object ? "object" : "array") + " to close here");
        }
        open.pop();
        if (!frame.empty) {
            newline();
        }
        out.append(object ? '}' : ']');
        return this;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        Frame frame = open.peek();
        if (frame == null) {
            if (!out.isEmpty()) {
                throw new IllegalStateException("a JSON document has one top-level value");
            }
            return;
        }
        if (frame.object) {
            throw new IllegalStateException("a value in an object needs a name first");
        }
        separate(frame);
    }

    private void separate(Frame frame) {
        if (!frame.empty) {
            out.append(',');
        }
        frame.empty = false;
        newline();
    }

    private void newline() {
        out.append('\n').append("  ".repeat(open.size()));
    }

    /** Appends {@code s} as a JSON string (RFC 8259 §7). */
    static void quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        out.append(c).append(s.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == '\u2028' || c == '\u2029') {
                        // Control characters must be escaped; a lone surrogate is not text, and the two
                        // line separators break JavaScript that embeds the document.
                        out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                                .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
