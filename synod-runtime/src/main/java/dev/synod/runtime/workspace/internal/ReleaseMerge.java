package dev.synod.runtime.workspace.internal;

import dev.synod.runtime.internal.DiskFull;
import dev.synod.runtime.workspace.BranchMerge;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Locale;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;

/**
 * Merges a run's branch into the branch checked out in the project's own working tree: the one
 * operation of Synod that touches the user's checkout, and only when asked ({@code --merge}).
 */
public final class ReleaseMerge {
    private ReleaseMerge() {
    }

    /**
     * Merges {@code branch} as {@code git merge} would: fast-forward when possible, else a merge
     * commit. A merge that conflicts leaves the working tree as {@code git merge} does (markers in
     * the files, the merge to be committed by the user); one that local changes would overwrite
     * changes nothing.
     */
    public static BranchMerge merge(Repository repository, String branch, Path directory) {
        try (Git git = new Git(repository)) {
            String current = repository.getBranch();
            ObjectId tip = repository.resolve(Constants.R_HEADS + branch);
            if (tip == null) {
                return new BranchMerge(false, "there is no branch " + branch + " to merge");
            }
            MergeResult result = git.merge().include(branch, tip).setFastForward(MergeCommand.FastForwardMode.FF)
                    .setMessage("Merge " + branch + " (synod run --merge)").call();
            return switch (result.getMergeStatus()) {
                case FAST_FORWARD, FAST_FORWARD_SQUASHED -> new BranchMerge(true, "merged " + branch + " into " + current
                        + " (fast-forward)");
                case MERGED, MERGED_SQUASHED, MERGED_NOT_COMMITTED, MERGED_SQUASHED_NOT_COMMITTED ->
                        new BranchMerge(true, "merged " + branch + " into " + current);
                case ALREADY_UP_TO_DATE -> new BranchMerge(true, current + " already holds " + branch);
                case CONFLICTING -> new BranchMerge(false, "merging " + branch + " into " + current + " conflicts in "
                        + String.join(", ", result.getConflicts().keySet()) + "; resolve the markers and commit, as after"
                        + " git merge");
                case CHECKOUT_CONFLICT -> new BranchMerge(false, "did not merge " + branch + " into " + current
                        + ": local changes to " + String.join(", ", result.getCheckoutConflicts())
                        + " would be overwritten; commit or stash them, then: git merge " + branch);
                default -> new BranchMerge(false, "did not merge " + branch + " into " + current + ": "
                        + result.getMergeStatus().toString().toLowerCase(Locale.ROOT).replace('_', ' ')
                        + (result.getFailingPaths() == null ? "" : " (" + String.join(", ",
                        result.getFailingPaths().keySet()) + ")") + "; merge it yourself: git merge " + branch);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            if (DiskFull.isDiskFull(e)) {
                // JGit says "Exception caught during execution of merge command"; its cause says why.
                return new BranchMerge(false, "did not merge " + branch + ": no space left on device in " + directory
                        + "; free some space, then: git merge " + branch);
            }
            return new BranchMerge(false, "did not merge " + branch + ": " + e.getMessage() + "; merge it yourself: git merge "
                    + branch);
        }
    }
}
