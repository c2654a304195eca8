package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Replay;
import dev.synod.core.SynodException;
import dev.synod.runtime.workspace.GitRepository;
import dev.synod.testkit.InMemoryJournal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
    @TempDir
    Path dir;

    @Test
    void a_run_puts_every_accepted_artifact_and_decision_on_the_release_branch() throws Exception {
        EngineFixture team = new EngineFixture(dir).shop();
        InMemoryJournal journal = new InMemoryJournal();
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = team.engine(journal, repo)) {
            Engine.Result result = engine.start("r1", "plan", null, 7);

            assertThat(result).isEqualTo(new Engine.Result.Finished(true, "every step was accepted", "synod/r1"));
            Map<String, byte[]> release = repo.read(repo.branch("synod/r1").orElseThrow());
            assertThat(release).containsOnlyKeys("README.md", "api/Api.java", "src/dev1/Impl.java", "src/dev2/Impl.java",
                    "RELEASE.md", "docs/decisions/0001-money.md");
            assertThat(new String(release.get("RELEASE.md"), StandardCharsets.UTF_8)).contains("money=long cents");
            assertThat(new String(release.get("docs/decisions/0001-money.md"), StandardCharsets.UTF_8))
                    .contains("Chosen option: \"long cents\"");
        }
        assertThat(Replay.check(team.plan(), dev.synod.core.Budget.UNLIMITED, journal.read("r1"))).isEmpty();
        assertThat(team.invocations).containsOnlyKeys("api#1", "impl[dev1]#1", "impl[dev2]#1", "release#1");
    }

    @Test
    void every_agent_after_a_decide_is_given_its_decision_record() throws Exception {
        EngineFixture team = new EngineFixture(dir).shop();
        Map<String, Map<String, String>> records = new java.util.concurrent.ConcurrentHashMap<>();
        team.behaviour = (role, a) -> {
            records.put(a.step(), a.records());
            return EngineFixture.defaultFiles(role, a);
        };
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = team.engine(new InMemoryJournal(), repo)) {
            assertThat(engine.start("r1", "plan", null, 7)).isInstanceOf(Engine.Result.Finished.class);
        }

        assertThat(records).containsKeys("api", "release");
        assertThat(records.get("release")).containsOnlyKeys("docs/decisions/0001-money.md");
        assertThat(records.get("release").get("docs/decisions/0001-money.md")).contains("Chosen option: \"long cents\"");
    }

    @Test
    void a_gate_failure_is_retried_with_its_diagnostics_and_a_crash_escalates() throws Exception {
        EngineFixture team = new EngineFixture(dir).shop();
        List<List<String>> diagnosticsSeen = new ArrayList<>();
        team.behaviour = (role, a) -> {
            if (a.step().equals("impl[dev1]") && a.attempt() == 1) {
                return Map.of("src/dev1/Impl.java", "");
            }
            if (a.step().equals("impl[dev1]")) {
                diagnosticsSeen.add(a.diagnostics());
            }
            if (role.equals("dev[2]")) {
                return null;
            }
            return EngineFixture.defaultFiles(role, a);
        };
        InMemoryJournal journal = new InMemoryJournal();
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = team.engine(journal, repo)) {
            assertThat(engine.start("r1", "plan", null, 7)).isInstanceOf(Engine.Result.Finished.class);
            assertThat(new String(repo.read(repo.branch("synod/r1").orElseThrow()).get("src/dev2/Impl.java"),
                    StandardCharsets.UTF_8)).contains("lead");
        }
        assertThat(diagnosticsSeen).singleElement().asList().anySatisfy(d -> assertThat(d.toString())
                .contains("src/dev1/**:1:1: no non-empty file matches this glob"));
        assertThat(team.invocations).containsKeys("impl[dev2]#1", "impl[dev2]#2", "impl[dev2]#3");
    }

    @Test
    void writes_outside_the_scope_reject_the_attempt_and_name_each_path() throws Exception {
        EngineFixture team = new EngineFixture(dir).shop();
        team.behaviour = (role, a) -> a.step().equals("api") && a.attempt() == 1
                ? Map.of("api/Api.java", "x", "README.md", "vandalised") : EngineFixture.defaultFiles(role, a);
        InMemoryJournal journal = new InMemoryJournal();
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = team.engine(journal, repo)) {
            engine.start("r1", "plan", null, 7);
            assertThat(new String(repo.read(repo.branch("synod/r1").orElseThrow()).get("README.md"), StandardCharsets.UTF_8))
                    .isEqualTo("a shop\n");
        }
        Event.AgentFinished first = journal.read("r1").stream().filter(e -> e instanceof Event.AgentFinished f
                && f.command().equals("agent:api#1")).map(Event.AgentFinished.class::cast).findFirst().orElseThrow();
        assertThat(first.outcome()).isInstanceOfSatisfying(Event.Outcome.Rejected.class,
                r -> assertThat(r.diagnostics()).contains("README.md:1:1: outside the write scope (changed)"));
    }

    @Test
    void resume_reruns_only_the_effect_that_was_in_flight() throws Exception {
        EngineFixture team = new EngineFixture(dir).shop();
        InMemoryJournal complete = new InMemoryJournal();
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = team.engine(complete, repo)) {
            engine.start("r1", "plan", null, 7);
        }
        String undisturbed = treeOfRelease(dir, "r1");
        List<Event> events = complete.read("r1");
        // Cut the journal as a kill would: the intent of dev[2]'s attempt is there, its result is not.
        int cut = indexOfResult(events, "agent:impl[dev2]#1");
        InMemoryJournal killed = new InMemoryJournal();
        killed.create(complete.runs().get(0));
        killed.append("r1", events.subList(0, cut));
        Map<String, Integer> before = counts(team);

        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = team.engine(killed, repo)) {
            assertThat(engine.drive("r1")).isInstanceOf(Engine.Result.Finished.class);
        }

        Map<String, Integer> rerun = counts(team);
        before.forEach((k, v) -> rerun.merge(k, -v, Integer::sum));
        rerun.values().removeIf(v -> v == 0);
        List<String> completedBefore = events.subList(0, cut).stream().filter(e -> e instanceof Event.AgentFinished)
                .map(e -> ((Event.AgentFinished) e).command().substring("agent:".length())).toList();
        assertThat(rerun.keySet()).doesNotContainAnyElementsOf(completedBefore).contains("impl[dev2]#1");
        assertThat(treeOfRelease(dir, "r1")).isEqualTo(undisturbed);
        assertThat(Replay.check(team.plan(), dev.synod.core.Budget.UNLIMITED, killed.read("r1"))).isEmpty();
    }

    @Test
    void a_person_answers_through_the_inbox_and_the_run_continues() throws Exception {
        EngineFixture team = new EngineFixture(dir).shop();
        InMemoryJournal journal = new InMemoryJournal();
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = team.autoApprove(false).engine(journal, repo)) {
            Engine.Result waiting = engine.start("r1", "plan", null, 7);
            assertThat(waiting).isInstanceOfSatisfying(Engine.Result.Waiting.class,
                    w -> assertThat(w.questions()).singleElement().isInstanceOf(Command.AskHuman.class));
            Command ask = ((Engine.Result.Waiting) waiting).questions().get(0);

            Answers.write(dir.resolve(".synod/answers"), "r1", ask.id(), new Answers.Answer(false, "add a changelog", Map.of()));
            Engine.Result again = engine.drive("r1");
            assertThat(again).isInstanceOf(Engine.Result.Waiting.class);
            Command second = ((Engine.Result.Waiting) again).questions().get(0);
            assertThat(second.id()).isEqualTo("human:release#2");

            Answers.write(dir.resolve(".synod/answers"), "r1", second.id(), new Answers.Answer(true, "", Map.of()));
            assertThat(engine.drive("r1")).isInstanceOfSatisfying(Engine.Result.Finished.class,
                    f -> assertThat(f.succeeded()).isTrue());
        }
        Command.RunAgent retry = journal.read("r1").stream().filter(e -> e instanceof Event.Started s
                        && s.command().id().equals("agent:release#2")).map(e -> (Command.RunAgent) ((Event.Started) e).command())
                .findFirst().orElseThrow();
        assertThat(retry.diagnostics()).containsExactly("review by human rejected attempt 1: add a changelog");
    }

    @Test
    void a_second_run_in_the_same_directory_is_refused() {
        try (RunLock first = RunLock.acquire(dir.resolve(".synod/lock"), dir.toString())) {
            assertThatThrownBy(() -> RunLock.acquire(dir.resolve(".synod/lock"), dir.toString()))
                    .isInstanceOf(SynodException.InvalidInput.class)
                    .hasMessageContaining("another synod run is active in " + dir);
        }
        RunLock.acquire(dir.resolve(".synod/lock"), dir.toString()).close();
    }

    private static int indexOfResult(List<Event> events, String command) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Event.AgentFinished f && f.command().equals(command)) {
                return i;
            }
        }
        throw new AssertionError("no result for " + command);
    }

    private static Map<String, Integer> counts(EngineFixture team) {
        Map<String, Integer> out = new HashMap<>();
        team.invocations.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    private static String treeOfRelease(Path dir, String run) {
        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            return repo.tree(repo.branch("synod/" + run).orElseThrow());
        }
    }

}
