package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Event;
import dev.synod.core.Gate;
import dev.synod.runtime.gates.CacheableGate;
import dev.synod.runtime.gates.ExistsGate;
import dev.synod.runtime.gates.VerdictCache;
import dev.synod.runtime.workspace.GitRepository;
import dev.synod.testkit.InMemoryJournal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's gate effect with the verdict cache and the normalization of diagnostics. */
class GateCacheEngineTest {
    @TempDir
    Path dir;

    /** {@code exists}, counting its checks; its verdicts are cacheable, or ERROR every time. */
    private static final class Counting implements CacheableGate {
        final AtomicInteger checks = new AtomicInteger();
        final boolean error;

        Counting(boolean error) {
            this.error = error;
        }

        @Override
        public String configuration() {
            return "counting exists";
        }

        @Override
        public Verdict check(Input input) {
            checks.incrementAndGet();
            return error ? new Verdict(Event.Verdict.ERROR, List.of("the tool is missing")) : new ExistsGate().check(input);
        }
    }

    private List<Event.GateFinished> run(EngineFixture team, String run, Gate gate) throws Exception {
        InMemoryJournal journal = new InMemoryJournal();
        try (GitRepository repo = GitRepository.openOrInit(dir);
             Engine engine = team.gates(Map.of("exists", gate)).engine(journal, repo)) {
            engine.start(run, "plan", null, 7);
        }
        return journal.read(run).stream().filter(e -> e instanceof Event.GateFinished).map(Event.GateFinished.class::cast).toList();
    }

    @Test
    void a_second_run_on_the_same_trees_takes_every_verdict_from_the_cache() throws Exception {
        EngineFixture team = new EngineFixture(dir).shop();
        Counting gate = new Counting(false);

        List<Event.GateFinished> first = run(team, "r1", gate);
        int checked = gate.checks.get();
        List<Event.GateFinished> second = run(team, "r2", gate);

        assertThat(first).isNotEmpty().noneMatch(Event.GateFinished::cached);
        assertThat(checked).isEqualTo(first.size());
        assertThat(second).hasSameSizeAs(first).allMatch(Event.GateFinished::cached)
                .allMatch(g -> g.verdict() == Event.Verdict.PASS);
        assertThat(gate.checks).hasValue(checked);
        assertThat(Timeline.describe(second.get(0))).isEqualTo("api#1: gate #1: pass (cached)");
        assertThat(dir.resolve(VerdictCache.DIRECTORY)).isNotEmptyDirectory();
    }

    @Test
    void a_changed_tree_is_checked_again() throws Exception {
        EngineFixture team = new EngineFixture(dir).shop();
        Counting gate = new Counting(false);
        run(team, "r1", gate);
        int before = gate.checks.get();

        team.behaviour = (role, a) -> a.step().equals("impl[dev1]") ? Map.of("src/dev1/Impl.java", "class Impl { int changed; }\n")
                : EngineFixture.defaultFiles(role, a);
        List<Event.GateFinished> second = run(team, "r2", gate);

        assertThat(second).filteredOn(g -> g.command().startsWith("gate:api#")).allMatch(Event.GateFinished::cached);
        assertThat(second).filteredOn(g -> g.command().startsWith("gate:impl[dev1]#")).noneMatch(Event.GateFinished::cached);
        assertThat(gate.checks.get()).isGreaterThan(before);
    }

    @Test
    void errors_are_checked_again_every_time() throws Exception {
        EngineFixture team = new EngineFixture(dir).shop();
        Counting gate = new Counting(true);

        List<Event.GateFinished> first = run(team, "r1", gate);
        List<Event.GateFinished> second = run(team, "r2", gate);

        assertThat(first).isNotEmpty().allMatch(g -> g.verdict() == Event.Verdict.ERROR);
        assertThat(second).noneMatch(Event.GateFinished::cached);
        assertThat(gate.checks).hasValue(first.size() + second.size());
    }

    @Test
    void every_gates_diagnostics_reach_the_journal_normalized() throws Exception {
        EngineFixture team = new EngineFixture(dir).shop();
        Gate raw = input -> Gate.Verdict.fail(List.of(input.tree() + "/api/Api.java:1:11: error: bad\n"
                + input.tree() + "/api/Api.java:1:11: error: bad"));

        List<Event.GateFinished> finished = run(team, "r1", raw);

        assertThat(finished).first().satisfies(g -> {
            assertThat(g.diagnostics()).containsExactly("api/Api.java:1:11: error: bad");
            assertThat(g.cached()).isFalse();
        });
    }
}
