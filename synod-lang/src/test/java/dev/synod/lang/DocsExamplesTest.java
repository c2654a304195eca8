package dev.synod.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Keeps the examples of the user reference ({@code docs/language.md}) true. Every
 * {@code ```synod} block is a complete file, checked like a golden file: the diagnostics
 * its comments mark, and nothing else. A plain {@code ```} block right after it shows what
 * {@code synod check} prints; it must match the checker line for line, with {@code …}
 * standing for any text. Prompt files resolve against {@code golden/valid/}, which has a
 * {@code PROMPT.md}.
 */
class DocsExamplesTest {

    /** A {@code ```synod} block, where it starts in the document, and the output block after it. */
    record Example(int line, String text, Optional<List<String>> output) {
    }

    static Path document() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docs/language.md"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("docs/language.md in a directory above " + Path.of("").toAbsolutePath()).isNotNull();
        return dir.resolve("docs/language.md");
    }

    static List<Example> examples() {
        List<String> lines;
        try {
            lines = Files.readAllLines(document());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Example> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).equals("```synod")) {
                continue;
            }
            int start = i + 1;
            int end = start;
            while (!lines.get(end).equals("```")) {
                end++;
            }
            String text = String.join("\n", lines.subList(start, end)) + "\n";
            int next = end + 1;
            while (next < lines.size() && lines.get(next).isBlank()) {
                next++;
            }
            Optional<List<String>> output = Optional.empty();
            if (next < lines.size() && lines.get(next).equals("```")) {
                int close = next + 1;
                while (!lines.get(close).equals("```")) {
                    close++;
                }
                output = Optional.of(List.copyOf(lines.subList(next + 1, close)));
                end = close;
            }
            out.add(new Example(start + 1, text, output));
            i = end;
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> every_example_reports_what_its_comments_mark() {
        Path placed = GoldenCorpusTest.corpusRoot().resolve("valid/team.synod");
        return examples().stream().map(e -> DynamicTest.dynamicTest("docs/language.md:" + e.line(),
                () -> GoldenCorpusTest.check(GoldenFile.of(placed, e.text()))));
    }

    @TestFactory
    Stream<DynamicTest> every_printed_output_is_what_the_checker_prints() {
        Path placed = GoldenCorpusTest.corpusRoot().resolve("valid/team.synod");
        return examples().stream().filter(e -> e.output().isPresent()).map(e -> DynamicTest.dynamicTest(
                "docs/language.md:" + e.line(), () -> {
                    GoldenFile golden = GoldenFile.of(placed, e.text());
                    List<String> printed = Synod.check(golden.source(), golden.options()).diagnostics().stream()
                            .map(d -> "team.synod:" + d.span().line() + ":" + d.span().column() + ": " + d.severity().word()
                                    + "[" + d.code() + "]: " + d.message())
                            .toList();
                    List<String> documented = e.output().get();
                    assertThat(printed).as("the checker's output for the example at line " + e.line())
                            .hasSameSizeAs(documented);
                    for (int i = 0; i < printed.size(); i++) {
                        assertThat(printed.get(i)).matches(wildcard(documented.get(i)));
                    }
                }));
    }

    /** The documented line as a pattern: literal text, with '…' standing for anything. */
    private static Pattern wildcard(String documented) {
        return Pattern.compile(Stream.of(documented.split("…", -1)).map(Pattern::quote).collect(Collectors.joining(".*")));
    }
}
