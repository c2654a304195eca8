package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workdirs: a late release that fails is not lost. */
class WorkdirsTest {
    @TempDir
    Path root;

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue();
    }

    @Test
    void a_scratch_directory_that_cannot_be_deleted_after_a_late_release_is_raised_by_the_next_acquire()
            throws Exception {
        Workdirs workdirs = new Workdirs(root);
        workdirs.acquire("dev", "c1");
        Workdirs.Lease scratch = workdirs.acquire("dev", "c2");
        assertThat(scratch.scratch()).isTrue();
        Files.createDirectories(scratch.dir());
        // A mount point cannot be removed (EBUSY), even by root: a deletion that fails for real.
        boolean mounted;
        try {
            mounted = run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", scratch.dir().toString()) == 0;
        } catch (IOException e) {
            mounted = false;
        }
        assumeThat(mounted).as("a tmpfs could be mounted (needs root)").isTrue();
        try {
            Files.writeString(scratch.dir().resolve("late.txt"), "written after the timeout\n");
            CompletableFuture<Void> running = new CompletableFuture<>();
            workdirs.releaseWhenDone(scratch, running);

            running.complete(null);
            Throwable thrown = catchThrowable(() -> workdirs.acquire("qa", "c3"));

            assertThat(thrown).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("could not remove the scratch directory " + scratch.dir());
            // Raised once: the next acquire goes on.
            assertThat(workdirs.acquire("qa", "c4").dir()).isEqualTo(root.resolve("qa"));
        } finally {
            assertThat(run("umount", scratch.dir().toString())).isZero();
        }
    }
}
