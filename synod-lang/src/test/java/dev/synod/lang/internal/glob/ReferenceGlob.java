package dev.synod.lang.internal.glob;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An independent reference for glob matching: a direct translation into {@link Pattern}, written
 * from the specification rather than from the automaton. It covers the syntax the properties
 * generate: literals, {@code \} escapes, {@code ?}, {@code *}, whole-segment {@code **} and
 * classes, without braces (tested as unions) or normalization (tested by example).
 */
final class ReferenceGlob {
    private static final String SEGMENT = "[^/]+";

    private ReferenceGlob() {
    }

    static Pattern regex(String glob) {
        List<String> segments = List.of(glob.split("/", -1));
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            boolean last = i == segments.size() - 1;
            String segment = segments.get(i);
            if (segment.equals("**")) {
                // Not last: zero or more segments, each with its '/'. Last: one or more segments,
                // since the '/' before it (if any) has already been written.
                regex.append(last ? SEGMENT + "(?:/" + SEGMENT + ")*" : "(?:" + SEGMENT + "/)*");
            } else {
                regex.append(segment(segment));
                if (!last) {
                    regex.append('/');
                }
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static String segment(String segment) {
        List<String> parts = new ArrayList<>();
        boolean onlyStars = true;
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            switch (c) {
                case '*' -> parts.add("[^/]*");
                case '?' -> {
                    parts.add("[^/]");
                    onlyStars = false;
                }
                case '\\' -> {
                    parts.add(Pattern.quote(String.valueOf(segment.charAt(++i))));
                    onlyStars = false;
                }
                case '[' -> {
                    int close = segment.indexOf(']', i + 2);
                    String body = segment.substring(i + 1, close);
                    boolean negated = body.startsWith("!") || body.startsWith("^");
                    // Generated classes hold only plain letters and ranges, valid regex as they are.
                    String members = negated ? body.substring(1) : body;
                    parts.add(negated ? "[^/" + members + "]" : "[" + members + "]");
                    i = close;
                    onlyStars = false;
                }
                default -> {
                    parts.add(Pattern.quote(String.valueOf(c)));
                    onlyStars = false;
                }
            }
        }
        // A segment is never empty, so a segment of stars alone needs at least one character.
        return onlyStars ? SEGMENT : String.join("", parts);
    }
}
