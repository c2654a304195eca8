package dev.synod.runtime.workspace.internal;

import dev.synod.core.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Trees as maps of path to file: reading them (remembered, since objects never change), writing
 * them, composing layers over a base, and comparing two. Safe for use by several threads.
 */
public final class Trees {
    /** A file of a tree: its mode and content object. */
    public record Entry(FileMode mode, ObjectId id) {
    }

    /**
     * Objects are immutable, so what a commit's tree is and what a tree holds can be remembered:
     * every attempt composes from the same base and accepted artifacts, and reading them anew
     * from loose objects (inflating each) was most of a checkout's cost. Bounded, least recently
     * used first out.
     */
    private static final int REMEMBERED = 512;

    private final ObjectStaging objects;
    private final Map<String, ObjectId> treesOfCommits = Collections.synchronizedMap(lru());
    private final Map<ObjectId, Map<String, Entry>> filesOfTrees = Collections.synchronizedMap(lru());

    public Trees(ObjectStaging objects) {
        this.objects = objects;
    }

    private static <K, V> Map<K, V> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > REMEMBERED;
            }
        };
    }

    /** The tree of a commit, or the tree itself. */
    public ObjectId treeOf(String treeOrCommit) {
        ObjectId known = treesOfCommits.get(treeOrCommit);
        if (known != null) {
            return known;
        }
        try (ObjectReader reader = objects.reader(); RevWalk walk = new RevWalk(reader)) {
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
    public Map<String, Entry> files(ObjectId tree) throws IOException {
        Map<String, Entry> known = filesOfTrees.get(tree);
        if (known == null) {
            Map<String, Entry> read = new TreeMap<>();
            try (ObjectReader reader = objects.reader(); TreeWalk walk = new TreeWalk(reader)) {
                walk.addTree(tree);
                walk.setRecursive(true);
                while (walk.next()) {
                    read.put(walk.getPathString(), new Entry(walk.getFileMode(0), walk.getObjectId(0)));
                }
            }
            known = Collections.unmodifiableMap(read);
            filesOfTrees.put(tree.copy(), known);
        }
        return new TreeMap<>(known);
    }

    /** The files of a tree or commit. */
    public Map<String, Entry> files(String treeOrCommit) throws IOException {
        return files(treeOf(treeOrCommit));
    }

    /** Writes a tree of {@code files} with {@code inserter} (not flushed). */
    public static ObjectId write(Map<String, Entry> files, ObjectInserter inserter) throws IOException {
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

    /** See {@link Workspace#compose}. */
    public String compose(String base, List<Workspace.Layer> layers) {
        try (ObjectInserter inserter = objects.inserter()) {
            Map<String, Entry> files = files(base);
            for (Workspace.Layer layer : layers) {
                files.keySet().removeIf(layer.scope()::contains);
                files(layer.commit()).forEach((path, entry) -> {
                    if (layer.scope().contains(path)) {
                        files.put(path, entry);
                    }
                });
            }
            ObjectId tree = write(files, inserter);
            inserter.flush();
            return tree.name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** See {@link Workspace#changedPaths}. */
    public List<String> changedPaths(String from, String to) {
        if (treeOf(from).equals(treeOf(to))) {
            return List.of();
        }
        try (ObjectReader reader = objects.reader(); TreeWalk walk = new TreeWalk(reader)) {
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

    /** See {@link Workspace#read}. */
    public Map<String, byte[]> read(String treeOrCommit) {
        try (ObjectReader reader = objects.reader()) {
            Map<String, byte[]> out = new TreeMap<>();
            for (var e : files(treeOrCommit).entrySet()) {
                out.put(e.getKey(), reader.open(e.getValue().id()).getBytes());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
