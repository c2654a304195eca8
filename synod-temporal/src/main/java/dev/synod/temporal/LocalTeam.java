package dev.synod.temporal;

import dev.synod.core.BlobStore;
import dev.synod.core.Clock;
import dev.synod.core.PlanCompiler;
import dev.synod.core.SynodException;
import dev.synod.runtime.Runs;
import dev.synod.runtime.engine.CommandEffects;
import dev.synod.runtime.engine.LocalStorage;
import dev.synod.runtime.workspace.GitRepository;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One machine's side of a team on Temporal, from a run directory ({@code team.synod},
 * {@code synod.yaml}): it prepares a run's start (the checks a start needs, the start commit, the
 * blobs of the team and configuration) and serves the activities with the directory's repository,
 * agents and gates. Every worker of a run works on this one directory for now; workers on other
 * machines need the shared git remote and blob store that are not built yet (docs/temporal.md).
 */
public final class LocalTeam implements AutoCloseable {
    /** How often a running command heartbeats. */
    public static final Duration BEAT = Duration.ofSeconds(5);

    private final Runs.Accepted accepted;
    private final GitRepository repository;
    private final LocalStorage storage;
    private final AtomicReference<Error> doubt = new AtomicReference<>();
    private final LocalEffects activities;

    private LocalTeam(Runs.Accepted accepted, GitRepository repository, LocalStorage storage, Clock clock) {
        this.accepted = accepted;
        this.repository = repository;
        this.storage = storage;
        var loaded = accepted.loaded();
        CommandEffects effects = new CommandEffects(new CommandEffects.Setup(loaded.plan(), loaded.config().budget(),
                storage.blobs(), repository, accepted.directory().resolve(".synod").resolve("work"), accepted.agents(),
                accepted.gates(), role -> Runs.contract(loaded.checked(), role), clock,
                loaded.config().limits().fileSizeBytes(), (command, error) -> doubt.compareAndSet(null, error)));
        this.activities = new LocalEffects(effects, BEAT, doubt);
    }

    /**
     * Checks the team of {@code directory} as a start does and opens its repository and store.
     *
     * @param warnings where the sandbox's warnings go
     * @throws SynodException.InvalidInput when the team has errors or a check fails
     */
    public static LocalTeam open(Path directory, Clock clock, Consumer<String> warnings) {
        Runs.Accepted accepted = switch (Runs.accept(directory, warnings)) {
            case Runs.Accepted a -> a;
            case Runs.TeamErrors errors -> throw new SynodException.InvalidInput(PlanCompiler.firstError(errors.checked()));
        };
        GitRepository repository = GitRepository.openOrInit(accepted.directory());
        try {
            return new LocalTeam(accepted, repository, LocalStorage.openOrCreate(accepted.directory()), clock);
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
    }

    /**
     * The start of run {@code run}: records the files on disk as its start commit and stores the
     * team's texts as blobs, as the embedded engine's start does.
     *
     * @param seed the seed of its coins unless {@code synod.yaml} fixes one ({@code seed:})
     */
    public TeamStart prepare(String run, long seed, boolean autoApprove, Clock clock) {
        String base = repository.recordStart(run, clock.now());
        BlobStore blobs = storage.blobs();
        String planBlob = blobs.put(accepted.teamText().getBytes(StandardCharsets.UTF_8));
        String configBlob = accepted.configText().map(t -> blobs.put(t.getBytes(StandardCharsets.UTF_8))).orElse(null);
        return new TeamStart(run, accepted.teamText(), accepted.configText().orElse(null), planBlob, configBlob, base,
                accepted.loaded().config().seed().orElse(seed), autoApprove);
    }

    /** The team's name, which its task queues carry. */
    public String team() {
        return accepted.loaded().plan().team();
    }

    /** The roles this directory has agents for. */
    public Set<String> roles() {
        return accepted.agents().keySet();
    }

    /** The activities, served with this directory's agents, gates and repository. */
    public EffectActivities activities() {
        return activities;
    }

    public GitRepository repository() {
        return repository;
    }

    @Override
    public void close() {
        try {
            repository.close();
        } finally {
            storage.close();
        }
    }
}
