package dev.synod.runtime.workspace.internal;

import dev.synod.core.Workspace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.merge.MergeAlgorithm;
import org.eclipse.jgit.merge.MergeFormatter;
import org.eclipse.jgit.merge.MergeResult;

/** Three-way merges of trees in memory, file by file and line by line (see {@link Workspace#merge}). */
public final class Merges {
    private final ObjectStaging objects;
    private final Trees trees;

    public Merges(ObjectStaging objects, Trees trees) {
        this.objects = objects;
        this.trees = trees;
    }

    /** See {@link Workspace#merge}. */
    public Workspace.Merge merge(String base, Map<String, String> commits) {
        try (ObjectInserter inserter = objects.inserter(); ObjectReader reader = objects.reader()) {
            Map<String, Trees.Entry> ancestor = trees.files(base);
            Map<String, Trees.Entry> merged = null;
            String mergedLabel = null;
            Set<String> conflicts = new TreeSet<>();
            for (var side : commits.entrySet()) {
                Map<String, Trees.Entry> theirs = trees.files(side.getValue());
                if (merged == null) {
                    merged = theirs;
                    mergedLabel = side.getKey();
                    continue;
                }
                merged = merge3(ancestor, merged, theirs, List.of("base", mergedLabel, side.getKey()), inserter, reader,
                        conflicts);
                mergedLabel = mergedLabel + "+" + side.getKey();
            }
            if (merged == null) {
                merged = ancestor;
            }
            ObjectId tree = Trees.write(merged, inserter);
            inserter.flush();
            return new Workspace.Merge(tree.name(), List.copyOf(conflicts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Trees.Entry> merge3(Map<String, Trees.Entry> base, Map<String, Trees.Entry> ours,
                                                   Map<String, Trees.Entry> theirs, List<String> labels,
                                                   ObjectInserter inserter, ObjectReader reader, Set<String> conflicts)
            throws IOException {
        Set<String> paths = new TreeSet<>(ours.keySet());
        paths.addAll(theirs.keySet());
        paths.addAll(base.keySet());
        Map<String, Trees.Entry> out = new TreeMap<>();
        for (String path : paths) {
            Trees.Entry b = base.get(path);
            Trees.Entry x = ours.get(path);
            Trees.Entry y = theirs.get(path);
            Trees.Entry result;
            if (Objects.equals(x, y)) {
                result = x;
            } else if (Objects.equals(x, b)) {
                result = y;
            } else if (Objects.equals(y, b)) {
                result = x;
            } else if (x == null || y == null) {
                conflicts.add(path);
                result = x == null ? y : x;
            } else {
                result = mergeText(path, b, x, y, labels, inserter, reader, conflicts);
            }
            if (result != null) {
                out.put(path, result);
            }
        }
        return out;
    }

    /** Both sides changed the file: a line-by-line merge, or ours kept for a binary file. */
    private static Trees.Entry mergeText(String path, Trees.Entry b, Trees.Entry x, Trees.Entry y, List<String> labels,
                                         ObjectInserter inserter, ObjectReader reader, Set<String> conflicts)
            throws IOException {
        byte[] ancestor = b == null ? new byte[0] : reader.open(b.id()).getBytes();
        byte[] mine = reader.open(x.id()).getBytes();
        byte[] other = reader.open(y.id()).getBytes();
        FileMode mode = Objects.equals(x.mode(), b == null ? null : b.mode()) ? y.mode() : x.mode();
        if (RawText.isBinary(mine) || RawText.isBinary(other) || RawText.isBinary(ancestor)) {
            conflicts.add(path);
            return x;
        }
        MergeResult<RawText> m = new MergeAlgorithm().merge(RawTextComparator.DEFAULT, new RawText(ancestor),
                new RawText(mine), new RawText(other));
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new MergeFormatter().formatMerge(text, m, labels, StandardCharsets.UTF_8);
        if (m.containsConflicts()) {
            conflicts.add(path);
        }
        return new Trees.Entry(mode, inserter.insert(Constants.OBJ_BLOB, text.toByteArray()));
    }
}
