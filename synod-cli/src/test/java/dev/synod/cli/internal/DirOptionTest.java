package dev.synod.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.SynodException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the positional words of status, log, show, replay, resume and answer name a directory and a run. */
class DirOptionTest {
    @TempDir
    Path dir;

    @Test
    void an_existing_directory_is_the_run_directory_any_other_word_the_run_in_either_order() {
        DirOption option = new DirOption();

        assertThat(option.target(List.of(dir.toString()))).isEqualTo(new DirOption.Target(dir, Optional.empty()));
        assertThat(option.target(List.of("r1", dir.toString()))).isEqualTo(new DirOption.Target(dir, Optional.of("r1")));
        assertThat(option.target(List.of("r1"))).isEqualTo(new DirOption.Target(Path.of("."), Optional.of("r1")));
        assertThat(option.target(null)).isEqualTo(new DirOption.Target(Path.of("."), Optional.empty()));
    }

    @Test
    void two_directories_or_two_runs_are_refused_naming_both() throws Exception {
        DirOption option = new DirOption();
        option.dir = Files.createDirectories(dir.resolve("other"));

        assertThatThrownBy(() -> option.target(List.of(dir.toString()))).isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage("expected one run directory, found two: " + option.dir + " and " + dir + " (--dir)");
        assertThatThrownBy(() -> new DirOption().target(List.of("r1", "r2"))).isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageContaining("found the runs r1 and r2 (r2 is no directory here)");
    }
}
