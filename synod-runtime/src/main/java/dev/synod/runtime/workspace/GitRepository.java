package dev.synod.runtime.workspace;

import dev.synod.core.SynodException;
import dev.synod.core.Workspace;
import dev.synod.runtime.internal.DiskFull;
import dev.synod.runtime.workspace.internal.DirectoryCommits;
import dev.synod.runtime.workspace.internal.Merges;
import dev.synod.runtime.workspace.internal.ObjectStaging;
import dev.synod.runtime.workspace.internal.ReleaseMerge;
import dev.synod.runtime.workspace.internal.RepositoryInit;
import dev.synod.runtime.workspace.internal.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * The run's repository, through JGit: the {@link Workspace} of the embedded engine. Trees are
 * composed in memory and attempts are committed from plain directories, so no operation depends
 * on a checked-out working tree of the user's.
 *
 * <p>This class is the thin public face; each job lives in its own class of
 * {@code workspace.internal}: {@link RepositoryInit} (making and repairing the repository),
 * {@link Trees} and {@link Merges} (trees in memory), {@link ObjectStaging} (new objects staged in
 * the journal and packed), {@link DirectoryCommits} (directories to commits and back) and
 * {@link ReleaseMerge} (merging a run's branch into the user's). A full disk met in any of them
 * is reported as such, with what to do.
 */
public final class GitRepository implements Workspace {
    private final Repository repository;
    private final Path directory;
    private final ObjectStaging objects;
    private final Trees trees;
    private final Merges merges;
    private final DirectoryCommits commits;

    private GitRepository(Repository repository, Path directory) {
        this.repository = repository;
        this.directory = directory;
        this.objects = new ObjectStaging(repository, directory);
        this.trees = new Trees(objects);
        this.merges = new Merges(objects, trees);
        this.commits = new DirectoryCommits(objects, trees);
    }

    /**
     * Opens the repository rooted at {@code directory}, making one with a first commit of the
     * directory's files when it is not the root of a git repository (or has no commit yet).
     * {@code .synod/} is added to {@code .git/info/exclude}.
     */
    public static GitRepository openOrInit(Path directory) {
        return new GitRepository(RepositoryInit.openOrInit(directory), directory);
    }

    /** What to do after freeing space when an operation of a run met a full disk. */
    private static final String RESUME = "run synod resume";

    /**
     * Runs {@code operation}, reporting a full disk as one, with what to do then: {@code then}
     * depends on the operation (a run's step is resumed; a merge after a finished run is not).
     */
    private <T> T guarded(String then, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            throw DiskFull.mapped(e, directory, then);
        }
    }

    private void guarded(String then, Runnable operation) {
        guarded(then, () -> {
            operation.run();
            return null;
        });
    }

    /**
     * Records the files on disk, uncommitted edits and untracked files included, as the start
     * commit of {@code run} on {@code refs/synod/start/<run>} ({@link WorkingTreeSnapshot}). Its
     * objects are staged like every other (hashed with {@code ObjectIds}, in the journal once
     * {@link #stageObjectsIn} began) and flushed before the ref is created.
     *
     * @return the start commit's id
     */
    public String recordStart(String run, Instant at) {
        return guarded("run synod run again", () -> WorkingTreeSnapshot.record(repository, objects, directory, run, at));
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public String head() {
        try {
            ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
            if (head == null) {
                throw new SynodException.InvalidInput("the repository in " + directory + " has no commit at HEAD");
            }
            return head.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String compose(String base, List<Layer> layers) {
        return guarded(RESUME, () -> trees.compose(base, layers));
    }

    @Override
    public Merge merge(String base, Map<String, String> sides) {
        return guarded(RESUME, () -> merges.merge(base, sides));
    }

    /** {@inheritDoc} See {@link DirectoryCommits#checkout}. */
    @Override
    public void checkout(String treeOrCommit, Path target) {
        guarded(RESUME, () -> commits.checkout(treeOrCommit, target));
    }

    /**
     * {@inheritDoc}
     *
     * <p>As {@link #commitAttempt} without a size limit: a name that is not valid UTF-8 is refused
     * here too, since committing it would rename the file.
     */
    @Override
    public String commitDirectory(Path source, List<String> parents, String message) {
        return guarded(RESUME, () -> commits.commitAttempt(source, parents, message, Long.MAX_VALUE).commit());
    }

    @Override
    public Committed commitAttempt(Path source, List<String> parents, String message, long maxFileBytes) {
        if (maxFileBytes < 0) {
            throw new IllegalArgumentException("expected a size limit of 0 bytes or more, found " + maxFileBytes);
        }
        return guarded(RESUME, () -> commits.commitAttempt(source, parents, message, maxFileBytes));
    }

    @Override
    public String commitTree(String tree, List<String> parents, String message) {
        return guarded(RESUME, () -> commits.commitTree(tree, parents, message));
    }

    @Override
    public List<String> changedPaths(String from, String to) {
        return trees.changedPaths(from, to);
    }

    @Override
    public String tree(String treeOrCommit) {
        return trees.treeOf(treeOrCommit).name();
    }

    @Override
    public Map<String, byte[]> read(String treeOrCommit) {
        return trees.read(treeOrCommit);
    }

    /** The tree's paths from its tree objects alone: no blob is read. */
    @Override
    public List<String> paths(String treeOrCommit) {
        try {
            return List.copyOf(new java.util.TreeSet<>(trees.files(treeOrCommit).keySet()));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points {@code refs/heads/<branch>} at {@code commit}, creating or moving it. */
    @Override
    public void setBranch(String branch, String commit) {
        guarded(RESUME, () -> {
            // A branch must name objects of the repository itself, for git and every other tool.
            objects.flushStaged();
            try {
                // A process killed while it moved this branch leaves its lock file behind. Synod's
                // branches are written only under the run lock, so a lock found now is stale.
                if (branch.startsWith("synod/")) {
                    Files.deleteIfExists(repository.getDirectory().toPath().resolve(Constants.R_HEADS + branch + ".lock"));
                }
                RefUpdate update = repository.updateRef(Constants.R_HEADS + branch);
                update.setNewObjectId(ObjectId.fromString(commit));
                update.setForceUpdate(true);
                update.setRefLogMessage("synod: " + branch, false);
                RefUpdate.Result result = update.update();
                if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                        && result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NO_CHANGE) {
                    throw new SynodException.Retriable("could not set branch " + branch + " to " + commit + ": " + result,
                            null);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Merges {@code branch} into the branch checked out in the project's own working tree, as
     * {@code git merge} would (see {@link ReleaseMerge#merge}); staged objects are flushed first.
     * Callers outside the runtime go through {@code Runs.mergeRelease}.
     */
    public BranchMerge mergeIntoCurrentBranch(String branch) {
        return guarded("merge the run's branch yourself: git merge " + branch, () -> {
            objects.flushStaged();
            return ReleaseMerge.merge(repository, branch, directory);
        });
    }

    @Override
    public Optional<String> branch(String branch) {
        try {
            ObjectId id = repository.resolve(Constants.R_HEADS + branch);
            return Optional.ofNullable(id).map(ObjectId::name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * From now on, new objects are staged: kept in memory and added to {@code log}, which makes
     * them durable with the journal's next commit, instead of each being written as a loose file.
     * They reach the repository's object directory as one pack when a branch is set, when the
     * staged content passes 64 MiB, and on {@link #close}. A file over 16 MiB is the exception: it
     * is written into the repository at once, streamed and durably, never held whole in memory. Objects the log still holds from a
     * process that stopped before flushing them are checked against their ids and flushed first.
     *
     * @throws SynodException.Corrupted when an object in the log is damaged; nothing was written
     *                                  then, and the log is as it was
     */
    public void stageObjectsIn(ObjectLog log) {
        guarded(RESUME, () -> objects.stageObjectsIn(log));
    }

    /** Writes every staged object into the repository, durably, as one pack; then the log drops them. */
    public void flushStaged() {
        guarded(RESUME, objects::flushStaged);
    }

    /** Flushes what is staged, then releases the repository. */
    @Override
    public void close() {
        try {
            flushStaged();
        } finally {
            repository.close();
        }
    }
}
