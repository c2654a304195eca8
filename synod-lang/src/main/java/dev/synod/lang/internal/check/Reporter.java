package dev.synod.lang.internal.check;

import dev.synod.lang.Diagnostic;
import dev.synod.lang.Severity;
import dev.synod.lang.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects diagnostics once each. A statement inside a {@code for} is checked once per replica;
 * a finding that is the same mistake in the source for every replica passes a key (such as the
 * reference's text) so it is reported once, with the first replica's message.
 */
final class Reporter {
    private record Key(String code, Span span, String key) {
    }

    private final Map<Key, Diagnostic> seen = new LinkedHashMap<>();

    void error(String code, Span span, String message) {
        add(new Diagnostic(code, Severity.ERROR, span, message), message);
    }

    void warning(String code, Span span, String message) {
        add(new Diagnostic(code, Severity.WARNING, span, message), message);
    }

    /** An error reported once per {@code (code, span, key)}, whatever the replica. */
    void errorOnce(String code, Span span, String key, String message) {
        add(new Diagnostic(code, Severity.ERROR, span, message), key);
    }

    /** A warning reported once per {@code (code, span, key)}, whatever the replica. */
    void warningOnce(String code, Span span, String key, String message) {
        add(new Diagnostic(code, Severity.WARNING, span, message), key);
    }

    private void add(Diagnostic d, String key) {
        seen.putIfAbsent(new Key(d.code(), d.span(), key), d);
    }

    List<Diagnostic> diagnostics() {
        return new ArrayList<>(seen.values());
    }
}
