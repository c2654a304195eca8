package dev.synod.cli.internal;

import dev.synod.core.Event;
import dev.synod.core.Interpreter;
import dev.synod.core.State;
import dev.synod.core.SynodException;
import dev.synod.runtime.Runs;
import dev.synod.temporal.TeamWorkflow;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Where a run's events come from: the run directory's journal (the embedded engine), or the
 * workflow's {@code events} query for a run on Temporal. The commands that read a run (status,
 * log, replay, answer) render what either gives the same way.
 */
sealed interface RunSource {
    /** The run's id. */
    String id();

    /** The run's events in the order its engine folded them. */
    List<Event> events();

    /** The plan and configuration the run started with. */
    Runs.Loaded loaded();

    /** Where the run's blobs (team texts, turns) are read: the run directory's, and the shared remote's for a run on Temporal. */
    dev.synod.core.BlobStore blobs();

    /** The run's state, folded from {@link #events}. */
    default State state() {
        Runs.Loaded loaded = loaded();
        return Interpreter.fold(loaded.plan(), loaded.config().budget(), events());
    }

    /**
     * What runs the run while it is active, as status shows it ({@code pid 12}, {@code on Temporal
     * 127.0.0.1:7233 (namespace default)}); empty when nothing does.
     */
    Optional<String> runner();

    /** The embedded engine's run, read from the journal of {@code runs}. */
    record Journal(Runs runs, String id) implements RunSource {
        @Override
        public List<Event> events() {
            return runs.events(id);
        }

        @Override
        public Runs.Loaded loaded() {
            return runs.loaded(id);
        }

        @Override
        public State state() {
            return runs.state(id);
        }

        @Override
        public dev.synod.core.BlobStore blobs() {
            return runs.blobs();
        }

        @Override
        public Optional<String> runner() {
            java.util.OptionalLong pid = runs.activeProcess(id);
            return pid.isPresent() ? Optional.of("pid " + pid.getAsLong()) : Optional.empty();
        }

        /** The live process, for the status's {@code pid}. */
        Long pid() {
            java.util.OptionalLong pid = runs.activeProcess(id);
            return pid.isPresent() ? pid.getAsLong() : null;
        }
    }

    /**
     * A run on Temporal: its events from the workflow's query, asked once; the team's texts from the
     * blobs the start stored in the run directory.
     */
    final class Temporal implements RunSource {
        private final Runs runs;
        private final String id;
        private final TeamWorkflow workflow;
        private final String service;
        private final dev.synod.core.BlobStore blobs;
        private List<Event> events;

        Temporal(Runs runs, String id, TeamWorkflow workflow, String service, dev.synod.core.BlobStore blobs) {
            this.runs = runs;
            this.blobs = blobs;
            this.id = id;
            this.workflow = workflow;
            this.service = service;
        }

        @Override
        public String id() {
            return id;
        }

        TeamWorkflow workflow() {
            return workflow;
        }

        @Override
        public List<Event> events() {
            if (events == null) {
                try {
                    events = workflow.events().events();
                } catch (WorkflowNotFoundException e) {
                    throw new SynodException.InvalidInput("run " + id + " is not on the Temporal service at " + service
                            + " (its workflow is unknown there; the service may have been reset)");
                } catch (WorkflowException e) {
                    throw new SynodException.Retriable("cannot read the events of run " + id + " from Temporal " + service
                            + ": " + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
                            + " (a synod worker serving the workflow must be running)", e);
                }
            }
            return events;
        }

        @Override
        public Runs.Loaded loaded() {
            List<Event> all = events();
            if (all.isEmpty() || !(all.get(0) instanceof Event.RunStarted started)) {
                throw new SynodException.Corrupted("run " + id + " on Temporal does not begin with a run-started event", null);
            }
            return runs.load(blob(started.plan()), Optional.ofNullable(started.config()).map(this::blob));
        }

        @Override
        public dev.synod.core.BlobStore blobs() {
            return blobs;
        }

        private String blob(String hash) {
            return new String(blobs.get(hash).orElseThrow(() -> new SynodException.Corrupted("run " + id
                    + " refers to blob " + hash + ", which is missing from " + runs.blobDirectory() + " and from the team's git remote, if it has one", null)),
                    StandardCharsets.UTF_8);
        }

        @Override
        public Optional<String> runner() {
            return Optional.of("on Temporal " + service);
        }
    }
}
