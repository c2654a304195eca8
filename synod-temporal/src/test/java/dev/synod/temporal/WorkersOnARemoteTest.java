package dev.synod.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Clock;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.SynodException;
import dev.synod.runtime.workspace.GitRepository;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notes example with its workers in three clones of one bare remote, as on three machines:
 * the starter and the workflow's worker in A, the roles' workers in B, the gates' and Synod's
 * bookkeeping in C. Nothing reaches another clone but through the remote.
 */
class WorkersOnARemoteTest {
    @TempDir
    Path dir;

    @Test
    void workers_in_three_clones_of_one_remote_release_the_embedded_engines_tree() throws Exception {
        String embeddedTree = OnTemporal.embedded(OnTemporal.copy(OnTemporal.EXAMPLES.resolve("notes"),
                dir.resolve("embedded"))).tree();
        Path remote = dir.resolve("remote.git");
        Path a = OnTemporal.copy(OnTemporal.EXAMPLES.resolve("notes"), dir.resolve("a"));
        publish(a, remote);
        Path b = cloneOf(remote, dir.resolve("b"));
        Path c = cloneOf(remote, dir.resolve("c"));
        Optional<String> url = Optional.of(remote.toString());
        Map<String, String> servedBy = new ConcurrentHashMap<>();
        try (LocalTeam starter = LocalTeam.open(a, Clock.SYSTEM, w -> { }, url);
             LocalTeam roles = LocalTeam.open(b, Clock.SYSTEM, w -> { }, url);
             LocalTeam gates = LocalTeam.open(c, Clock.SYSTEM, w -> { }, url);
             TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
                     .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
                             .setDataConverter(SynodTemporal.dataConverter()).build())
                     .setUseTimeskipping(false).build())) {
            SynodTemporal.serveWorkflow(env.getWorkerFactory(), starter.team());
            SynodTemporal.serveActivities(env.getWorkerFactory(), roles.team(), roles.roles(), false, request -> {
                servedBy.put(request.command().id(), "b");
                return roles.activities().perform(request);
            });
            SynodTemporal.serveActivities(env.getWorkerFactory(), gates.team(), List.of(), true, request -> {
                servedBy.put(request.command().id(), "c");
                return gates.activities().perform(request);
            });
            env.start();

            TeamStart start = starter.prepare("r-shared", 11, true, Clock.SYSTEM);
            TeamWorkflow workflow = env.getWorkflowClient().newWorkflowStub(TeamWorkflow.class, WorkflowOptions.newBuilder()
                    .setWorkflowId(start.run()).setTaskQueue(TaskQueues.workflow(starter.team())).build());
            TeamOutcome outcome = workflow.run(start);
            assertThat(outcome.succeeded()).as(outcome.reason()).isTrue();

            // The release was made in C and pushed; the starter brings it home, with the embedded engine's tree.
            assertThat(starter.repository().branch(outcome.branch())).isEmpty();
            String release = starter.fetchRelease(start.run());
            assertThat(starter.repository().branch(outcome.branch())).contains(release);
            assertThat(OnTemporal.tree(a, outcome.branch())).isEqualTo(embeddedTree);
            assertThat(OnTemporal.tree(c, outcome.branch())).isEqualTo(embeddedTree);

            List<Event> events = env.getWorkflowClient().newWorkflowStub(TeamWorkflow.class, start.run()).events().events();
            List<Command> started = OnTemporal.started(events);
            // Agents ran in B, gates and bookkeeping in C: every gate checked a commit B made and pushed.
            assertThat(started).filteredOn(cmd -> cmd instanceof Command.RunAgent)
                    .isNotEmpty().allSatisfy(cmd -> assertThat(servedBy).containsEntry(cmd.id(), "b"));
            assertThat(started).filteredOn(cmd -> cmd instanceof Command.RunGate || cmd instanceof Command.Finish)
                    .isNotEmpty().allSatisfy(cmd -> assertThat(servedBy).containsEntry(cmd.id(), "c"));
            // Every commit a result names is on the remote under its command's ref.
            Set<String> remoteRefs = refs(remote);
            assertThat(events).filteredOn(e -> e instanceof Event.AgentFinished f
                            && f.outcome() instanceof Event.Outcome.Produced)
                    .isNotEmpty().allSatisfy(e -> {
                        Event.AgentFinished f = (Event.AgentFinished) e;
                        assertThat(remoteRefs).contains(dev.synod.temporal.internal.SharedRemote.commitRef(start.run(),
                                f.command(), ((Event.Outcome.Produced) f.outcome()).commit()));
                    });
            // The model turns B recorded are blobs the starter reads from the remote.
            List<Event.TurnRecorded> turns = events.stream().filter(e -> e instanceof Event.TurnRecorded)
                    .map(e -> (Event.TurnRecorded) e).toList();
            assertThat(turns).isNotEmpty();
            for (Event.TurnRecorded t : turns) {
                assertThat(Files.exists(a.resolve(".synod/blobs").resolve(t.response().substring(0, 2))
                        .resolve(t.response().substring(2)))).isFalse();
                assertThat(starter.blobs().get(t.response())).isPresent();
                assertThat(starter.blobs().get(t.request())).isPresent();
            }
        }
    }

    @Test
    void a_remote_that_is_no_repository_is_refused_with_its_name() {
        Path a = OnTemporal.copy(OnTemporal.EXAMPLES.resolve("notes"), dir.resolve("a"));
        Path nowhere = dir.resolve("nowhere.git");
        assertThatThrownBy(() -> LocalTeam.open(a, Clock.SYSTEM, w -> { }, Optional.of(nowhere.toString())))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessageStartingWith("expected a git remote this worker reaches at " + nowhere + ", found: ");
    }

    /** Makes {@code project} a repository (its first commit, as a start does) and pushes it to a new bare {@code remote}. */
    static void publish(Path project, Path remote) throws Exception {
        GitRepository.openOrInit(project).close();
        Git.init().setBare(true).setInitialBranch("main").setDirectory(remote.toFile()).call().close();
        try (Git git = Git.open(project.toFile())) {
            git.push().setRemote(remote.toString()).setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main"))
                    .call();
        }
    }

    static Path cloneOf(Path remote, Path to) throws Exception {
        Git.cloneRepository().setURI(remote.toString()).setDirectory(to.toFile()).setBranch("main").call().close();
        return to;
    }

    static Set<String> refs(Path remote) throws Exception {
        return Git.lsRemoteRepository().setRemote(remote.toString()).call().stream().map(Ref::getName)
                .collect(java.util.stream.Collectors.toSet());
    }
}
