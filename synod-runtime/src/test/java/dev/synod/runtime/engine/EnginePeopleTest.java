package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Replay;
import dev.synod.runtime.agents.PersonAgent;
import dev.synod.runtime.workspace.GitRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine hands an escalation to {@code human} to the built-in {@link PersonAgent}: even an
 * engine that approves reviews automatically and does not wait for people's questions waits for
 * the person's attempt, takes their approval and commits their files.
 */
class EnginePeopleTest {
    private static final String TEAM = """
            synod 1
            team t {
              defaults within 1m retry 0
              role a model m
              role r model m
              a -> r : notes "notes/**"
                gate exists
                else escalate human
            }
            """;

    @TempDir
    Path dir;

    @Test
    void an_escalation_to_a_person_waits_for_their_files_and_commits_them_on_approval() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        EngineFixture team = new EngineFixture(dir).team(TEAM)
                .agent(EngineFixture.agent((a, workspace, session) -> {
                    throw new IllegalStateException("the model answered garbage");
                }))
                .progress(line -> {
                    if (line.startsWith("waiting for a person to produce notes")) {
                        asked.countDown();
                    }
                })
                // autoApprove approves reviews only, and a person's attempt is waited for even so
                .options(new Engine.Options(true, false, Duration.ofMillis(20)));
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = team.engine(repo)) {
            CompletableFuture<Engine.Result> result = CompletableFuture.supplyAsync(() -> engine.start("r1", "plan", null, 7));
            assertThat(asked.await(60, TimeUnit.SECONDS)).as("the person is asked").isTrue();
            assertThat(result).isNotDone();

            Path personal = PersonAgent.directory(PersonAgent.root(dir.resolve(".synod/work")), "r1", "notes", 2);
            assertThat(personal.resolve("README.md")).exists();
            Files.createDirectories(personal.resolve("notes"));
            Files.writeString(personal.resolve("notes/NOTES.md"), "by hand\n");
            Answers.write(dir.resolve(".synod/answers"), "r1", "agent:notes#2", new Answers.Answer(true, "wrote the notes", Map.of()));

            assertThat(result.get(60, TimeUnit.SECONDS)).isInstanceOfSatisfying(Engine.Result.Finished.class,
                    f -> assertThat(f.succeeded()).isTrue());
        }
        assertThat(team.events(Event.AgentFinished.class)).last().satisfies(f -> assertThat(f.outcome())
                .isInstanceOfSatisfying(Event.Outcome.Produced.class, p -> assertThat(p.summary()).isEqualTo("wrote the notes")));
        assertThat(team.events(Event.Started.class)).anySatisfy(s -> assertThat(s.command())
                .isInstanceOfSatisfying(Command.RunAgent.class, r -> assertThat(r.role()).isEqualTo("human")));
        assertThat(Answers.read(dir.resolve(".synod/answers"), "r1", "agent:notes#2")).as("consumed once journaled").isEmpty();
        assertThat(Replay.check(team.plan(), dev.synod.core.Budget.UNLIMITED, team.events())).isEmpty();
    }
}
