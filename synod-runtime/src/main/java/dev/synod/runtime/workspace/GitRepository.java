package dev.synod.runtime.workspace;

import dev.synod.core.SynodException;
import dev.synod.core.Workspace;
import dev.synod.runtime.internal.Directories;
import dev.synod.runtime.workspace.internal.DirectoryIndex;
import dev.synod.runtime.workspace.internal.OverlayReader;
import dev.synod.runtime.workspace.internal.StagedObjects;
import dev.synod.runtime.workspace.internal.StagingInserter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;
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

    /** JGit's switch between its own SHA-1 and the JDK's. */
    static final String SHA1_IMPLEMENTATION = "org.eclipse.jgit.util.sha1.implementation";

    static {
        // The JDK's SHA-1 (a CPU intrinsic) is about 7x faster than JGit's pure-Java one with
        // SHAttered collision detection, and hashing was a fifth of the engine's CPU. Detection
        // guards a repository against objects crafted elsewhere and fetched; Synod fetches nothing
        // and hashes only files its own agents wrote, and a colliding file could not replace the
        // content git already holds under that name anyway (docs/security.md). A user who sets
        // the property keeps their choice.
        if (System.getProperty(SHA1_IMPLEMENTATION) == null) {
            System.setProperty(SHA1_IMPLEMENTATION, "jdkNative");
        }
    }

    /** Staged objects beyond this many bytes are flushed into the repository, to bound the memory they take. */
    private static final long STAGED_BYTES_BOUND = 64L << 20;

    private final Repository repository;
    private final Path directory;
    private final DirectoryIndex index = new DirectoryIndex();
    private final Object flushing = new Object();
    // Null until stageObjectsIn: until then objects go straight into the object directory.
    private volatile StagedObjects staged;

    private GitRepository(Repository repository, Path directory) {
        this.repository = repository;
        this.directory = directory;
    }

    /** The JGit repository, for the other classes of this package (such as {@link WorkingTreeSnapshot}). */
    Repository jgit() {
        return repository;
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
        try (ObjectInserter inserter = inserter()) {
            Map<String, Entry> files = files(treeOf(base));
            for (Layer layer : layers) {
                files.keySet().removeIf(layer.scope()::contains);
                files(treeOf(layer.commit())).forEach((path, entry) -> {
                    if (layer.scope().contains(path)) {
                        files.put(path, entry);
                    }
                });
            }
            ObjectId tree = writeTree(files, inserter);
            inserter.flush();
            return tree.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes {@code target} hold exactly the tree's files, writing only what differs: a file whose
     * content and executable bit already match is left alone, so a role's workspace reused from
     * step to step costs a look at its files rather than a rewrite. Anything else there (other
     * files, symbolic links, empty directories) is removed. A file is compared by its git hash,
     * read from its content unless its stat data shows it unchanged since Synod last wrote or read
     * it ({@link DirectoryIndex}: inode and ctime included, so no edit goes unseen).
     */
    @Override
    public void checkout(String treeOrCommit, Path target) {
        DirectoryIndex.Recorded recorded = index.take(target);
        try {
            Map<String, Entry> wanted = files(treeOf(treeOrCommit));
            if (Files.isSymbolicLink(target) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(target);
            }
            Files.createDirectories(target);
            Map<String, DirectoryIndex.Known> present = new HashMap<>();
            ObjectInserter.Formatter hasher = new ObjectInserter.Formatter();
            List<Path> directories = new ArrayList<>();
            for (DirectoryIndex.Found f : DirectoryIndex.scan(target)) {
                if (f.stat().directory()) {
                    directories.add(f.path());
                    continue;
                }
                Entry entry = f.stat().regularFile() ? wanted.get(f.relative()) : null;
                if (entry != null && f.stat().executable() == (entry.mode() == FileMode.EXECUTABLE_FILE)) {
                    ObjectId blob = recorded.blob(f.relative(), f.stat());
                    if (blob == null) {
                        blob = hasher.idFor(Constants.OBJ_BLOB, Files.readAllBytes(f.path()));
                    }
                    if (blob.equals(entry.id())) {
                        present.put(f.relative(), new DirectoryIndex.Known(f.stat(), blob));
                        continue;
                    }
                }
                Files.delete(f.path());
            }
            // Deepest first (a directory comes after its contents), so emptied parents go too.
            for (Path dir : directories) {
                try (Stream<Path> children = Files.list(dir)) {
                    if (children.findAny().isEmpty()) {
                        Files.delete(dir);
                    }
                }
            }
            Map<String, DirectoryIndex.Known> known = new HashMap<>(present);
            try (ObjectReader reader = reader()) {
                for (var file : wanted.entrySet()) {
                    if (present.containsKey(file.getKey())) {
                        continue;
                    }
                    Path path = target.resolve(file.getKey());
                    Files.createDirectories(path.getParent());
                    Files.write(path, reader.open(file.getValue().id()).getBytes());
                    path.toFile().setExecutable(file.getValue().mode() == FileMode.EXECUTABLE_FILE);
                    known.put(file.getKey(), new DirectoryIndex.Known(DirectoryIndex.stat(path), file.getValue().id()));
                }
            }
            index.record(target, known, recorded);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Merge merge(String base, Map<String, String> commits) {
        try (ObjectInserter inserter = inserter(); ObjectReader reader = reader()) {
            Map<String, Entry> ancestor = files(treeOf(base));
            Map<String, Entry> merged = null;
            String mergedLabel = null;
            Set<String> conflicts = new java.util.TreeSet<>();
            for (var side : commits.entrySet()) {
                Map<String, Entry> theirs = files(treeOf(side.getValue()));
                if (merged == null) {
                    merged = theirs;
                    mergedLabel = side.getKey();
                    continue;
                }
                merged = merge3(ancestor, merged, theirs, mergedLabel, side.getKey(), inserter, reader, conflicts);
                mergedLabel = mergedLabel + "+" + side.getKey();
            }
            if (merged == null) {
                merged = ancestor;
            }
            ObjectId tree = writeTree(merged, inserter);
            inserter.flush();
            return new Merge(tree.name(), List.copyOf(conflicts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, Entry> merge3(Map<String, Entry> base, Map<String, Entry> ours, Map<String, Entry> theirs,
                                      String ourLabel, String theirLabel, ObjectInserter inserter, ObjectReader reader,
                                      Set<String> conflicts)
            throws IOException {
        Set<String> paths = new java.util.TreeSet<>(ours.keySet());
        paths.addAll(theirs.keySet());
        paths.addAll(base.keySet());
        Map<String, Entry> out = new TreeMap<>();
        for (String path : paths) {
            Entry b = base.get(path);
            Entry x = ours.get(path);
            Entry y = theirs.get(path);
            Entry result;
            if (java.util.Objects.equals(x, y)) {
                result = x;
            } else if (java.util.Objects.equals(x, b)) {
                result = y;
            } else if (java.util.Objects.equals(y, b)) {
                result = x;
            } else if (x == null || y == null) {
                conflicts.add(path);
                result = x == null ? y : x;
            } else {
                byte[] ancestor = b == null ? new byte[0] : reader.open(b.id()).getBytes();
                byte[] mine = reader.open(x.id()).getBytes();
                byte[] other = reader.open(y.id()).getBytes();
                FileMode mode = java.util.Objects.equals(x.mode(), b == null ? null : b.mode()) ? y.mode() : x.mode();
                if (RawText.isBinary(mine) || RawText.isBinary(other) || RawText.isBinary(ancestor)) {
                    conflicts.add(path);
                    result = x;
                } else {
                    MergeResult<RawText> m = new MergeAlgorithm().merge(RawTextComparator.DEFAULT, new RawText(ancestor),
                            new RawText(mine), new RawText(other));
                    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
                    new MergeFormatter().formatMerge(text, m, List.of("base", ourLabel, theirLabel),
                            java.nio.charset.StandardCharsets.UTF_8);
                    if (m.containsConflicts()) {
                        conflicts.add(path);
                    }
                    result = new Entry(mode, inserter.insert(Constants.OBJ_BLOB, text.toByteArray()));
                }
            }
            if (result != null) {
                out.put(path, result);
            }
        }
        return out;
    }

    private static ObjectId writeTree(Map<String, Entry> files, ObjectInserter inserter) throws IOException {
        DirCache cache = DirCache.newInCore();
        DirCacheBuilder builder = cache.builder();
        files.forEach((path, entry) -> {
            DirCacheEntry e = new DirCacheEntry(path);
            e.setFileMode(entry.mode());
            e.setObjectId(entry.id());
            builder.add(e);
        });
        builder.finish();
        return cache.writeTree(inserter);
    }

    @Override
    public String commitDirectory(Path source, List<String> parents, String message) {
        DirectoryIndex.Recorded recorded = index.take(source);
        try (ObjectInserter inserter = inserter()) {
            Map<String, DirectoryIndex.Known> known = new HashMap<>();
            Map<String, Entry> files = new TreeMap<>();
            for (DirectoryIndex.Found f : DirectoryIndex.scan(source)) {
                if (!f.stat().regularFile() || insideDotGit(f.relative())) {
                    continue;
                }
                ObjectId blob = recorded.blob(f.relative(), f.stat());
                if (blob == null) {
                    blob = inserter.insert(Constants.OBJ_BLOB, Files.readAllBytes(f.path()));
                }
                known.put(f.relative(), new DirectoryIndex.Known(f.stat(), blob));
                files.put(f.relative(), new Entry(f.stat().executable() ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE,
                        blob));
            }
            ObjectId tree = writeTree(files, inserter);
            String commit = commit(inserter, tree, parents, message);
            inserter.flush();
            index.record(source, known, recorded);
            return commit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String commitTree(String tree, List<String> parents, String message) {
        try (ObjectInserter inserter = inserter()) {
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
        if (treeOf(from).equals(treeOf(to))) {
            return List.of();
        }
        try (ObjectReader reader = reader(); TreeWalk walk = new TreeWalk(reader)) {
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
        try (ObjectReader reader = reader()) {
            Map<String, byte[]> out = new TreeMap<>();
            for (var e : files(treeOf(treeOrCommit)).entrySet()) {
                out.put(e.getKey(), reader.open(e.getValue().id()).getBytes());
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
            // A branch must name objects of the repository itself, for git and every other tool.
            flushStaged();
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

    /** How {@link #mergeIntoCurrentBranch} went: whether the branch is now merged, and what to tell. */
    public record BranchMerge(boolean merged, String message) {
    }

    /**
     * Merges {@code branch} into the branch checked out in the project's own working tree, as
     * {@code git merge} would: fast-forward when possible, else a merge commit. A merge that
     * conflicts leaves the working tree as {@code git merge} does (markers in the files, the
     * merge to be committed by the user); one that local changes would overwrite changes nothing.
     */
    public BranchMerge mergeIntoCurrentBranch(String branch) {
        flushStaged();
        try (Git git = new Git(repository)) {
            String current = repository.getBranch();
            ObjectId tip = repository.resolve(Constants.R_HEADS + branch);
            if (tip == null) {
                return new BranchMerge(false, "there is no branch " + branch + " to merge");
            }
            org.eclipse.jgit.api.MergeResult result = git.merge().include(branch, tip)
                    .setFastForward(org.eclipse.jgit.api.MergeCommand.FastForwardMode.FF)
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
                        + result.getMergeStatus().toString().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + (result.getFailingPaths() == null ? "" : " (" + String.join(", ",
                        result.getFailingPaths().keySet()) + ")") + "; merge it yourself: git merge " + branch);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            return new BranchMerge(false, "did not merge " + branch + ": " + e.getMessage() + "; merge it yourself: git merge "
                    + branch);
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

    /**
     * Objects are immutable, so what a commit's tree is and what a tree holds can be remembered:
     * every attempt composes from the same base and accepted artifacts, and reading them anew
     * from loose objects (inflating each) was most of a checkout's cost. Bounded, least recently
     * used first out.
     */
    private static final int REMEMBERED = 512;

    private final Map<String, ObjectId> treesOfCommits = java.util.Collections.synchronizedMap(lru());
    private final Map<ObjectId, Map<String, Entry>> filesOfTrees = java.util.Collections.synchronizedMap(lru());

    private static <K, V> Map<K, V> lru() {
        return new java.util.LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    private ObjectId treeOf(String treeOrCommit) {
        ObjectId known = treesOfCommits.get(treeOrCommit);
        if (known != null) {
            return known;
        }
        try (ObjectReader reader = reader(); RevWalk walk = new RevWalk(reader)) {
            ObjectId id = ObjectId.fromString(treeOrCommit);
            var object = walk.parseAny(id);
            ObjectId tree = object instanceof RevCommit c ? c.getTree().getId() : id;
            treesOfCommits.put(treeOrCommit, tree);
            return tree;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files of a tree, path to entry, in a map of the caller's own. */
    private Map<String, Entry> files(ObjectId tree) throws IOException {
        Map<String, Entry> known = filesOfTrees.get(tree);
        if (known == null) {
            Map<String, Entry> read = new TreeMap<>();
            try (ObjectReader reader = reader(); TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(tree);
                walk.setRecursive(true);
                while (walk.next()) {
                    read.put(walk.getPathString(), new Entry(walk.getFileMode(0), walk.getObjectId(0)));
                }
            }
            known = java.util.Collections.unmodifiableMap(read);
            filesOfTrees.put(tree.copy(), known);
        }
        return new TreeMap<>(known);
    }

    /**
     * True for a path inside a {@code .git} directory at any depth. Only whole segments count:
     * {@code .gitignore} and {@code .github/} are the project's files and are committed.
     */
    private static boolean insideDotGit(String relative) {
        for (String segment : relative.split("/")) {
            if (segment.equals(".git")) {
                return true;
            }
        }
        return false;
    }

    /**
     * From now on, new objects are staged: kept in memory and added to {@code log}, which makes
     * them durable with the journal's next commit, instead of each being written as a loose file.
     * They reach the repository's object directory as one pack when a branch is set, when the
     * staged content passes {@value #STAGED_BYTES_BOUND} bytes, and on {@link #close}. Objects the
     * log still holds from a process that stopped before flushing them are flushed first.
     */
    public void stageObjectsIn(ObjectLog log) {
        synchronized (flushing) {
            List<ObjectLog.Entry> leftovers = log.entries();
            if (!leftovers.isEmpty()) {
                writePack(leftovers);
                log.forget(leftovers.stream().map(ObjectLog.Entry::id).toList());
            }
            staged = new StagedObjects(log);
        }
    }

    /** Writes every staged object into the repository, durably, as one pack; then the log drops them. */
    public void flushStaged() {
        StagedObjects s = staged;
        if (s == null) {
            return;
        }
        synchronized (flushing) {
            List<ObjectLog.Entry> batch = s.snapshot();
            if (!batch.isEmpty()) {
                writePack(batch);
                s.flushed(batch);
            }
        }
    }

    private void writePack(List<ObjectLog.Entry> objects) {
        if (!(repository.getObjectDatabase() instanceof ObjectDirectory odb)) {
            throw new IllegalStateException("staged objects need a repository on disk, found "
                    + repository.getObjectDatabase().getClass().getName());
        }
        try {
            Path packs = odb.getPackDirectory().toPath();
            Files.createDirectories(packs);
            Set<Path> before = listing(packs);
            try (PackInserter inserter = odb.newPackInserter()) {
                inserter.checkExisting(false);
                // Written once per run, read little: speed over size (git gc packs tighter later).
                inserter.setCompressionLevel(java.util.zip.Deflater.BEST_SPEED);
                for (ObjectLog.Entry e : objects) {
                    inserter.insert(e.type(), e.data());
                }
                inserter.flush();
            }
            // Only once the pack is on disk may the log forget its objects.
            for (Path p : listing(packs)) {
                if (!before.contains(p)) {
                    Directories.fsync(p);
                }
            }
            Directories.fsync(packs);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the run's git objects into " + directory.resolve(".git")
                    + ": " + e.getMessage(), e);
        }
    }

    private static Set<Path> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return new HashSet<>(files.toList());
        }
    }

    private ObjectInserter inserter() {
        StagedObjects s = staged;
        if (s == null) {
            return repository.newObjectInserter();
        }
        if (s.bytes() > STAGED_BYTES_BOUND) {
            flushStaged();
        }
        return new StagingInserter(s, repository);
    }

    private ObjectReader reader() {
        StagedObjects s = staged;
        return s == null ? repository.newObjectReader() : new OverlayReader(s, repository.newObjectReader());
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
