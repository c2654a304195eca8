package dev.synod.runtime.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sandbox: none}: no isolation, but the same scrubbed environment and limits, and a warning on every run. */
class SandboxNoneTest {
    @TempDir
    Path work;

    private final List<String> warnings = new ArrayList<>();

    private Sandbox sandbox() {
        Map<String, String> parent = new HashMap<>(System.getenv());
        parent.put("OPENAI_API_KEY", "sk-test-secret");
        parent.put("HOME", work.resolve("home").toString());
        return Sandbox.create(Sandbox.Mode.NONE, parent, warnings::add);
    }

    @Test
    void warns_on_every_run() throws Exception {
        Sandbox sandbox = sandbox();

        sandbox.run(Sandbox.Spec.of(work, List.of("true")));
        sandbox.run(Sandbox.Spec.of(work, List.of("true")));

        assertThat(warnings).hasSize(2).allMatch(w -> w.contains("sandbox: none") && w.contains("without isolation"));
    }

    @Test
    void scrubs_the_environment_and_gives_a_private_home() throws Exception {
        Sandbox.Result result = sandbox().run(Sandbox.Spec.of(work, List.of("sh", "-c", "env; test -d \"$HOME\" && echo home-exists"))
                .withEnv(Map.of("GIVEN", "yes")));

        String seen = result.stdout().text();
        assertThat(seen).doesNotContain("sk-test-secret").contains("GIVEN=yes", "home-exists");
        assertThat(seen.lines().map(l -> l.split("=", 2)[0]).filter(n -> !n.equals("home-exists")).sorted().toList())
                .containsExactly("GIVEN", "HOME", "LANG", "PATH", "PWD", "TMPDIR");
        assertThat(seen).doesNotContain("HOME=" + work.resolve("home")).doesNotContain("HOME=/tmp\n");
    }

    @Test
    void kills_what_the_command_leaves_running_and_what_overruns() throws Exception {
        String marker = "86397." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000);

        Sandbox.Result left = sandbox().run(Sandbox.Spec.of(work, List.of("sh", "-c", "(sleep " + marker + " &); echo ok")));
        Sandbox.Result overran = sandbox().run(Sandbox.Spec.of(work, List.of("sh", "-c", "sleep " + marker))
                .withTimeout(Duration.ofSeconds(1)));

        assertThat(left.exitCode()).isZero();
        assertThat(left.killed()).as("the leftover sleep was killed").isTrue();
        assertThat(overran.timedOut()).isTrue();
        assertThat(Leftovers.of(marker)).isEmpty();
    }

    @Test
    void limits_processes_without_namespaces_too() throws Exception {
        Sandbox.Result result = sandbox().run(Sandbox.Spec.of(work, List.of("sh", "-c",
                "i=0; while [ $i -lt 200 ]; do sleep 86396 & echo started >> forks.txt; i=$((i+1)); done"))
                .withMaxProcesses(20));

        assertThat(Files.readAllLines(work.resolve("forks.txt")).size()).isLessThan(20);
        assertThat(result.exitCode()).isNotZero();
    }
}
