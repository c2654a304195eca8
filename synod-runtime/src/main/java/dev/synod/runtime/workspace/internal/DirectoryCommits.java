package dev.synod.runtime.workspace.internal;

import dev.synod.core.SynodException;
import dev.synod.core.Workspace;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Plain directories to commits and back: committing what an agent left in its workspace, and
 * writing a tree into a reused directory, both using the stat data of {@link DirectoryIndex} so
 * that an unchanged file is neither read nor written again.
 */
public final class DirectoryCommits {
    /** Synod's name on the commits it makes. */
    public static final PersonIdent SYNOD = new PersonIdent("Synod", "synod@localhost");

    private final ObjectStaging objects;
    private final Trees trees;
    private final DirectoryIndex index = new DirectoryIndex();

    public DirectoryCommits(ObjectStaging objects, Trees trees) {
        this.objects = objects;
        this.trees = trees;
    }

    /** What a walk of an attempt's directory found: files to commit, paths dropped, problems refused. */
    private record Walked(List<DirectoryIndex.Found> files, List<String> dropped, List<Workspace.PathProblem> problems) {
    }

    /** See {@link Workspace#commitAttempt}. */
    public Workspace.Committed commitAttempt(Path source, List<String> parents, String message, long maxFileBytes) {
        DirectoryIndex.Recorded recorded = index.take(source);
        Walked walked = walk(source, maxFileBytes, recorded);
        if (!walked.problems().isEmpty()) {
            // Before anything is inserted: a refused attempt stages no object and logs none.
            index.putBack(source, recorded);
            throw new Workspace.Refused(walked.problems());
        }
        try (ObjectInserter inserter = objects.inserter()) {
            Map<String, DirectoryIndex.Known> known = new HashMap<>();
            Map<String, Trees.Entry> files = new TreeMap<>();
            List<Workspace.PathProblem> unreadable = new ArrayList<>();
            for (DirectoryIndex.Found f : walked.files()) {
                ObjectId blob = recorded.blob(f.relative(), f.stat());
                if (blob == null) {
                    // Streamed, never read whole here: the inserter holds at most what it must keep.
                    try (InputStream in = Files.newInputStream(f.path(), LinkOption.NOFOLLOW_LINKS)) {
                        blob = inserter.insert(Constants.OBJ_BLOB, f.stat().size(), in);
                    } catch (AccessDeniedException e) {
                        unreadable.add(unreadable(f.relative()));
                        continue;
                    }
                }
                known.put(f.relative(), new DirectoryIndex.Known(f.stat(), blob));
                files.put(f.relative(), new Trees.Entry(f.stat().executable() ? FileMode.EXECUTABLE_FILE
                        : FileMode.REGULAR_FILE, blob));
            }
            if (!unreadable.isEmpty()) {
                // What was inserted is not named by any commit; packed, it is garbage git gc drops.
                throw new Workspace.Refused(unreadable);
            }
            ObjectId tree = Trees.write(files, inserter);
            String commit = commit(inserter, tree, parents, message);
            inserter.flush();
            index.record(source, known, recorded);
            return new Workspace.Committed(commit, walked.dropped());
        } catch (IOException e) {
            throw new UncheckedIOException("could not commit the files of " + source + ": " + e.getMessage(), e);
        }
    }

    private static Workspace.PathProblem unreadable(String relative) {
        return new Workspace.PathProblem(relative, "a file that cannot be read (permission denied); give its owner read"
                + " permission (chmod u+r)");
    }

    private static Walked walk(Path source, long maxFileBytes, DirectoryIndex.Recorded base) {
        Walked out = new Walked(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        try {
            walk(source, "", maxFileBytes, base, out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the files of " + source + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static void walk(Path dir, String prefix, long maxFileBytes, DirectoryIndex.Recorded base, Walked out)
            throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (AccessDeniedException e) {
            out.problems().add(new Workspace.PathProblem(prefix.isEmpty() ? "." : prefix,
                    "a directory that cannot be read (permission denied); give its owner read and search permission"
                    + " (chmod u+rx)"));
            return;
        }
        for (Path p : entries) {
            String name = p.getFileName().toString();
            String relative = prefix + name;
            if (!validName(p, name)) {
                out.problems().add(new Workspace.PathProblem(FileNames.escaped(relative), "a name that is not valid UTF-8,"
                        + " which git would store under another name; rename it"));
                continue;
            }
            DirectoryIndex.Stat st = DirectoryIndex.stat(p);
            if (name.equals(".git")) {
                out.dropped().add(relative + ": " + (st.directory() ? "a .git directory" : "a .git file")
                        + " holds git's metadata, not the project's files");
            } else if (st.directory()) {
                walk(p, relative + "/", maxFileBytes, base, out);
            } else if (st.regularFile()) {
                // The limit is on what the agent wrote: a file of the base, as checked out and not
                // touched since (a large dataset of the project's), is the project's own.
                boolean fromBase = base.unchanged(relative, st);
                if (!fromBase && st.size() > maxFileBytes) {
                    out.problems().add(new Workspace.PathProblem(relative, st.size() + " bytes, over the limit of "
                            + maxFileBytes + " bytes for one file; delete it or keep it out of the workspace"));
                } else if ((st.mode() & 0400) == 0) {
                    // Root reads it anyway, the agent's own user cannot: refused alike either way.
                    out.problems().add(unreadable(relative));
                } else {
                    out.files().add(new DirectoryIndex.Found(p, relative, st));
                }
            } else {
                out.dropped().add(relative + ": " + FileNames.kind(p, st.mode()) + ", which git does not keep");
            }
        }
    }

    /**
     * Whether the name read from the directory is the name on disk. The JDK decodes a name that
     * is not valid UTF-8 with a replacement character, so the string names another file (or
     * none); committing it would rename the file, and two such names could collide.
     */
    private static boolean validName(Path found, String name) {
        if (name.indexOf('\uFFFD') < 0) {
            return true;
        }
        Path byName = found.resolveSibling(name);
        try {
            return Files.exists(byName, LinkOption.NOFOLLOW_LINKS) && Files.isSameFile(byName, found);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes {@code target} hold exactly the tree's files, writing only what differs: a file whose
     * content and executable bit already match is left alone, so a role's workspace reused from
     * step to step costs a look at its files rather than a rewrite. Anything else there (other
     * files, symbolic links, empty directories) is removed, and a directory an agent made
     * unreadable gets its owner's permissions back first. A file is compared by its git hash,
     * read from its content unless its stat data shows it unchanged since Synod last wrote or read
     * it ({@link DirectoryIndex}: inode and ctime included, so no edit goes unseen).
     */
    public void checkout(String treeOrCommit, Path target) {
        DirectoryIndex.Recorded recorded = index.take(target);
        try {
            Map<String, Trees.Entry> wanted = trees.files(treeOrCommit);
            List<String> gitlinks = wanted.entrySet().stream().filter(e -> e.getValue().mode() == FileMode.GITLINK)
                    .map(Map.Entry::getKey).toList();
            if (!gitlinks.isEmpty()) {
                // A gitlink names a commit of another repository, which this one does not hold.
                throw new SynodException.InvalidInput("cannot check out " + treeOrCommit + " into " + target
                        + ": expected files and directories, found a git submodule (gitlink) at " + String.join(", ",
                        gitlinks) + ", whose commit is not in this repository");
            }
            if (Files.isSymbolicLink(target) || Files.exists(target, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(target);
            }
            Files.createDirectories(target);
            Map<String, DirectoryIndex.Known> present = new HashMap<>();
            List<Path> directories = new ArrayList<>();
            for (DirectoryIndex.Found f : DirectoryIndex.scanRestoringAccess(target)) {
                if (f.stat().directory()) {
                    directories.add(f.path());
                    continue;
                }
                Trees.Entry entry = f.stat().regularFile() ? wanted.get(f.relative()) : null;
                if (entry != null && f.stat().executable() == (entry.mode() == FileMode.EXECUTABLE_FILE)) {
                    ObjectId blob = recorded.blob(f.relative(), f.stat());
                    if (blob == null) {
                        try (InputStream in = Files.newInputStream(f.path(), LinkOption.NOFOLLOW_LINKS)) {
                            blob = ObjectIds.blobId(f.stat().size(), in);
                        }
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
            try (ObjectReader reader = objects.reader()) {
                for (var file : wanted.entrySet()) {
                    if (present.containsKey(file.getKey())) {
                        continue;
                    }
                    Path path = target.resolve(file.getKey());
                    Files.createDirectories(path.getParent());
                    try (var out = Files.newOutputStream(path)) {
                        reader.open(file.getValue().id()).copyTo(out);
                    }
                    path.toFile().setExecutable(file.getValue().mode() == FileMode.EXECUTABLE_FILE);
                    known.put(file.getKey(), new DirectoryIndex.Known(DirectoryIndex.stat(path), file.getValue().id()));
                }
            }
            index.record(target, known, recorded);
        } catch (IOException e) {
            throw new UncheckedIOException("could not check out " + treeOrCommit + " into " + target + ": "
                    + e.getMessage(), e);
        }
    }

    /** See {@link Workspace#commitTree}. */
    public String commitTree(String tree, List<String> parents, String message) {
        try (ObjectInserter inserter = objects.inserter()) {
            String commit = commit(inserter, ObjectId.fromString(tree), parents, message);
            inserter.flush();
            return commit;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String commit(ObjectInserter inserter, ObjectId tree, List<String> parents, String message)
            throws IOException {
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(tree);
        cb.setParentIds(parents.stream().distinct().map(ObjectId::fromString).toList());
        cb.setAuthor(SYNOD);
        cb.setCommitter(SYNOD);
        cb.setMessage(message);
        return inserter.insert(cb).name();
    }
}
