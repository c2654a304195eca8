package dev.synod.core;

import dev.synod.lang.WriteScope;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The run's repository as the engine uses it (ARCHITECTURE.md §1: artifacts are commits).
 * Commits and trees are named by ids (for git, hex object names); a tree holds files only, each
 * with its content and whether it is executable. Every operation that takes a
 * {@code treeOrCommit} accepts either: a commit stands for its tree.
 *
 * <p>No operation depends on a checked-out working tree: trees are composed from stored
 * objects, and attempts are committed from plain directories, so the user's own checkout is
 * never touched. Implementations are safe for use by several threads at once, because effects
 * run concurrently. Failures to read or write the underlying store are unchecked exceptions
 * ({@link java.io.UncheckedIOException} for I/O).
 */
public interface Workspace extends AutoCloseable {

    /**
     * One layer of a composed tree: the files of {@code commit} within {@code scope}.
     *
     * @param commit a commit (or tree) id of this workspace
     * @param scope  the paths the layer decides; paths outside it are left to the layers below
     */
    record Layer(String commit, WriteScope scope) {
    }

    /** The directory the workspace belongs to: the project's directory, holding its files. */
    Path directory();

    /** The commit the workspace's HEAD points at: the state the run starts from. */
    String head();

    /**
     * The tree of {@code base} with each layer laid over it in order. Within a layer's scope, the
     * layer's files replace those below: a file of the layer is added or overwrites the file
     * below (content and executable bit), and a file below that the layer lacks is deleted.
     * Outside the layer's scope, the files below are untouched, whatever the layer holds there.
     * A later layer wins over an earlier one where their scopes overlap. With no layers the
     * result holds exactly the files of {@code base}. Nothing is committed and no branch moves.
     *
     * @param base   a commit (or tree) id
     * @param layers the layers, bottom first
     * @return the id of the composed tree
     */
    String compose(String base, List<Layer> layers);

    /**
     * The result of {@link #merge}: a tree, and the paths where the sides could not be reconciled.
     * A conflicted text file holds both versions between conflict markers ({@code <<<<<<<},
     * {@code =======}, {@code >>>>>>>}) labelled with the sides' names; a conflicted binary file,
     * or one deleted on one side and changed on the other, holds the version that was kept.
     */
    record Merge(String tree, List<String> conflicts) {
        public Merge {
            conflicts = List.copyOf(conflicts);
        }
    }

    /**
     * The three-way merge of several commits against {@code base}, one after another in order: a
     * file changed on one side only takes that change; changed alike on both, that content;
     * changed differently, a line-by-line merge whose overlapping changes become conflicts.
     * Nothing is committed.
     *
     * @param base    the commit (or tree) the sides started from
     * @param commits the sides, by the name their conflict markers show, in order
     */
    Merge merge(String base, Map<String, String> commits);

    /**
     * Writes the files of a tree (or commit) into {@code target}, creating it when missing.
     * {@code target} is emptied first, so afterwards it holds exactly the tree's files, with the
     * executable bit set on executable ones and cleared on the others.
     */
    void checkout(String treeOrCommit, Path target);

    /**
     * Commits the files under {@code source} as they are: every regular file, by its path
     * relative to {@code source} with '/' separators, with its content and executable bit.
     * Symbolic links (to files or directories) are left out and never followed, as is anything
     * inside a directory named {@code .git}; empty directories leave no trace. {@code source} is
     * not changed, and no branch moves.
     *
     * @param parents the new commit's parents, in order (a repeated id counts once)
     * @return the new commit's id
     */
    String commitDirectory(Path source, List<String> parents, String message);

    /**
     * What {@link #commitAttempt} committed: the commit, and the paths it left out with why
     * (a symbolic link, a FIFO, a directory named {@code .git}), each as {@code path: reason}.
     */
    record Committed(String commit, List<String> dropped) {
        public Committed {
            dropped = List.copyOf(dropped);
        }
    }

    /**
     * An attempt's files cannot be committed as they are: each problem names its path and what is
     * wrong with it (a file over the size limit, a name that is not valid UTF-8). The attempt is
     * rejected with these problems as its diagnostics; nothing was committed.
     */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<PathProblem> problems;

        public Refused(List<PathProblem> problems) {
            super(String.join("; ", problems.stream().map(PathProblem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        /** What is wrong, path by path. */
        public List<PathProblem> problems() {
            return problems;
        }
    }

    /**
     * One path an attempt left that cannot be committed, and why. Kept apart rather than as one
     * string, since a file name may itself hold ": ".
     */
    record PathProblem(String path, String reason) {
        /** {@code path: reason}. */
        @Override
        public String toString() {
            return path + ": " + reason;
        }
    }

    /**
     * Commits an agent's attempt from {@code source}, as {@link #commitDirectory} does, but says
     * what it left out and refuses what it cannot keep safely: a file larger than
     * {@code maxFileBytes}, a name that is not valid UTF-8 (which git would store under another
     * name). Files are streamed, never held whole in memory.
     *
     * Every implementation applies the limit itself: there is no default that could forget it.
     *
     * @throws Refused naming every path that cannot be committed; nothing is committed then
     */
    Committed commitAttempt(Path source, List<String> parents, String message, long maxFileBytes);

    /**
     * Commits an existing tree (such as one from {@link #compose}); no branch moves.
     *
     * @param parents the new commit's parents, in order (a repeated id counts once)
     * @return the new commit's id, whose tree is {@code tree}
     */
    String commitTree(String tree, List<String> parents, String message);

    /**
     * The paths of files that differ between two trees or commits: added in {@code to}, deleted
     * from {@code from}, or changed in content or executable bit. Each path appears once; files
     * equal in both are never listed.
     */
    List<String> changedPaths(String from, String to);

    /** The tree id of a commit; a tree id is returned as it is. */
    String tree(String treeOrCommit);

    /**
     * Every file of a tree or commit with its content, keyed and sorted by path. A commit's
     * files are exactly its tree's, so {@code read(c)} equals {@code read(tree(c))}.
     */
    Map<String, byte[]> read(String treeOrCommit);

    /**
     * The paths of every file of a tree or commit, sorted: {@code read(c).keySet()} without
     * loading any file's content.
     */
    List<String> paths(String treeOrCommit);

    /**
     * Points the branch {@code branch} (such as {@code synod/r1}) at {@code commit}, creating it
     * when missing and moving it otherwise, also backwards: the run decides where it points.
     */
    void setBranch(String branch, String commit);

    /** The commit {@code branch} points at, or empty when there is no such branch. */
    Optional<String> branch(String branch);

    /** Releases what the workspace holds open; it is not used afterwards. */
    @Override
    void close();
}
