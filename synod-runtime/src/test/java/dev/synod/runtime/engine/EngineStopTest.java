package dev.synod.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Agent;
import dev.synod.core.Event;
import dev.synod.core.State;
import dev.synod.runtime.workspace.GitRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link StopSignal} ends a drive cleanly (what Ctrl-C asks for), and a running command's
 * transient waits reach the {@link Progress} listener at once.
 */
class EngineStopTest {
    @TempDir
    Path dir;

    @Test
    void a_stop_journals_what_arrived_interrupts_the_effects_and_a_resume_completes_the_run() throws Exception {
        EngineFixture fixture = new EngineFixture(dir).team(EngineFixture.oneStep("1m", 0, "NOTES.md"));
        StopSignal stop = new StopSignal();
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        // The agent journals one turn, waits for a provider's retry, says it works, then blocks until interrupted.
        Agent blocking = EngineFixture.agent((a, workspace, session) -> {
            String request = session.blobs().put("request".getBytes(StandardCharsets.UTF_8));
            String response = session.blobs().put("response".getBytes(StandardCharsets.UTF_8));
            session.record(new Agent.Turn(1, request, response, new Event.Usage(10, 5, 0.0)));
            session.retrying("openai: HTTP 503", 1, 5, Duration.ofSeconds(2));
            working.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        });
        List<String> waits = new CopyOnWriteArrayList<>();
        fixture.options(new Engine.Options(true, false, Duration.ofMillis(20)).withStop(stop)).agent(blocking)
                .listener(new Progress() {
                    @Override
                    public void event(Event event, State state) {
                    }

                    @Override
                    public void notice(String text) {
                    }

                    @Override
                    public void waiting(String command, String text) {
                        waits.add(command + " " + text);
                    }
                });

        CompletableFuture<Engine.Result> result = CompletableFuture.supplyAsync(() -> {
            try {
                return fixture.start();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(working.await(30, TimeUnit.SECONDS)).as("the agent started").isTrue();
        stop.request();

        assertThat(result.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(Engine.Result.Stopped.class,
                s -> assertThat(s.inFlight()).singleElement().satisfies(c -> assertThat(c.id()).isEqualTo("agent:notes#1")));
        assertThat(interrupted.await(30, TimeUnit.SECONDS)).as("the agent was interrupted").isTrue();
        assertThat(waits).containsExactly("agent:notes#1 openai: HTTP 503, retry 1 of 5 in 2s");
        // The turn that was journaled stays; the attempt has no result, so a resume runs it again.
        assertThat(fixture.events(Event.TurnRecorded.class)).hasSize(1);
        assertThat(fixture.events(Event.AgentFinished.class)).isEmpty();

        fixture.options(new Engine.Options(true, false, Duration.ofMillis(20))).agent(EngineFixture.agent(
                (a, workspace, session) -> Files.writeString(workspace.resolve("NOTES.md"), "notes\n")));
        try (GitRepository repo = GitRepository.openOrInit(dir); Engine engine = fixture.engine(repo)) {
            assertThat(engine.drive("r1")).isInstanceOfSatisfying(Engine.Result.Finished.class,
                    f -> assertThat(f.succeeded()).isTrue());
        }
    }
}
