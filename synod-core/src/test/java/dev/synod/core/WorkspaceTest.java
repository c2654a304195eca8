package dev.synod.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link Workspace} SPI itself; what implementations must do is in the testkit's WorkspaceContract. */
class WorkspaceTest {
    @Test
    void commit_attempt_has_no_default_that_could_ignore_the_size_limit() throws Exception {
        // A default that only delegates to commitDirectory would let an implementation forget the
        // limit and keep a 3 GiB file: every implementation must decide for itself.
        assertThat(Workspace.class.getMethod("commitAttempt", Path.class, List.class, String.class, long.class)
                .isDefault()).isFalse();
    }
}
