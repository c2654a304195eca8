package dev.synod.lang.internal.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.lang.ParseResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormatterTest {

    @ParameterizedTest
    @ValueSource(strings = {"bank", "messy"})
    void formats_golden_files(String name) {
        String input = resource(name + ".synod");

        String formatted = format(input);

        assertThat(formatted).isEqualTo(resource(name + ".formatted.synod"));
        assertThat(format(formatted)).isEqualTo(formatted);
    }

    @Test
    void rejects_files_with_syntax_errors() {
        ParseResult parsed = parse("synod 1\nteam t {\n  role a model\n}\n");

        assertThatThrownBy(() -> Synod.format(parsed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("S001");
    }

    @Test
    void adds_a_missing_header() {
        assertThat(format("// first\nteam t { role a model m }"))
                .isEqualTo("synod 1\n\n// first\nteam t {\n  role a model m\n}\n");
    }

    @Test
    void moves_a_clause_comment_with_its_clause() {
        String input = """
                synod 1
                team t {
                  a -> b : x "x/**"
                    // why freeze
                    freeze  // frozen
                    gate exists
                }
                """;

        assertThat(format(input)).isEqualTo("""
                synod 1

                team t {
                  a -> b : x "x/**"
                    gate exists
                    // why freeze
                    freeze  // frozen
                }
                """);
    }

    @Test
    void keeps_comments_before_a_closing_brace_inside_the_block() {
        String input = "synod 1 team t { par { a -> b : x \"g\"\n// still in par\n} // after par\n}";

        assertThat(format(input)).isEqualTo("""
                synod 1

                team t {
                  par {
                    a -> b : x "g"
                    // still in par
                  }  // after par
                }
                """);
    }

    @Test
    void keeps_one_trailing_comment_per_line_and_lifts_the_others() {
        String input = "synod 1\nteam t {\n  role a  // one\n    model m  // two\n}\n";

        assertThat(format(input)).isEqualTo("synod 1\n\nteam t {\n  // one\n  role a model m  // two\n}\n");
    }

    @Test
    void keeps_a_blank_line_within_a_group_and_separates_groups_and_statements() {
        String input = "synod 1\nteam t {\n  role a model m\n\n\n  role b model m\n  role c model m\n"
                + "  question q \"?\"\n  a -> b : x \"x\"\n  b -> c : y \"y\"\n}\n";

        assertThat(format(input)).isEqualTo("""
                synod 1

                team t {
                  role a model m

                  role b model m
                  role c model m

                  question q "?"

                  a -> b : x "x"

                  b -> c : y "y"
                }
                """);
    }

    @Test
    void strips_trailing_white_space_from_comments_and_normalises_numbers() {
        String input = "synod 1\nteam t { //   \t\n  a -> b : x \"x\" within 015m retry 007\n}\n";

        assertThat(format(input)).isEqualTo("synod 1\n\nteam t {  //\n  a -> b : x \"x\"\n    within 15m\n    retry 7\n}\n");
    }

    private static String format(String text) {
        return Synod.format(parse(text));
    }

    private static ParseResult parse(String text) {
        return Synod.parse(new SourceFile("test.synod", text));
    }

    private static String resource(String name) {
        try (InputStream in = FormatterTest.class.getResourceAsStream("/format/" + name)) {
            assertThat(in).as("test resource /format/%s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
