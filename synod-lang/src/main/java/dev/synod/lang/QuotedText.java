package dev.synod.lang;

/**
 * The one place that decides how much of the user's text a diagnostic repeats (see
 * {@link Diagnostic#quote}): a message is read by a person or an agent, and a file can hold a
 * string of megabytes.
 */
final class QuotedText {
    /** At most this many characters of the text itself appear in a message. */
    static final int MAX_CHARS = 80;

    private QuotedText() {
    }

    static String of(String text, char quote) {
        int end = text.length();
        if (end > MAX_CHARS) {
            end = MAX_CHARS;
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // never half a character
            }
        }
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c == quote) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        if (end < text.length()) {
            return out.append('…').append(quote).append(" (").append(text.length()).append(" characters)").toString();
        }
        return out.append(quote).toString();
    }
}
