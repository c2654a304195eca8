package dev.synod.runtime.workspace;

import dev.synod.core.SynodException;
import dev.synod.runtime.workspace.internal.ObjectStaging;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;

/**
 * The files of a run directory as they are on disk, uncommitted edits and untracked files
 * included, recorded as the start commit of a run: its parent is {@code HEAD} when there is one,
 * and it sits on a ref of Synod's own, {@code refs/synod/start/<run>}. What git ignores
 * ({@code .gitignore}, {@code .git/info/exclude}, which holds {@code .synod/}) is left out.
 *
 * <p>Only new objects and that one ref are written: the user's branch, index and working tree
 * are not touched. The tree is built in an in-memory index; a file whose stat data matches the
 * real index is taken by its id there instead of being read and hashed again.
 */
public final class WorkingTreeSnapshot {
    /** Where the start commits of runs live. */
    public static final String REF_PREFIX = "refs/synod/start/";

    private WorkingTreeSnapshot() {
    }

    /**
     * Records the working tree of {@code repository} as the start commit of {@code run}, its
     * objects made through {@code objects} (staged in the journal once staging began, hashed with
     * {@code ObjectIds}) and flushed into the repository before the ref names them. Called by
     * {@link GitRepository#recordStart}, which reports a full disk as one.
     *
     * @return the start commit's id
     * @throws SynodException.InvalidInput when the ref already exists or the tree cannot be read
     */
    static String record(Repository repository, ObjectStaging objects, Path directory, String run, Instant at) {
        String ref = REF_PREFIX + run;
        try {
            ObjectId id;
            try (ObjectInserter inserter = objects.inserter()) {
                ObjectId tree = tree(repository, inserter);
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(tree);
                ObjectId head = repository.resolve(Constants.HEAD + "^{commit}");
                if (head != null) {
                    commit.setParentId(head);
                }
                PersonIdent who = new PersonIdent("Synod", "synod@localhost", at, ZoneOffset.UTC);
                commit.setAuthor(who);
                commit.setCommitter(who);
                commit.setMessage("synod: start of run " + run + "\n\nThe files on disk when the run started,"
                        + " uncommitted edits included.\n");
                id = inserter.insert(commit);
                inserter.flush();
            }
            // A ref must name objects of the repository itself, for git and every other tool.
            objects.flushStaged();
            RefUpdate update = repository.updateRef(ref);
            update.setNewObjectId(id);
            update.setExpectedOldObjectId(ObjectId.zeroId());
            update.setRefLogMessage("synod: start of run " + run, false);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW) {
                throw new SynodException.InvalidInput("cannot record the start of run " + run + ": expected to create "
                        + ref + ", but git answered " + result);
            }
            return id.name();
        } catch (IOException e) {
            throw new SynodException.InvalidInput("cannot record the files of " + directory + " as the start of run "
                    + run + ": " + e.getMessage(), e);
        }
    }

    /** The tree of the working tree without what git ignores. */
    private static ObjectId tree(Repository repository, ObjectInserter inserter) throws IOException {
        DirCache snapshot = DirCache.newInCore();
        DirCacheBuilder builder = snapshot.builder();
        try (TreeWalk walk = new TreeWalk(repository)) {
            // A nested repository (a git init inside the project) is taken as its files, its .git
            // left out, as commitAttempt does: a gitlink would name a commit this repository lacks.
            FileTreeIterator onDisk = new FileTreeIterator(repository, FileTreeIterator.NoGitlinksStrategy.INSTANCE);
            // Lists what an ignored directory holds once entered (by default it looks empty), so its
            // tracked files are found; only a directory holding tracked files is entered.
            onDisk.setWalkIgnoredDirectories(true);
            int files = walk.addTree(onDisk);
            int index = walk.addTree(new DirCacheIterator(repository.readDirCache()));
            walk.setRecursive(false);
            while (walk.next()) {
                WorkingTreeIterator file = walk.getTree(files, WorkingTreeIterator.class);
                if (file == null) {
                    continue; // in the index only: deleted on disk, so not part of the snapshot
                }
                DirCacheIterator staged = walk.getTree(index, DirCacheIterator.class);
                // What git ignores is left out unless git tracks it (git add -f, a tracked file in
                // an ignored directory), as AddCommand does; an ignored directory without tracked
                // files is not entered at all, so nothing under it is read.
                if (staged == null && file.isEntryIgnored()) {
                    continue;
                }
                FileMode mode = file.getEntryFileMode();
                if (mode == FileMode.TREE) {
                    walk.enterSubtree();
                    continue;
                }
                DirCacheEntry entry = new DirCacheEntry(walk.getRawPath());
                entry.setFileMode(mode);
                // Not forced to compare content: a file whose stat data differs is read and hashed
                // once, by the inserter, rather than once here and once there.
                if (staged != null && !file.isModified(staged.getDirCacheEntry(), false, walk.getObjectReader())) {
                    entry.setObjectId(staged.getEntryObjectId());
                } else {
                    try (InputStream in = file.openEntryStream()) {
                        entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getEntryContentLength(), in));
                    }
                }
                builder.add(entry);
            }
        }
        builder.finish();
        return snapshot.writeTree(inserter);
    }
}
