package dev.synod.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lexer bounds every name (and every integer or duration) at 64 characters, so each message
 * that repeats a name repeats a few dozen characters at most, however long the file's words are.
 */
class NameLengthTest {
    private static List<Diagnostic> check(String team) {
        return Synod.check(new SourceFile("team.synod", team), CheckOptions.none()).diagnostics();
    }

    private static String roleNamed(String name) {
        return "synod 1\nteam t {\n  role " + name + " model m\n  " + name + " -> human : x \"x/**\"\n    gate exists\n    within 10m\n}\n";
    }

    @Test
    void a_5_mb_name_gets_exactly_one_s001_with_a_capped_excerpt() {
        String name = "a".repeat(5_000_000);

        List<Diagnostic> found = check("synod 1\nteam t {\n  role " + name + " model m\n}\n");

        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("S001");
            assertThat(d.span().line()).isEqualTo(3);
            assertThat(d.span().column()).isEqualTo(8);
            assertThat(d.message()).isEqualTo("expected a name of at most 64 characters, found \""
                    + "a".repeat(80) + "…\" (5000000 characters)");
        });
    }

    @Test
    void the_lexer_recovers_after_a_name_too_long_and_reports_what_follows() {
        String name = "b".repeat(100_000);

        List<Diagnostic> found = check("synod 1\nteam t {\n  role " + name + " model m\n  role Dev model m\n}\n");

        assertThat(found).extracting(Diagnostic::code).containsExactly("S001", "S001");
        assertThat(found.get(0).message()).startsWith("expected a name of at most 64 characters");
        assertThat(found.get(1).message()).contains("lower-case letters").endsWith("found 'Dev'");
        assertThat(found).allSatisfy(d -> assertThat(d.message()).hasSizeLessThan(200));
    }

    @Test
    void a_name_of_64_characters_is_fine_and_one_of_65_is_not() {
        assertThat(check(roleNamed("n".repeat(64)))).isEmpty();

        assertThat(check(roleNamed("n".repeat(65)))).isNotEmpty().allSatisfy(d -> {
            assertThat(d.code()).isEqualTo("S001");
            assertThat(d.message()).isEqualTo("expected a name of at most 64 characters, found \""
                    + "n".repeat(65) + "\"");
        });
    }

    @Test
    void a_5_mb_number_gets_one_s001_with_a_capped_excerpt() {
        String digits = "7".repeat(5_000_000);

        List<Diagnostic> found = check("synod 1\nteam t {\n  role a[" + digits + "] model m\n}\n");

        assertThat(found).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("S001");
            assertThat(d.message()).isEqualTo("expected an integer or a duration of at most 64 characters, found \""
                    + "7".repeat(80) + "…\" (5000000 characters)");
        });
    }

    @Test
    void an_upper_case_name_of_5_mb_is_reported_once_for_its_length() {
        String name = "Q".repeat(5_000_000);

        List<Diagnostic> found = check("synod 1\nteam t {\n  role " + name + " model m\n}\n");

        assertThat(found).singleElement().satisfies(d -> assertThat(d.message())
                .isEqualTo("expected a name of at most 64 characters, found \"" + "Q".repeat(80) + "…\" (5000000 characters)"));
    }

    @Test
    void braces_around_a_word_longer_than_a_name_are_plain_text_not_a_loop_variable() {
        // Were it a variable, its S010 would repeat all 900 characters; as {Dev} is, it is text.
        String glob = "src/{" + "v".repeat(900) + "}/**";

        List<Diagnostic> found = check("synod 1\nteam t {\n  role a model m\n  a -> human : x \"" + glob + "\"\n"
                + "    gate exists\n    within 10m\n}\n");

        assertThat(found).isEmpty();
        assertThat(check("synod 1\nteam t {\n  role a model m\n  a -> human : x \"src/{" + "v".repeat(64) + "}/**\"\n"
                + "    gate exists\n    within 10m\n}\n")).singleElement()
                .satisfies(d -> assertThat(d.message()).startsWith("unknown loop variable '" + "v".repeat(64) + "' in "));
    }

    @Test
    void a_role_path_of_a_million_names_is_one_s001_and_not_repeated_whole() {
        String path = "x." + "y.".repeat(1_000_000) + "z";

        List<Diagnostic> found = check("synod 1\nteam t {\n  role a model m\n  a -> " + path + " : x \"x/**\"\n"
                + "    gate exists\n    within 10m\n}\n");

        assertThat(found).singleElement().satisfies(d -> assertThat(d.message()).isEqualTo(
                "expected a role path of at most 101 names (teams nest at most 100 deep), found 1000002 names"));
    }
}
