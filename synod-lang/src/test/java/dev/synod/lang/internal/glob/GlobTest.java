package dev.synod.lang.internal.glob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    private static void assertMatches(String glob, String... paths) {
        Glob compiled = Glob.compile(glob);
        for (String path : paths) {
            assertThat(compiled.matches(path)).as("%s matches %s", glob, path).isTrue();
        }
    }

    private static void assertRejects(String glob, String... paths) {
        Glob compiled = Glob.compile(glob);
        for (String path : paths) {
            assertThat(compiled.matches(path)).as("%s matches %s", glob, path).isFalse();
        }
    }

    @Test
    void star_stays_within_one_segment() {
        assertMatches("a/*", "a/x", "a/xyz", "a/.hidden");
        assertRejects("a/*", "a", "a/", "a/x/y", "b/x");
        assertMatches("*.java", "A.java", ".java");
        assertRejects("*.java", "src/A.java", "A.javax");
    }

    @Test
    void lone_star_never_matches_an_empty_segment() {
        assertRejects("*", "", "/", "a/");
        assertRejects("a/*/b", "a/b", "a//b");
        assertMatches("a*", "a");
        assertMatches("a/*/b", "a/x/b");
    }

    @Test
    void question_mark_matches_exactly_one_character_never_slash() {
        assertMatches("a/?", "a/b", "a/é", "a/😀");
        assertRejects("a/?", "a/bb", "a/", "a//", "a");
        assertRejects("a?b", "a/b");
    }

    @Test
    void globstar_matches_zero_or_more_whole_segments() {
        assertMatches("a/**", "a/x", "a/x/y");
        assertRejects("a/**", "a", "a/", "ab/x");
        assertMatches("**/b", "b", "x/b", "x/y/b");
        assertRejects("**/b", "xb", "b/x", "/b");
        assertMatches("a/**/b", "a/b", "a/x/b", "a/x/y/b");
        assertRejects("a/**/b", "ab", "a/xb", "a//b");
        assertMatches("**", "a", "a/b/c");
        assertRejects("**", "", "/", "a/", "a//b");
        assertMatches("**/**", "a", "a/b");
        assertMatches("a/**/**", "a/b", "a/b/c");
        assertRejects("a/**/**", "a");
    }

    @Test
    void double_star_inside_a_segment_is_a_single_star() {
        assertMatches("a**b", "ab", "axyb");
        assertRejects("a**b", "a/b", "ax/yb");
        assertMatches("***", "a");
        assertRejects("***", "a/b");
        assertMatches("**.java", "A.java");
        assertRejects("**.java", "a/A.java");
    }

    @Test
    void character_classes_match_one_character_of_the_class() {
        assertMatches("file[0-9].txt", "file0.txt", "file9.txt");
        assertRejects("file[0-9].txt", "filea.txt", "file10.txt", "file.txt");
        assertMatches("[abc]", "a", "c");
        assertRejects("[abc]", "d", "ab");
        assertMatches("[a-cx-z]", "b", "y");
        assertRejects("[a-cx-z]", "d", "w");
    }

    @Test
    void negated_classes_match_anything_else_except_slash() {
        assertMatches("a[!b]c", "aac", "a.c", "aéc");
        assertRejects("a[!b]c", "abc", "a/c", "ac");
        assertMatches("a[^b]c", "axc");
        assertRejects("a[^b]c", "abc", "a/c");
    }

    @Test
    void class_edge_characters_are_literal_where_posix_says_so() {
        assertMatches("[]a]", "]", "a");
        assertMatches("[!]]", "a");
        assertRejects("[!]]", "]");
        assertMatches("[-a]", "-", "a");
        assertMatches("[a-]", "-", "a");
        assertMatches("[\\]]", "]");
        assertMatches("[*?]", "*", "?");
        assertRejects("[*?]", "x");
    }

    @Test
    void backslash_escapes_the_next_character() {
        assertMatches("a\\*", "a*");
        assertRejects("a\\*", "ab", "a");
        assertMatches("\\[id\\].tsx", "[id].tsx");
        assertRejects("\\[id\\].tsx", "i.tsx");
        assertMatches("\\{a,b\\}", "{a,b}");
        assertMatches("a\\?", "a?");
        assertRejects("a\\?", "ab");
        assertMatches("\\\\", "\\");
        assertMatches("a\\/b", "a/b");
    }

    @Test
    void braces_are_a_union_of_expansions() {
        assertMatches("src/**/*.{java,kt}", "src/A.java", "src/x/B.kt");
        assertRejects("src/**/*.{java,kt}", "src/A.scala", "src/A.{java,kt}");
        assertMatches("{src,test}/**", "src/a", "test/a");
        assertRejects("{src,test}/**", "doc/a");
        assertMatches("{a/b,c}/d", "a/b/d", "c/d");
        assertMatches("a{,b}", "a", "ab");
        assertMatches("{a,{b,c}d}", "a", "bd", "cd");
        assertRejects("{a,{b,c}d}", "d", "b");
        assertMatches("a,b", "a,b");
    }

    @Test
    void braces_can_form_a_globstar_segment() {
        assertMatches("{*,x}*/b", "p/q/b", "b", "xy/b");
    }

    @ParameterizedTest
    @CsvSource({
        "./src/**, src/a",
        "src//a, src/a",
        "src/./a, src/a",
        "./././a, a",
        "a/, a/x",
        "a/, a/x/y",
        "./, a",
        "a//, a/b",
    })
    void patterns_are_normalized(String glob, String path) {
        assertMatches(glob, path);
    }

    @Test
    void trailing_slash_means_everything_below_but_not_the_directory() {
        assertRejects("a/", "a", "a/");
    }

    @Test
    void paths_are_not_normalized() {
        assertRejects("src/a", "./src/a", "src//a", "src/a/");
    }

    @Test
    void pattern_is_kept_verbatim_and_defines_equality() {
        Glob glob = Glob.compile("./src//**");
        assertThat(glob.pattern()).isEqualTo("./src//**");
        assertThat(glob).hasToString("./src//**").isEqualTo(Glob.compile("./src//**"));
        assertThat(glob).isNotEqualTo(Glob.compile("src/**"));
        assertThat(glob.hashCode()).isEqualTo(Glob.compile("./src//**").hashCode());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "src/[a      | at index 4: unclosed '[': expected ']' before the end of the pattern",
        "[!]         | at index 0: unclosed '['",
        "[a\\        | at index 0: unclosed '['",
        "a{b,c       | at index 1: unclosed '{': expected '}' before the end of the pattern",
        "a}          | at index 1: unmatched '}'",
        "a\\         | at index 1: dangling '\\': expected a character to escape",
        "x[z-a]      | at index 2: invalid range 'z-a' in '[...]': expected the lower bound first",
        "/src/**     | at index 0: leading '/': expected a path relative to the repository root",
        "a/../b      | at index 2: '..' segment",
        ".           | at index 0: expected a path glob, found only '.'",
        "a[/]        | at index 2: '/' in '[...]'",
        "a[.-0]      | at index 2: '/' in '[...]'",
        "{,a}        | at index 0: empty alternative",
    })
    void malformed_patterns_say_what_was_expected_and_where(String glob, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Glob.compile(glob))
                .withMessageStartingWith("invalid glob " + dev.synod.lang.Diagnostic.quote(glob) + " " + message);
    }

    @Test
    void empty_pattern_is_rejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Glob.compile(""))
                .withMessage("invalid glob \"\": expected a path glob, found an empty pattern");
    }

    @Test
    void brace_expansion_is_capped() {
        String glob = "{a,b}".repeat(11);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Glob.compile(glob))
                .withMessageContaining("expected braces to expand to at most 1024 patterns, found 2048");
        assertThat(Glob.compile("{a,b}".repeat(10)).matches("ab".repeat(5))).isTrue();
    }

    @Test
    void null_arguments_are_rejected() {
        assertThatNullPointerException().isThrownBy(() -> Glob.compile(null)).withMessage("pattern");
        assertThatNullPointerException().isThrownBy(() -> Glob.compile("a").matches(null)).withMessage("path");
    }

    @org.junit.jupiter.api.Test
    void a_glob_longer_than_any_path_is_refused_before_it_is_compiled() {
        String longest = "a/".repeat(511) + "b";
        org.assertj.core.api.Assertions.assertThat(Glob.compile(longest).matches(longest)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Glob.compile("a/".repeat(512) + "bc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid glob of 1026 characters: expected at most 1024");
    }

    @org.junit.jupiter.api.Test
    void braces_that_expand_past_the_size_bound_are_refused() {
        String wide = "{" + "x".repeat(45) + "," + "y".repeat(45) + "}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Glob.compile(wide.repeat(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too complex: expected braces to expand to at most 32768 characters in all, found 460800");
    }
}
