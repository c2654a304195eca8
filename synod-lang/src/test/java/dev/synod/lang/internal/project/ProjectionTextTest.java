package dev.synod.lang.internal.project;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProjectionTextTest {

    @Test
    void branches_are_lettered_past_z() {
        assertThat(ProjectionText.letter(0)).isEqualTo("a");
        assertThat(ProjectionText.letter(25)).isEqualTo("z");
        assertThat(ProjectionText.letter(26)).isEqualTo("aa");
        assertThat(ProjectionText.letter(27)).isEqualTo("ab");
        assertThat(ProjectionText.letter(26 * 27)).isEqualTo("aaa");
    }

    @Test
    void strings_are_quoted_as_the_source_writes_them() {
        assertThat(ProjectionText.quote("a \"b\" \\ c\nd")).isEqualTo("\"a \\\"b\\\" \\\\ c\\nd\"");
    }
}
