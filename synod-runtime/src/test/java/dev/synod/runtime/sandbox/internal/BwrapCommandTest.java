package dev.synod.runtime.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BwrapCommandTest {
    @Test
    void probe_passes_where_bubblewrap_works() throws Exception {
        assertThat(BwrapCommand.probe(BwrapCommand.program(), System.getenv())).isEmpty();
    }

    @Test
    void probe_names_the_fix_when_bubblewrap_is_missing() throws Exception {
        assertThat(BwrapCommand.probe("/nonexistent/bwrap", Map.of())).hasValueSatisfying(message -> assertThat(message)
                .contains("bubblewrap is not installed", "apt-get install bubblewrap", "sandbox: none")
                .doesNotContain("\n"));
    }
}
