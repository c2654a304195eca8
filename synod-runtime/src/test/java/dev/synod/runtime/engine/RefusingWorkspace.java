package dev.synod.runtime.engine;

import dev.synod.core.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A workspace whose {@link #commitAttempt} refuses files over the limit and reports symbolic links
 * as dropped (which {@link Workspace#commitDirectory} leaves out): so that engine tests see both
 * answers without depending on how the git workspace implements them.
 */
final class RefusingWorkspace implements Workspace {
    private final Workspace inner;

    RefusingWorkspace(Workspace inner) {
        this.inner = inner;
    }

    @Override
    public Committed commitAttempt(Path source, List<String> parents, String message, long maxFileBytes) {
        List<String> problems = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.sorted().toList()) {
                String path = source.relativize(p).toString().replace('\\', '/');
                if (Files.isSymbolicLink(p)) {
                    dropped.add(path + ": a symbolic link");
                } else if (Files.isRegularFile(p) && Files.size(p) > maxFileBytes) {
                    problems.add(path + ": " + Files.size(p) + " bytes, over the limit of " + maxFileBytes + " bytes");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems);
        }
        return new Committed(inner.commitDirectory(source, parents, message), dropped);
    }

    @Override
    public Path directory() {
        return inner.directory();
    }

    @Override
    public String head() {
        return inner.head();
    }

    @Override
    public String compose(String base, List<Layer> layers) {
        return inner.compose(base, layers);
    }

    @Override
    public Merge merge(String base, Map<String, String> commits) {
        return inner.merge(base, commits);
    }

    @Override
    public void checkout(String treeOrCommit, Path target) {
        inner.checkout(treeOrCommit, target);
    }

    @Override
    public String commitDirectory(Path source, List<String> parents, String message) {
        return inner.commitDirectory(source, parents, message);
    }

    @Override
    public String commitTree(String tree, List<String> parents, String message) {
        return inner.commitTree(tree, parents, message);
    }

    @Override
    public List<String> changedPaths(String from, String to) {
        return inner.changedPaths(from, to);
    }

    @Override
    public String tree(String treeOrCommit) {
        return inner.tree(treeOrCommit);
    }

    @Override
    public Map<String, byte[]> read(String treeOrCommit) {
        return inner.read(treeOrCommit);
    }

    @Override
    public void setBranch(String branch, String commit) {
        inner.setBranch(branch, commit);
    }

    @Override
    public Optional<String> branch(String branch) {
        return inner.branch(branch);
    }

    @Override
    public void close() {
        // the test closes the repository it wraps
    }
}
