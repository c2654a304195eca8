package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import dev.synod.core.Clock;
import dev.synod.core.Event;
import dev.synod.runtime.workspace.GitRepository;
import dev.synod.testkit.InMemoryJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workspaces as the engine uses them: scope violations of every kind, and merging hand-offs. */
class EngineWorkspaceTest {
    @TempDir
    Path dir;

    /** What an agent does in its workspace, given its assignment. */
    interface Work {
        void in(Agent.Assignment a, Path workspace) throws IOException;
    }

    private final List<Agent.Assignment> assignments = new CopyOnWriteArrayList<>();

    private Agent agent(Work work) {
        return EngineFixture.agent((a, w, session) -> {
            assignments.add(a);
            work.in(a, w);
        });
    }

    private EngineFixture fixture;

    private InMemoryJournal run(String source, Map<String, Agent> agents) throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/App.java"), "class App {\n  int x = 1;\n}\n");
        fixture = new EngineFixture(dir).readme("a project\n").team(source).agents(agents).clock(Clock.SYSTEM);
        fixture.start();
        return fixture.journal;
    }

    private List<String> rejection(InMemoryJournal journal, String command) {
        return fixture.rejection(command);
    }

    private static final String ONE_STEP = EngineFixture.oneStep("1m", 1, "notes/**");

    @Test
    void a_rename_and_a_delete_outside_the_scope_are_each_named() throws Exception {
        InMemoryJournal journal = run(ONE_STEP, Map.of("a", agent((a, w) -> {
            Files.createDirectories(w.resolve("notes"));
            Files.writeString(w.resolve("notes/N.md"), "n\n");
            if (a.attempt() == 1) {
                Files.move(w.resolve("README.md"), w.resolve("README.txt"));
                Files.delete(w.resolve("src/App.java"));
            }
        })));

        assertThat(rejection(journal, "agent:notes#1")).containsExactly(
                "attempt 1 by a changed 3 files outside its write scope (notes/**):",
                "README.md:1:1: outside the write scope (renamed to README.txt)",
                "src/App.java:1:1: outside the write scope (deleted)",
                "README.txt:1:1: outside the write scope (the new name of a renamed file)");
        assertThat(journal.read("r1").getLast()).isInstanceOfSatisfying(Event.RunFinished.class,
                f -> assertThat(f.succeeded()).isTrue());
    }

    @Test
    void a_merging_hand_off_starts_from_the_merge_with_conflicts_marked_and_must_resolve_them() throws Exception {
        String source = """
                synod 1
                team merging {
                  defaults within 1m retry 1
                  role a model m
                  role b model m
                  role lead model m
                  a -> lead : one "src/**"
                    gate exists
                  b -> lead : two "src/**"
                    gate exists
                  lead -> all : merged
                    merges one, two
                    gate exists
                }
                """;
        Map<String, String> seen = new LinkedHashMap<>();
        Map<String, Agent> agents = Map.of(
                "a", agent((a, w) -> {
                    Files.writeString(w.resolve("src/App.java"), "class App {\n  int x = 2;\n}\n");
                    Files.writeString(w.resolve("src/A.java"), "class A {}\n");
                }),
                "b", agent((a, w) -> {
                    Files.writeString(w.resolve("src/App.java"), "class App {\n  int x = 3;\n}\n");
                    Files.writeString(w.resolve("src/B.java"), "class B {}\n");
                }),
                "lead", agent((a, w) -> {
                    seen.put("attempt " + a.attempt(), Files.readString(w.resolve("src/App.java")));
                    if (a.attempt() == 2) {
                        Files.writeString(w.resolve("src/App.java"), "class App {\n  int x = 5;\n}\n");
                    }
                }));

        InMemoryJournal journal = run(source, agents);

        Agent.Assignment lead = assignments.stream().filter(x -> x.role().equals("lead")).findFirst().orElseThrow();
        assertThat(lead.conflicts()).containsExactly("src/App.java");
        assertThat(lead.inputs()).containsExactly("one", "two");
        assertThat(seen.get("attempt 1")).contains("<<<<<<< one\n  int x = 2;\n=======\n  int x = 3;\n>>>>>>> two\n");
        assertThat(rejection(journal, "agent:merged#1"))
                .contains("src/App.java:2:1: still holds the conflict markers of the merge");
        try (GitRepository repo = GitRepository.openOrInit(dir)) {
            Map<String, byte[]> release = repo.read(repo.branch("synod/r1").orElseThrow());
            assertThat(new String(release.get("src/App.java"), StandardCharsets.UTF_8)).isEqualTo("class App {\n  int x = 5;\n}\n");
            assertThat(release).containsKeys("src/A.java", "src/B.java", "README.md");
        }
    }
}
