package dev.synod.lang.internal.glob;

/** PLACEHOLDER: replaced by the exact glob automaton on the glob branch. */
public final class Glob {
    final String pattern;

    private Glob(String pattern) {
        this.pattern = pattern;
    }

    public static Glob compile(String pattern) {
        return new Glob(pattern);
    }

    public String pattern() {
        return pattern;
    }
}
