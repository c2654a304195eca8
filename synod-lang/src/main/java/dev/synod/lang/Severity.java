package dev.synod.lang;

import java.util.Locale;

/** How serious a diagnostic is. */
public enum Severity {
    ERROR,
    WARNING;

    /** The lower-case word used in text and JSON output. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
