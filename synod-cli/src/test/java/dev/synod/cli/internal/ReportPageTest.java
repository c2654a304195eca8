package dev.synod.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The report's page shows text that looks like markup as text. */
class ReportPageTest {
    @Test
    void text_that_looks_like_markup_is_shown_as_text() {
        assertThat(ReportCommand.escape("<script>alert('x') & \"y\"</script>"))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
        assertThat(ReportCommand.escape("plain café")).isEqualTo("plain café");
    }
}
