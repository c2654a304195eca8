package dev.synod.lang;

import dev.synod.lang.internal.parse.Comment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One case of the golden corpus: a {@code .synod} file whose comments say which diagnostics
 * the checker must report, and with which configuration.
 *
 * <p>The format, in the manner of jlox's {@code test/} tree:
 * <ul>
 *   <li>An end-of-line comment that starts with {@code error[CODE]} or {@code warning[CODE]}
 *       lists the diagnostics expected on its own line, several allowed:
 *       {@code // error[S040] error[S041]}. Each may carry {@code @COL} (the 1-based column must
 *       match; without it the column is not compared) and a quoted fragment that the message
 *       must contain, with {@code \"} for a quote: {@code // error[S042]@31 "overlaps \"src/**\""}.</li>
 *   <li>A comment on a line of its own that starts with {@code ^} points at the line above, for
 *       lines that cannot hold a comment (an unterminated string swallows the rest of its line):
 *       {@code // ^ error[S001] "close the string"}.</li>
 *   <li>A comment that starts with {@code [eof]} points at the end of the file, which lies on the
 *       line after the last line break.</li>
 *   <li>Comments before the first token may hold directives:
 *       {@code // config: models=default,critic gates=typecheck} simulates a {@code synod.yaml}
 *       beside the file (without it there is none, so S012 is skipped).</li>
 * </ul>
 * Expectations are compared exactly, as a multiset: every expected diagnostic must be reported
 * and nothing else may be, so a diagnostic reported twice on one line needs two expectations.
 * The {@code prompt} file is resolved against the directory of the {@code .synod} file.
 */
record GoldenFile(Path path, String text, CheckOptions options, List<Expected> expected) {

    /** One diagnostic the file expects. */
    record Expected(int line, Severity severity, String code, OptionalInt column, Optional<String> fragment) {

        boolean matches(Diagnostic d) {
            return d.span().line() == line && d.severity() == severity && d.code().equals(code)
                    && (column.isEmpty() || column.getAsInt() == d.span().column())
                    && (fragment.isEmpty() || d.message().contains(fragment.get()));
        }

        /** How specific the expectation is: the more constrained ones are matched first. */
        int constraints() {
            return (column.isPresent() ? 1 : 0) + (fragment.isPresent() ? 1 : 0);
        }

        @Override
        public String toString() {
            return line + (column.isPresent() ? ":" + column.getAsInt() : "") + " " + severity.word() + "[" + code + "]"
                    + fragment.map(f -> " \"" + f + "\"").orElse("");
        }
    }

    private static final Pattern EXPECTATION = Pattern.compile(
            "(error|warning)\\[(S\\d{3})\\](?:@(\\d+))?(?:\\s+\"((?:[^\"\\\\]|\\\\.)*)\")?");
    private static final Pattern EXPECTATION_LIST = Pattern.compile(
            "(\\^|\\[eof\\])?\\s*((?:" + EXPECTATION.pattern() + "\\s*)+)$");

    static GoldenFile read(Path path) {
        try {
            return of(path, Files.readString(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A case whose text comes from elsewhere; {@code path} only places it (its directory holds the prompt files). */
    static GoldenFile of(Path path, String text) {
        SourceFile source = new SourceFile(path.toString(), text);
        ParseResult parsed = Synod.parse(source);
        int firstToken = parsed.tokens().get(0).span().start();
        Optional<Set<String>> models = Optional.empty();
        Set<String> gates = Set.of();
        List<Expected> expected = new ArrayList<>();
        for (Comment comment : parsed.comments()) {
            String body = comment.text().substring(2).strip();
            if (comment.span().start() < firstToken) {
                if (body.startsWith("config:")) {
                    for (String setting : body.substring("config:".length()).strip().split("\\s+")) {
                        String[] kv = setting.split("=", 2);
                        Set<String> values = kv.length < 2 || kv[1].isEmpty() ? Set.of()
                                : new LinkedHashSet<>(Arrays.asList(kv[1].split(",")));
                        switch (kv[0]) {
                            case "models" -> models = Optional.of(values);
                            case "gates" -> gates = values;
                            default -> throw new IllegalArgumentException(path + ": unknown config setting " + setting);
                        }
                    }
                }
            }
            expected.addAll(expectations(path, source, comment.span().line(), body));
        }
        CheckOptions options = new CheckOptions(models, gates, Optional.of(path.toAbsolutePath().getParent()));
        return new GoldenFile(path, text, options, List.copyOf(expected));
    }

    private static List<Expected> expectations(Path path, SourceFile source, int line, String body) {
        Matcher list = EXPECTATION_LIST.matcher(body);
        if (!list.matches()) {
            if (EXPECTATION.matcher(body).find()) {
                throw new IllegalArgumentException(path + ":" + line + ": malformed expectation comment: // " + body);
            }
            return List.of();
        }
        int target = line;
        if ("^".equals(list.group(1))) {
            target = line - 1;
        } else if ("[eof]".equals(list.group(1))) {
            target = source.lineOf(source.text().length());
        }
        List<Expected> out = new ArrayList<>();
        Matcher each = EXPECTATION.matcher(list.group(2));
        while (each.find()) {
            out.add(new Expected(target, each.group(1).equals("error") ? Severity.ERROR : Severity.WARNING, each.group(2),
                    each.group(3) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(each.group(3))),
                    Optional.ofNullable(each.group(4)).map(f -> f.replaceAll("\\\\(.)", "$1"))));
        }
        return out;
    }

    SourceFile source() {
        return new SourceFile(path.getFileName().toString(), text);
    }

    /** The codes this file expects. */
    Set<String> expectedCodes() {
        Set<String> codes = new LinkedHashSet<>();
        expected.forEach(e -> codes.add(e.code()));
        return codes;
    }
}
