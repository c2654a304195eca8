package dev.synod.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.synod.lang.internal.glob.Glob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every {@code .synod} file of {@code src/test/resources/golden} through the checker and
 * compares what it reports with what the file's comments expect (see {@link GoldenFile} for the
 * format). Files are grouped by the code they are about: {@code s042/} holds cases that must
 * report S042 and, named {@code ok_*}, near misses that must not; {@code valid/} holds files
 * without any diagnostic.
 */
class GoldenCorpusTest {

    /** Every code of the table in LANGUAGE.md §6. */
    static final List<String> CODES = List.of("S001", "S002", "S010", "S011", "S012", "S013", "S014", "S020", "S030",
            "S031", "S040", "S041", "S042", "S043", "S044", "S045", "S050", "S051", "S052", "S053", "S054", "S055", "S056",
            "S057", "S060", "S061", "S062", "S063");

    static Path corpusRoot() {
        try {
            return Path.of(GoldenCorpusTest.class.getResource("/golden").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every golden file, in a stable order. */
    static List<Path> corpusFiles() {
        try (Stream<Path> walk = Files.walk(corpusRoot())) {
            return walk.filter(p -> p.toString().endsWith(".synod")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> every_golden_file_reports_exactly_its_expected_diagnostics() {
        Path root = corpusRoot();
        return corpusFiles().stream().map(path -> DynamicTest.dynamicTest(root.relativize(path).toString(), path.toUri(),
                () -> check(GoldenFile.read(path))));
    }

    /** Fails, listing expected and actual diagnostics, unless the checker reports exactly what the file expects. */
    static void check(GoldenFile golden) {
        List<Diagnostic> actual = Synod.check(golden.source(), golden.options()).diagnostics();
        List<Diagnostic> unexpected = new ArrayList<>(actual);
        List<GoldenFile.Expected> missing = new ArrayList<>();
        List<GoldenFile.Expected> mostSpecificFirst = golden.expected().stream()
                .sorted(Comparator.comparingInt(GoldenFile.Expected::constraints).reversed()).toList();
        for (GoldenFile.Expected e : mostSpecificFirst) {
            Diagnostic match = unexpected.stream().filter(e::matches).findFirst().orElse(null);
            if (match == null) {
                missing.add(e);
            } else {
                unexpected.remove(match);
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            fail(report(golden, actual, missing, unexpected));
        }
    }

    private static String report(GoldenFile golden, List<Diagnostic> actual, List<GoldenFile.Expected> missing,
                                 List<Diagnostic> unexpected) {
        StringBuilder out = new StringBuilder(golden.path().getFileName().toString())
                .append(": the checker's diagnostics differ from the expectations\n");
        section(out, "expected", golden.expected().stream().sorted(Comparator.comparingInt(GoldenFile.Expected::line))
                .map(GoldenFile.Expected::toString).toList());
        section(out, "actual", actual.stream().map(GoldenCorpusTest::describe).toList());
        section(out, "missing (expected, not reported)", missing.stream().map(GoldenFile.Expected::toString).toList());
        section(out, "unexpected (reported, not expected)", unexpected.stream().map(GoldenCorpusTest::describe).toList());
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<String> lines) {
        out.append("  ").append(title).append(":").append(lines.isEmpty() ? " none\n" : "\n");
        lines.forEach(l -> out.append("    ").append(l).append('\n'));
    }

    static String describe(Diagnostic d) {
        return d.span().line() + ":" + d.span().column() + " " + d.severity().word() + "[" + d.code() + "] " + d.message();
    }

    @Test
    void every_code_has_a_triggering_file_and_a_near_miss() {
        List<String> problems = new ArrayList<>();
        for (String code : CODES) {
            Path dir = corpusRoot().resolve(code.toLowerCase(Locale.ROOT));
            List<GoldenFile> files = corpusFiles().stream().filter(p -> p.getParent().equals(dir))
                    .map(GoldenFile::read).toList();
            boolean triggers = files.stream().anyMatch(f -> f.expectedCodes().contains(code));
            boolean nearMiss = files.stream().anyMatch(f -> !f.expectedCodes().contains(code));
            if (!triggers) {
                problems.add(code + ": no file in " + dir.getFileName() + "/ expects it");
            }
            if (!nearMiss) {
                problems.add(code + ": no near-miss (ok_*) file in " + dir.getFileName() + "/");
            }
        }
        assertThat(problems).as("corpus coverage").isEmpty();
    }

    @Test
    void file_names_say_whether_the_code_of_their_directory_is_expected() {
        List<String> misnamed = new ArrayList<>();
        for (Path path : corpusFiles()) {
            String dir = path.getParent().getFileName().toString();
            String name = path.getFileName().toString();
            GoldenFile golden = GoldenFile.read(path);
            if (dir.equals("valid")) {
                if (!golden.expected().isEmpty()) {
                    misnamed.add("valid/" + name + " expects " + golden.expectedCodes());
                }
                continue;
            }
            String code = dir.toUpperCase(Locale.ROOT);
            if (!CODES.contains(code)) {
                misnamed.add(dir + "/ is not named after a code");
                continue;
            }
            boolean expects = golden.expectedCodes().contains(code);
            if (name.startsWith("ok_") == expects) {
                misnamed.add(dir + "/" + name + (expects ? " is a near miss (ok_) but expects " : " does not expect ") + code);
            }
        }
        assertThat(misnamed).as("files whose name and expectations disagree").isEmpty();
    }
}
