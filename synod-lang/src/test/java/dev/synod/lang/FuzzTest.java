package dev.synod.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.lang.internal.parse.Token;
import dev.synod.lang.internal.parse.TokenKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Feeds the checker inputs no one would write, in the manner of Caffeine's specification
 * fuzzer: only diagnostics may come out. With a fixed seed, every run sees the same inputs:
 * token soup, files from a sloppy generator of the grammar, pathological shapes (deep nesting,
 * very long lines, huge numbers) and mutations of the golden corpus. For each, {@code check}
 * must return normally with well-formed diagnostics, and with any S001 only S001s. Together
 * the inputs must provoke every code, so the fuzzer cannot quietly stop reaching the checker.
 */
class FuzzTest {
    private static final long SEED = 0x5EED_2026_0001L;
    private static final int SOUP = 3_000;
    private static final int GENERATED = 3_500;
    private static final int MUTATIONS = 4_000;

    private static final Set<String> WARNINGS = Set.of("S031", "S052", "S056", "S061", "S062", "S063");

    private final SplittableRandom random = new SplittableRandom(SEED);
    private final List<String> failures = new ArrayList<>();
    private final Set<String> provoked = new TreeSet<>();
    private int checked;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void only_well_formed_diagnostics_come_out_of_any_input() {
        List<String> corpus = GoldenCorpusTest.corpusFiles().stream().map(FuzzTest::read).toList();
        Path directory = GoldenCorpusTest.corpusRoot().resolve("valid");
        for (int i = 0; i < SOUP; i++) {
            check(random.nextInt(4) == 0 ? soup(random.nextInt(1, 400)) : "synod 1 team t { " + soup(random.nextInt(1, 200)) + " }",
                    directory);
        }
        for (int i = 0; i < GENERATED; i++) {
            check(new SloppyGenerator(random).file(), directory);
        }
        for (int i = 0; i < MUTATIONS; i++) {
            String base = corpus.get(random.nextInt(corpus.size()));
            int times = random.nextInt(1, 5);
            for (int m = 0; m < times; m++) {
                base = mutate(base);
            }
            check(base, directory);
        }
        for (String input : pathological()) {
            check(input, directory);
        }
        assertThat(checked).isGreaterThanOrEqualTo(10_000);
        assertThat(failures).as("inputs that let something other than diagnostics out").isEmpty();
        // A fuzzer that no longer gets past the parser would pass while testing nothing.
        assertThat(provoked).as("codes the inputs provoked").containsAll(GoldenCorpusTest.CODES);
    }

    // ---- the oracle ----

    private void check(String text, Path directory) {
        checked++;
        SourceFile source = new SourceFile("fuzz.synod", text);
        CheckOptions options = switch (random.nextInt(3)) {
            case 0 -> CheckOptions.none();
            case 1 -> new CheckOptions(Optional.of(Set.of("default", "critic", "m")), Set.of("typecheck"), Optional.of(directory));
            default -> new CheckOptions(Optional.empty(), Set.of(), Optional.of(directory));
        };
        try {
            List<Diagnostic> diagnostics = Synod.check(source, options).diagnostics();
            diagnostics.forEach(d -> provoked.add(d.code()));
            List<String> problems = new ArrayList<>();
            boolean syntax = diagnostics.stream().anyMatch(d -> d.code().equals("S001"));
            for (Diagnostic d : diagnostics) {
                if (!GoldenCorpusTest.CODES.contains(d.code())) {
                    problems.add("unknown code " + d.code());
                }
                if (d.severity() != (WARNINGS.contains(d.code()) ? Severity.WARNING : Severity.ERROR)) {
                    problems.add(d.code() + " with severity " + d.severity());
                }
                if (d.span().line() < 1 || d.span().line() > source.lineCount()) {
                    problems.add(d.code() + " on line " + d.span().line() + " of " + source.lineCount());
                }
                if (d.span().column() < 1) {
                    problems.add(d.code() + " in column " + d.span().column());
                }
                if (d.message() == null || d.message().isBlank()) {
                    problems.add(d.code() + " without a message");
                }
                if (syntax && !d.code().equals("S001")) {
                    problems.add(d.code() + " next to an S001");
                }
            }
            if (!problems.isEmpty()) {
                fail(text, String.join("; ", problems) + " in " + diagnostics.stream().map(GoldenCorpusTest::describe).toList());
            }
        } catch (Throwable t) {
            // Anything thrown is a finding, errors such as StackOverflowError included.
            fail(text, t.toString() + " at " + Arrays.stream(t.getStackTrace()).limit(6).toList());
        }
    }

    private void fail(String input, String what) {
        if (failures.size() < 10) {
            String shown = input.length() > 2_000 ? input.substring(0, 2_000) + "… (" + input.length() + " chars)" : input;
            failures.add(what + "\n--- input ---\n" + shown + "\n-------------");
        }
    }

    // ---- token soup ----

    private static final String[] KEYWORDS = Arrays.stream(TokenKind.values()).filter(TokenKind::isKeyword)
            .map(TokenKind::keyword).toArray(String[]::new);
    private static final String[] NAMES = {"dev", "lead", "architect", "d", "e", "impl", "api", "plan", "q", "r", "core",
        "boss", "x", "a_1", "_", "compile", "test", "exists", "lint", "sh", "default", "critic", "typecheck"};
    private static final String[] PUNCTUATION = {"{", "}", "[", "]", ",", ":", ".", "->", "*", "-", "=>", ">"};
    private static final String[] STRINGS = {"\"src/**\"", "\"src/{d}/**\"", "\"docs/*.md\"", "\"a\\\"b\"", "\"\\\\\"",
        "\"\\n\"", "\"\"", "\"unterminated", "\"bad \\q escape\"", "\"{x}\"", "\"PROMPT.md\"", "\"../../etc/passwd\"",
        "\"with\u0000nul\"", "\"∑ unicode ✓\"", "\"a//b\""};
    private static final String[] GARBAGE = {";", "=", "!", "@", "#", "$", "%", "^", "&", "(", ")", "~", "`", "|", "?",
        "<", "+", "\\", "'", "\t", "\r", "\r\n", "\0", "\u00A0", "\uFEFF", "é", "Ω", "😀", "\uD800", "\uDC00", "\u202E",
        "\u2028", "A", "Team", "1e5", "0x1F", "-1", "/", "/*", "*/"};

    private String soup(int tokens) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < tokens; i++) {
            out.append(switch (random.nextInt(10)) {
                case 0, 1, 2 -> pick(KEYWORDS);
                case 3, 4 -> pick(NAMES);
                case 5 -> pick(PUNCTUATION);
                case 6 -> pick(STRINGS);
                case 7 -> number() + (random.nextBoolean() ? pick(new String[] {"s", "m", "h", "d", "ms", ""}) : "");
                case 8 -> garbage();
                default -> random.nextBoolean() ? "\n" : "// comment " + pick(KEYWORDS) + "\n";
            });
            out.append(random.nextInt(8) == 0 ? "" : " ");
        }
        return out.toString();
    }

    /** A troublesome character: from the list, or any UTF-16 code unit, lone surrogates included. */
    private String garbage() {
        return random.nextBoolean() ? pick(GARBAGE) : String.valueOf((char) random.nextInt(0x10000));
    }

    private String number() {
        return switch (random.nextInt(6)) {
            case 0 -> "0";
            case 1 -> "99999999999999999999";
            case 2 -> Integer.toString(Integer.MAX_VALUE);
            case 3 -> "1000000001";
            default -> Integer.toString(random.nextInt(1, 12));
        };
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }

    // ---- mutations of the corpus ----

    private String mutate(String text) {
        if (text.isEmpty()) {
            return soup(5);
        }
        List<Token> tokens = Synod.parse(new SourceFile("m", text)).tokens();
        Token t = tokens.get(random.nextInt(tokens.size()));
        Token u = tokens.get(random.nextInt(tokens.size()));
        int at = random.nextInt(text.length() + 1);
        return switch (random.nextInt(9)) {
            case 0 -> text.substring(0, t.span().start()) + text.substring(t.span().end());
            case 1 -> text.substring(0, t.span().end()) + " " + t.text() + text.substring(t.span().end());
            case 2 -> swap(text, t, u);
            case 3 -> text.substring(0, at);
            case 4 -> text.substring(0, at) + garbage() + text.substring(at);
            case 5 -> text.substring(0, at) + " " + pick(random.nextBoolean() ? KEYWORDS : PUNCTUATION) + " " + text.substring(at);
            case 6 -> lines(text, false);
            case 7 -> lines(text, true);
            default -> text.substring(0, t.span().start()) + number() + text.substring(t.span().end());
        };
    }

    private static String swap(String text, Token a, Token b) {
        if (a.span().start() > b.span().start()) {
            Token c = a;
            a = b;
            b = c;
        }
        if (a.span().end() > b.span().start()) {
            return text;
        }
        return text.substring(0, a.span().start()) + b.text() + text.substring(a.span().end(), b.span().start()) + a.text()
                + text.substring(b.span().end());
    }

    /** Deletes a line, or duplicates one and swaps two others. */
    private String lines(String text, boolean duplicate) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int i = random.nextInt(lines.size());
        if (!duplicate) {
            lines.remove(i);
        } else {
            lines.add(i, lines.get(i));
            int j = random.nextInt(lines.size());
            int k = random.nextInt(lines.size());
            String line = lines.get(j);
            lines.set(j, lines.get(k));
            lines.set(k, line);
        }
        return String.join("\n", lines);
    }

    // ---- shapes no generator stumbles on ----

    private static List<String> pathological() {
        List<String> out = new ArrayList<>();
        String head = "synod 1 team t { defaults within 1m role x model m role dev[3] model m, critic ";
        String leaf = " x -> human : a \"a/**\" gate exists ";
        for (int depth : new int[] {99, 100, 101, 300, 20_000}) {
            out.add(head + "par { ".repeat(depth) + leaf + "} ".repeat(depth) + "}");
            out.add(head + "par { ".repeat(depth));
            out.add(head + "for d in dev[*] { ".repeat(depth) + leaf.replace(": a", ": a[d]") + "} ".repeat(depth) + "}");
            out.add(head + "team n led by x { role x model m ".repeat(depth) + "} ".repeat(depth) + "}");
            out.add(head + "} ".repeat(depth));
            out.add("{ ".repeat(depth) + "[ ".repeat(depth));
        }
        out.add(head + "x -> human : a \"" + "a".repeat(300_000) + "\" gate exists }");
        out.add("synod 1 // " + "x".repeat(300_000));
        out.add("synod 1 team t { " + "role ".repeat(50_000) + "}");
        out.add("é".repeat(50_000));
        out.add(head + (leaf.replace(": a ", ": a_%d ") + "\n").repeat(2_000).formatted(rangeArgs(2_000)) + "}");
        out.add(head + "par { " + leaf.repeat(300) + "} }");
        out.add(head + "x -> human : a \"a/**\" gate exists within 1000000000h retry 2147483647 }");
        out.add(head + "deadline 999999999999h decide q among dev[*] by vote quorum 2147483647 tolerate 2147483647 byzantine }");
        out.add("synod 1 team t { role dev[2000000000] model m dev -> human : a \"a\" gate exists within 1m }");
        out.add("synod 1 team t { role dev[99999999999] model m for d in dev[*] { d -> human : a[d] \"{d}\" gate exists } }");
        out.add("synod 99999999999999999999 team t { }");
        out.add("");
        out.add("\n\n\n");
        out.add("synod 1 team t { prompt \"" + "../".repeat(5_000) + "\" }");
        out.add("synod 1 team t { prompt \"a\u0000b\" }");
        out.add("synod 1 team t { prompt \"/\" }");
        return out;
    }

    private static Object[] rangeArgs(int n) {
        Object[] args = new Object[n];
        for (int i = 0; i < n; i++) {
            args[i] = i;
        }
        return args;
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
