package dev.synod.lang.internal.glob;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobOverlapTest {

    private static Optional<String> witness(String a, String b) {
        Optional<String> forward = GlobOverlap.witness(Glob.compile(a), Glob.compile(b));
        Optional<String> backward = GlobOverlap.witness(Glob.compile(b), Glob.compile(a));
        assertThat(backward.isPresent()).as("symmetry of %s and %s", a, b).isEqualTo(forward.isPresent());
        forward.ifPresent(w -> assertThat(Glob.compile(a).matches(w) && Glob.compile(b).matches(w))
                .as("witness %s matches %s and %s", w, a, b)
                .isTrue());
        return forward;
    }

    @ParameterizedTest(name = "{0} and {1} both match {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // The cases of the brief.
        "src/**                 | src/a/**              | src/a/x",
        "a/*                    | a/**                  | a/x",
        "**                     | a                     | a",
        "*.java                 | **/*.java             | x.java",
        "src/*/x                | src/a/*               | src/a/x",
        "a/b*                   | a/*c                  | a/bc",
        // Globstar in the middle, leading and trailing.
        "a/**/b                 | a/b                   | a/b",
        "a/**/b                 | a/*/*/b               | a/x/x/b",
        "**/b                   | b                     | b",
        "**/b                   | x/*                   | x/b",
        "**/test/**             | src/**                | src/test/x",
        "**/**                  | a                     | a",
        "**                     | **                    | x",
        // Stars that may be empty, and the readable preference.
        "a*                     | a                     | a",
        "*a*                    | a                     | a",
        "*.java                 | *.java                | x.java",
        "docs/                  | **/*.md               | docs/x.md",
        "*a*                    | *b*                   | ba",
        "src/**/*.{java,kt}     | **/*Test.kt           | src/Test.kt",
        "*Test.java             | Foo*.java             | FooTest.java",
        "test_*.py              | *_spec.py             | test_spec.py",
        "a**b                   | axyb                  | axyb",
        // Classes, negation, escapes, braces, trailing slash, non-ASCII.
        "[a-c]                  | [c-e]                 | c",
        "[^ab]                  | ?                     | x",
        "[!x]                   | ?                     | y",
        "file[0-9].txt          | file?.txt             | file0.txt",
        "a\\*                   | a?                    | a*",
        "\\[id\\].tsx           | *.tsx                 | [id].tsx",
        "src/**/*.{java,kt}     | src/**/*.kt           | src/x.kt",
        "{a,b}/**               | b/c                   | b/c",
        "a/                     | a/x                   | a/x",
        "./src/**               | src/a                 | src/a",
        "é*                     | *                     | é",
    })
    void overlapping_globs_have_a_readable_witness(String a, String b, String expected) {
        assertThat(witness(a, b)).contains(expected);
        assertThat(GlobOverlap.overlap(Glob.compile(a), Glob.compile(b))).isTrue();
    }

    @ParameterizedTest(name = "{0} and {1} are disjoint")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "a/**                       | a",
        "a/?                        | a/bb",
        "src/main/java/bank/api/**  | src/main/java/bank/core/**",
        "src/**                     | test/**",
        // Empty-segment traps: none of these may meet at a path like a//b or a/.
        "*                          | */*",
        "a/*/b                      | a/b",
        "a/*                        | a",
        "a/**/*                     | a",
        "*/**                       | a",
        "a/**/b                     | a/**/c",
        "*a                         | a/a",
        // Classes, escapes, braces, unequal lengths.
        "[!a]                       | a",
        "[a-c]                      | [d-f]",
        "a\\*                       | ab",
        "{a,b}/**                   | c/**",
        "src/**/*.{java,kt}         | src/**/*.scala",
        "a?                         | a",
        "??                         | ???",
        "a**b                       | a/b",
        "x/a*                       | x/b*",
        "*.java                     | *.kt",
    })
    void disjoint_globs_have_no_witness(String a, String b) {
        assertThat(witness(a, b)).isEmpty();
        assertThat(GlobOverlap.overlap(Glob.compile(a), Glob.compile(b))).isFalse();
        assertThat(GlobOverlap.overlap(Glob.compile(b), Glob.compile(a))).isFalse();
    }

    @Test
    void witness_is_a_shortest_common_path_when_no_preference_applies() {
        assertThat(GlobOverlap.shortest(Glob.compile("*.java"), Glob.compile("**/*.java"))).contains(".java");
        assertThat(witness("*/*/*", "**/a/**")).hasValueSatisfying(w -> assertThat(w.split("/")).hasSize(3));
        assertThat(witness("a/**/b/**/c", "**/c/**/b/**")).hasValueSatisfying(w -> assertThat(w).hasSize(7));
    }

    @Test
    void witness_never_has_an_empty_segment() {
        String[] globs = {"*", "**", "a/**", "**/b", "a/**/b", "*/*", "a*/*b", "**/**/**"};
        for (String a : globs) {
            for (String b : globs) {
                witness(a, b).ifPresent(w -> assertThat(w)
                        .as("witness of %s and %s", a, b)
                        .doesNotStartWith("/").doesNotEndWith("/").doesNotContain("//").isNotEmpty());
            }
        }
    }

    @Test
    void a_class_that_excludes_every_character_overlaps_nothing() {
        // Negating everything but '/' leaves an empty class, which matches no path.
        Glob nothing = Glob.compile("[!\u0000-.0-\uDBFF\uDFFF]");
        assertThat(GlobOverlap.overlap(nothing, Glob.compile("**"))).isFalse();
        assertThat(GlobOverlap.witness(nothing, nothing)).isEmpty();
    }

    @Test
    void surrogate_range_class_yields_a_non_surrogate_witness() {
        Glob emoji = Glob.compile("[\uD83D\uDE00-\uD83D\uDE4F]");
        assertThat(GlobOverlap.witness(emoji, Glob.compile("?"))).contains("\uD83D\uDE00");
    }

    @Test
    void brace_alternatives_are_merged_so_the_product_stays_small() {
        // 1024 expansions, each its own chain before merging; the merged automaton is linear.
        Glob braces = Glob.compile("*{a,b}".repeat(9) + "/{c,d}/**");
        assertThat(braces.automaton().stateCount()).isLessThanOrEqualTo(30);
        assertThat(GlobOverlap.witness(braces, braces)).contains("aaaaaaaaa/c/x");
        assertThat(GlobOverlap.witness(braces, Glob.compile("*/e/**"))).isEmpty();
    }

    @Test
    void typical_write_scopes_overlap_as_expected() {
        // Speed is measured in synod-bench, not asserted here; this pins the answers for the
        // kind of scopes real teams write.
        assertThat(GlobOverlap.witness(Glob.compile("src/main/java/bank/api/**"), Glob.compile("src/**/*.{java,kt}")))
                .contains("src/main/java/bank/api/x.kt");
        assertThat(GlobOverlap.overlap(Glob.compile("src/main/java/bank/api/**"), Glob.compile("src/main/java/bank/core/**")))
                .isFalse();
        assertThat(GlobOverlap.overlap(Glob.compile("docs/**"), Glob.compile("**/*.md"))).isTrue();
        assertThat(GlobOverlap.overlap(Glob.compile("build.gradle"), Glob.compile("**/*.md"))).isFalse();
        assertThat(GlobOverlap.witness(Glob.compile("src/test/java/**/*Test.java"), Glob.compile("src/**/*.{java,kt}")))
                .contains("src/test/java/Test.java");
        assertThat(GlobOverlap.overlap(Glob.compile("src/main/resources/db/migration/V*__*.sql"), Glob.compile("src/**/*.{java,kt}")))
                .isFalse();
    }
}
