package dev.synod.runtime.agents.model.internal.loop;

/** Bounds on what the model is shown, with a note of what was cut so it knows. */
public final class Caps {
    private Caps() {
    }

    /**
     * {@code text} if it has at most {@code max} characters, else its first {@code max}
     * characters and a note saying how much was left out.
     */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int keep = Math.max(0, max);
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + "\n[cut: " + (text.length() - keep) + " of " + text.length()
                + " characters left out; the output limit is " + max + " characters]";
    }

    /** The first {@code max} characters of {@code text} on one line, with an ellipsis when longer. */
    public static String abbreviate(String text, int max) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() <= max ? line : line.substring(0, max) + "…";
    }
}
