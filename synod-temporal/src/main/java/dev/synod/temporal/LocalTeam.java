package dev.synod.temporal;

import dev.synod.core.BlobStore;
import dev.synod.core.Clock;
import dev.synod.core.PlanCompiler;
import dev.synod.core.SynodException;
import dev.synod.runtime.Runs;
import dev.synod.runtime.engine.CommandEffects;
import dev.synod.runtime.engine.LocalStorage;
import dev.synod.runtime.workspace.GitRepository;
import dev.synod.temporal.internal.SharedBlobs;
import dev.synod.temporal.internal.SharedRemote;
import dev.synod.temporal.internal.SharedWork;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One machine's side of a team on Temporal, from a run directory ({@code team.synod},
 * {@code synod.yaml}): it prepares a run's start (the checks a start needs, the start commit, the
 * blobs of the team and configuration) and serves the activities with the directory's repository,
 * agents and gates.
 *
 * <p>Without a remote, every worker of a run works on this one directory. With one (a git URL or
 * the path of a bare repository), the directory is one worker's own clone: {@link #prepare} pushes
 * the start commit and the team's blobs, every command fetches the commits it starts from and
 * pushes the commits and blobs it made before it returns, the release pushes the run's branch,
 * and {@link #fetchRelease} brings that branch to the starter (docs/temporal.md, "The git remote").
 */
public final class LocalTeam implements AutoCloseable {
    /** How often a running command heartbeats. */
    public static final Duration BEAT = Duration.ofSeconds(5);

    private final Runs.Accepted accepted;
    private final GitRepository repository;
    private final LocalStorage storage;
    private final AtomicReference<Error> doubt = new AtomicReference<>();
    private final LocalEffects activities;
    private final Optional<SharedRemote> remote;
    private final BlobStore blobs;
    /** The blobs as the remote shares them, when there is one: {@link #blobs} then. */
    private final Optional<SharedBlobs> sharedBlobs;

    private LocalTeam(Runs.Accepted accepted, GitRepository repository, LocalStorage storage, Clock clock,
                      Optional<SharedRemote> remote) {
        this.accepted = accepted;
        this.repository = repository;
        this.storage = storage;
        this.remote = remote;
        var loaded = accepted.loaded();
        Optional<SharedBlobs> shared = remote.map(r -> new SharedBlobs(storage.blobs(), r));
        this.sharedBlobs = shared;
        this.blobs = shared.<BlobStore>map(b -> b).orElse(storage.blobs());
        CommandEffects effects = new CommandEffects(new CommandEffects.Setup(loaded.plan(), loaded.config().budget(),
                blobs, repository, accepted.directory().resolve(".synod").resolve("work"), accepted.agents(),
                accepted.gates(), role -> Runs.contract(loaded.checked(), role), clock,
                loaded.config().limits().fileSizeBytes(), (command, error) -> doubt.compareAndSet(null, error)));
        LocalEffects.Exchange exchange = remote.<LocalEffects.Exchange>map(r -> new SharedWork(r, shared.orElseThrow()))
                .orElse(LocalEffects.NONE);
        this.activities = new LocalEffects(effects, BEAT, doubt, exchange);
    }

    /**
     * Checks the team of {@code directory} as a start does and opens its repository and store.
     *
     * @param warnings where the sandbox's warnings go
     * @throws SynodException.InvalidInput when the team has errors or a check fails
     */
    public static LocalTeam open(Path directory, Clock clock, Consumer<String> warnings) {
        return open(directory, clock, warnings, Optional.empty());
    }

    /**
     * As {@link #open(Path, Clock, Consumer)}, with the git remote the team's workers share, if any.
     *
     * @param remote a git URL or the path of a bare repository, as {@code git} accepts; empty when
     *               every worker shares {@code directory}
     * @throws SynodException.InvalidInput also when the remote does not answer as a git repository
     */
    public static LocalTeam open(Path directory, Clock clock, Consumer<String> warnings, Optional<String> remote) {
        Runs.Accepted accepted = switch (Runs.accept(directory, warnings)) {
            case Runs.Accepted a -> a;
            case Runs.TeamErrors errors -> throw new SynodException.InvalidInput(PlanCompiler.firstError(errors.checked()));
        };
        GitRepository repository = GitRepository.openOrInit(accepted.directory());
        LocalStorage storage = null;
        Optional<SharedRemote> shared = Optional.empty();
        try {
            storage = LocalStorage.openOrCreate(accepted.directory());
            shared = remote.map(url -> SharedRemote.open(accepted.directory(), url));
            return new LocalTeam(accepted, repository, storage, clock, shared);
        } catch (RuntimeException e) {
            shared.ifPresent(SharedRemote::close);
            if (storage != null) {
                storage.close();
            }
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
        String planBlob = blobs.put(accepted.teamText().getBytes(StandardCharsets.UTF_8));
        String configBlob = accepted.configText().map(t -> blobs.put(t.getBytes(StandardCharsets.UTF_8))).orElse(null);
        if (remote.isPresent()) {
            // The workers fetch the start from the remote: it must be there before the workflow names it.
            repository.flushStaged();
            remote.get().pushStart(run);
            sharedBlobs.orElseThrow().push();
        }
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

    /**
     * This worker's blob store: with a remote, blobs it lacks (transcripts another worker made)
     * are fetched from the remote when read.
     */
    public BlobStore blobs() {
        return blobs;
    }

    /**
     * Brings the release branch {@code synod/<run>} of a finished run into this directory's
     * repository: from the remote, where the release pushed it, when there is one; without one
     * the branch is already here.
     *
     * @return the commit the branch points at
     * @throws SynodException.InvalidInput when there is no such branch (the run has not finished)
     */
    public String fetchRelease(String run) {
        if (remote.isPresent()) {
            return remote.get().fetchRelease(run);
        }
        return repository.branch("synod/" + run).orElseThrow(() -> new SynodException.InvalidInput(
                "expected the release branch synod/" + run + " in " + accepted.directory() + ", found none (has the run finished?)"));
    }

    /** The remote the team's workers share, as messages show it (no password), or empty without one. */
    public Optional<String> remote() {
        return remote.map(SharedRemote::shown);
    }

    @Override
    public void close() {
        try {
            repository.close();
        } finally {
            try {
                storage.close();
            } finally {
                remote.ifPresent(SharedRemote::close);
            }
        }
    }
}
