package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Event;
import dev.synod.runtime.config.GateSettings;
import dev.synod.runtime.gates.Diagnostics;
import dev.synod.runtime.gates.GateLimits;
import dev.synod.runtime.gates.ShGate;
import dev.synod.runtime.sandbox.Sandbox;
import dev.synod.runtime.workspace.GitRepository;
import dev.synod.testkit.InMemoryJournal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code sh} gate's output on its way through the engine to the next attempt: one
 * normalizer, one cap, and a cut note that tells how many diagnostics were left out.
 */
class GateDiagnosticsEngineTest {
    private static final String TEAM = """
            synod 1
            team shop {
              defaults within 1m retry 1
              role architect model m
              architect -> human : api "api/**"
                gate exists
            }
            """;

    /** 120 located errors until the file says it is fixed. */
    private static final String SCRIPT = "grep -q fixed api/Api.java && exit 0; i=1; while [ $i -le 120 ]; do "
            + "echo \"$PWD/api/Api.java:$i:1: error: problem $i\"; i=$((i+1)); done; exit 1";

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    @TempDir
    Path dir;

    @Test
    void an_sh_gates_120_errors_reach_the_next_attempt_capped_once_with_the_true_count_cut() throws Exception {
        EngineFixture team = new EngineFixture(dir).shop().team(TEAM);
        Map<Integer, List<String>> told = new ConcurrentHashMap<>();
        team.behaviour = (role, a) -> {
            told.put(a.attempt(), a.diagnostics());
            return Map.of("api/Api.java", a.attempt() == 1 ? "interface Api {}\n" : "interface Api {} // fixed\n");
        };
        Sandbox sandbox = Sandbox.create(Sandbox.Mode.BWRAP, System.getenv(), w -> { });
        ShGate gate = ShGate.custom(sandbox, SCRIPT, GateLimits.of("exists", new GateSettings(Optional.empty(),
                Optional.of(Duration.ofMinutes(1)), OptionalLong.empty(), OptionalInt.empty(), List.of())));
        InMemoryJournal journal = new InMemoryJournal();

        try (GitRepository repo = GitRepository.openOrInit(dir);
             Engine engine = team.gates(Map.of("exists", gate)).engine(journal, repo)) {
            engine.start("r1", "plan", null, 7);
        }

        List<Event.GateFinished> verdicts = journal.read("r1").stream().filter(e -> e instanceof Event.GateFinished)
                .map(Event.GateFinished.class::cast).toList();
        assertThat(verdicts).extracting(Event.GateFinished::verdict).containsExactly(Event.Verdict.FAIL, Event.Verdict.PASS);
        List<String> journaled = verdicts.get(0).diagnostics();
        // The gate's status line and the first 49 errors are kept; 71 errors are left out, and the note says 71.
        assertThat(journaled).hasSize(Diagnostics.MAX_DIAGNOSTICS + 1);
        assertThat(journaled.get(0)).isEqualTo("exists \"" + SCRIPT + "\" exited with status 1");
        assertThat(journaled.get(1)).isEqualTo("api/Api.java:1:1: error: problem 1");
        assertThat(journaled.get(Diagnostics.MAX_DIAGNOSTICS - 1)).isEqualTo("api/Api.java:49:1: error: problem 49");
        assertThat(journaled.get(Diagnostics.MAX_DIAGNOSTICS)).isEqualTo("… 71 more diagnostics cut");
        assertThat(told.get(2)).as("the second attempt is told which gate failed, then exactly what it said")
                .containsExactlyElementsOf(concat(List.of("gate exists failed on attempt 1:"), journaled));
        assertThat(told.get(1)).isEmpty();
    }

}
