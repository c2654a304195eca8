package dev.synod.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.lang.ast.StringLit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How much of the user's text a diagnostic repeats: at most 80 characters, once, and how long it was. */
class DiagnosticQuoteTest {
    private static List<Diagnostic> check(String team) {
        return Synod.check(new SourceFile("team.synod", team), CheckOptions.none()).diagnostics();
    }

    private static String team(String scope, String gate) {
        return "synod 1\nteam t {\n  role a model m\n  a -> human : x \"" + scope + "\"\n    gate exists \"" + gate + "\"\n}\n";
    }

    @Test
    void short_text_is_quoted_whole_with_its_escapes() {
        assertThat(Diagnostic.quote("src/**")).isEqualTo("\"src/**\"");
        assertThat(Diagnostic.quote("a\"b\\c\nd")).isEqualTo("\"a\\\"b\\\\c\\nd\"");
        assertThat(Diagnostic.quote("x".repeat(80))).isEqualTo("\"" + "x".repeat(80) + "\"");
    }

    @Test
    void a_message_quotes_a_string_as_the_formatter_writes_it() {
        String text = "a\"b\\c\nd\re";

        assertThat(Diagnostic.quote(text)).isEqualTo(new StringLit(text, Span.NONE).quoted()).isEqualTo("\"a\\\"b\\\\c\\nd\\re\"");
    }

    @Test
    void long_text_is_cut_to_80_characters_and_says_how_long_it_was() {
        assertThat(Diagnostic.quote("x".repeat(5_000_000))).isEqualTo("\"" + "x".repeat(80) + "…\" (5000000 characters)");
        assertThat(Diagnostic.quote("y".repeat(81))).isEqualTo("\"" + "y".repeat(80) + "…\" (81 characters)");
        // Never half a character: a pair cut at the 80th character is left out whole.
        String emoji = "x".repeat(79) + "\uD83D\uDE00" + "z";
        assertThat(Diagnostic.quote(emoji)).isEqualTo("\"" + "x".repeat(79) + "…\" (82 characters)");
    }

    @Test
    void a_malformed_glob_of_5_mb_costs_its_s001_a_few_hundred_characters() {
        String glob = "src/[" + "x".repeat(5_000_000);

        List<Diagnostic> found = check(team(glob, glob));

        assertThat(found).hasSize(2).allSatisfy(d -> {
            assertThat(d.code()).isEqualTo("S001");
            assertThat(d.message()).startsWith("expected a path glob: ").hasSizeLessThan(300);
        });
    }

    @Test
    void a_malformed_glob_is_quoted_once_and_cut() {
        String glob = "src/[" + "x".repeat(1_000);

        List<Diagnostic> found = check(team(glob, "**"));

        assertThat(found).singleElement().satisfies(d -> assertThat(d.message()).isEqualTo("expected a path glob: "
                + "invalid glob \"src/[" + "x".repeat(75) + "…\" (1005 characters) at index 4: unclosed '[': expected ']' "
                + "before the end of the pattern"));
    }

    @Test
    void a_long_string_where_a_name_belongs_is_cut_too() {
        String text = "m".repeat(100_000);

        List<Diagnostic> found = check("synod 1\nteam t {\n  role a model \"" + text + "\"\n}\n");

        assertThat(found).isNotEmpty().allSatisfy(d -> assertThat(d.message()).hasSizeLessThan(300)
                .doesNotContain("m".repeat(81)));
    }
}
