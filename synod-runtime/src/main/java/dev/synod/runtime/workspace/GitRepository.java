package dev.synod.runtime.workspace;

import dev.synod.core.SynodException;
import dev.synod.core.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * The run's repository, through JGit: the {@link Workspace} of the embedded engine. Trees are
 * composed in memory and attempts are committed from plain directories, so no operation depends
 * on a checked-out working tree of the user's.
 */
public final class GitRepository implements Workspace {
    private static final PersonIdent SYNOD = new PersonIdent("Synod", "synod@localhost");

    private final Repository repository;
    private final Path directory;

    private GitRepository(Repository repository, Path directory) {
        this.repository = repository;
        this.directory = directory;
    }

    /**
     * Opens the repository rooted at {@code directory}, making one with a first commit of the
     * directory's files when it is not the root of a git repository (or has no commit yet).
     * {@code .synod/} is added to {@code .git/info/exclude}.
     */
    public static GitRepository openOrInit(Path directory) {
        try {
            Path dotGit = directory.resolve(".git");
            if (!Files.isDirectory(dotGit)) {
                Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call().close();
            } else if (!Files.exists(dotGit.resolve("HEAD"))) {
                completeInit(dotGit);
            }
            Repository repo = new FileRepositoryBuilder().setGitDir(dotGit.toFile()).setWorkTree(directory.toFile())
                    .setMustExist(true).build();
            GitRepository git = new GitRepository(repo, directory);
            git.exclude(".synod/");
            if (repo.resolve(Constants.HEAD) == null) {
                removeStaleLocks(dotGit);
                git.commitAll("synod: first commit of the project's files");
            }
            return git;
        } catch (IOException | GitAPIException e) {
            throw new SynodException.InvalidInput("cannot open or create a git repository in " + directory + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Finishes a repository whose creation was cut short (a process killed during {@code git
     * init}): without a HEAD no git command ever worked there, so nothing of the user's is at risk.
     */
    private static void completeInit(Path dotGit) throws IOException {
        for (String dir : List.of("objects", "refs/heads", "refs/tags")) {
            Files.createDirectories(dotGit.resolve(dir));
        }
        if (!Files.exists(dotGit.resolve("config"))) {
            Files.writeString(dotGit.resolve("config"), "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n"
                    + "\tbare = false\n\tlogallrefupdates = true\n");
        }
        Files.writeString(dotGit.resolve("HEAD"), "ref: refs/heads/main\n");
    }

    /**
     * Removes the lock files of a first commit that was cut short (a process killed while it
     * committed): in a repository without any commit there is no history a lock could protect.
     */
    private static void removeStaleLocks(Path dotGit) throws IOException {
        try (var walk = Files.walk(dotGit)) {
            for (Path lock : walk.filter(p -> p.getFileName().toString().endsWith(".lock")).toList()) {
                Files.deleteIfExists(lock);
            }
        }
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

    private void exclude(String pattern) throws IOException {
        Path exclude = repository.getDirectory().toPath().resolve("info").resolve("exclude");
        Files.createDirectories(exclude.getParent());
        String existing = Files.exists(exclude) ? Files.readString(exclude) : "";
        if (!existing.lines().anyMatch(l -> l.strip().equals(pattern))) {
            Files.writeString(exclude, existing + (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n") + pattern + "\n");
        }
    }

    private void commitAll(String message) throws GitAPIException {
        try (Git git = new Git(repository)) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage(message).setAuthor(SYNOD).setCommitter(SYNOD).setSign(false)
                    .setAllowEmpty(true).call();
        }
    }

    /** A file of a tree: its mode and content object. */
    private record Entry(FileMode mode, ObjectId id) {
    }

    @Override
    public String compose(String base, List<Layer> layers) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            Map<String, Entry> files = files(treeOf(base));
            for (Layer layer : layers) {
                files.keySet().removeIf(layer.scope()::contains);
                files(treeOf(layer.commit())).forEach((path, entry) -> {
                    if (layer.scope().contains(path)) {
                        files.put(path, entry);
                    }
                });
            }
            DirCache cache = DirCache.newInCore();
            DirCacheBuilder builder = cache.builder();
            files.forEach((path, entry) -> {
                DirCacheEntry e = new DirCacheEntry(path);
                e.setFileMode(entry.mode());
                e.setObjectId(entry.id());
                builder.add(e);
            });
            builder.finish();
            ObjectId tree = cache.writeTree(inserter);
            inserter.flush();
            return tree.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes {@code target} hold exactly the tree's files, writing only what differs: a file whose
     * content and executable bit already match is left alone, so a role's workspace reused from
     * step to step costs a read of its files rather than a rewrite. Anything else there (other
     * files, symbolic links, empty directories) is removed; content is compared by its git hash,
     * never by timestamps, so no edit can go unnoticed.
     */
    @Override
    public void checkout(String treeOrCommit, Path target) {
        try {
            Map<String, Entry> wanted = files(treeOf(treeOrCommit));
            if (Files.isSymbolicLink(target) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(target);
            }
            Files.createDirectories(target);
            Set<String> present = new HashSet<>();
            ObjectInserter.Formatter hasher = new ObjectInserter.Formatter();
            List<Path> existing;
            try (Stream<Path> walk = Files.walk(target)) {
                existing = walk.filter(p -> !p.equals(target)).sorted(Comparator.reverseOrder()).toList();
            }
            for (Path p : existing) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (Stream<Path> children = Files.list(p)) {
                        if (children.findAny().isEmpty()) {
                            Files.delete(p);
                        }
                    }
                    continue;
                }
                String path = target.relativize(p).toString().replace('\\', '/');
                Entry entry = Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) ? wanted.get(path) : null;
                if (entry != null && Files.isExecutable(p) == (entry.mode() == FileMode.EXECUTABLE_FILE)
                        && hasher.idFor(Constants.OBJ_BLOB, Files.readAllBytes(p)).equals(entry.id())) {
                    present.add(path);
                } else {
                    Files.delete(p);
                }
            }
            for (var file : wanted.entrySet()) {
                if (present.contains(file.getKey())) {
                    continue;
                }
                Path path = target.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.write(path, repository.open(file.getValue().id()).getBytes());
                path.toFile().setExecutable(file.getValue().mode() == FileMode.EXECUTABLE_FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String commitDirectory(Path source, List<String> parents, String message) {
        try (ObjectInserter inserter = repository.newObjectInserter();
             Stream<Path> walk = Files.walk(source)) {
            List<Path> paths = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> !insideDotGit(source.relativize(p))).sorted().toList();
            DirCache cache = DirCache.newInCore();
            DirCacheBuilder builder = cache.builder();
            for (Path p : paths) {
                DirCacheEntry e = new DirCacheEntry(source.relativize(p).toString().replace('\\', '/'));
                e.setFileMode(Files.isExecutable(p) ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE);
                e.setObjectId(inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(p)));
                builder.add(e);
            }
            builder.finish();
            ObjectId tree = cache.writeTree(inserter);
            String commit = commit(inserter, tree, parents, message);
            inserter.flush();
            return commit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String commitTree(String tree, List<String> parents, String message) {
        try (ObjectInserter inserter = repository.newObjectInserter()) {
            String commit = commit(inserter, ObjectId.fromString(tree), parents, message);
            inserter.flush();
            return commit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String commit(ObjectInserter inserter, ObjectId tree, List<String> parents, String message) throws IOException {
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(tree);
        cb.setParentIds(parents.stream().distinct().map(ObjectId::fromString).toList());
        cb.setAuthor(SYNOD);
        cb.setCommitter(SYNOD);
        cb.setMessage(message);
        return inserter.insert(cb).name();
    }

    @Override
    public List<String> changedPaths(String from, String to) {
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(treeOf(from));
            walk.addTree(treeOf(to));
            walk.setRecursive(true);
            walk.setFilter(TreeFilter.ANY_DIFF);
            List<String> out = new ArrayList<>();
            while (walk.next()) {
                out.add(walk.getPathString());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String tree(String treeOrCommit) {
        return treeOf(treeOrCommit).name();
    }

    @Override
    public Map<String, byte[]> read(String treeOrCommit) {
        try {
            Map<String, byte[]> out = new TreeMap<>();
            for (var e : files(treeOf(treeOrCommit)).entrySet()) {
                out.put(e.getKey(), repository.open(e.getValue().id()).getBytes());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points {@code refs/heads/<branch>} at {@code commit}, creating or moving it. */
    @Override
    public void setBranch(String branch, String commit) {
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
                throw new SynodException.Retriable("could not set branch " + branch + " to " + commit + ": " + result, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private ObjectId treeOf(String treeOrCommit) {
        try (RevWalk walk = new RevWalk(repository)) {
            ObjectId id = ObjectId.fromString(treeOrCommit);
            var object = walk.parseAny(id);
            if (object instanceof RevCommit c) {
                return c.getTree().getId();
            }
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Entry> files(ObjectId tree) throws IOException {
        Map<String, Entry> out = new TreeMap<>();
        try (TreeWalk walk = new TreeWalk(repository)) {
            walk.addTree(tree);
            walk.setRecursive(true);
            while (walk.next()) {
                out.put(walk.getPathString(), new Entry(walk.getFileMode(0), walk.getObjectId(0)));
            }
        }
        return out;
    }

    /**
     * True for a path inside a {@code .git} directory at any depth. Only whole segments count:
     * {@code .gitignore} and {@code .github/} are the project's files and are committed.
     */
    private static boolean insideDotGit(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().equals(".git")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        repository.close();
    }
}
