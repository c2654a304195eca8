package dev.synod.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** What the one release branch ({@code synod/<run>}) of a run directory holds, read with JGit. */
final class ReleaseBranch {
    private ReleaseBranch() {
    }

    /** The text of {@code path} on the release branch of {@code project}; fails the test when it is not there. */
    static String file(Path project, String path) throws IOException {
        try (Git git = Git.open(project.toFile())) {
            Repository repo = git.getRepository();
            String branch = name(repo);
            try (RevWalk walk = new RevWalk(repo);
                 TreeWalk tree = TreeWalk.forPath(repo, path, walk.parseCommit(repo.resolve(branch)).getTree())) {
                assertThat(tree).as("%s on %s", path, branch).isNotNull();
                return new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    /** The release branch's tree of {@code project}, written out as files under {@code to}. */
    static Path export(Path project, Path to) throws IOException {
        try (Git git = Git.open(project.toFile())) {
            Repository repo = git.getRepository();
            try (RevWalk walk = new RevWalk(repo); TreeWalk tree = new TreeWalk(repo)) {
                tree.addTree(walk.parseCommit(repo.resolve(name(repo))).getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    Path file = to.resolve(tree.getPathString());
                    Files.createDirectories(file.getParent());
                    Files.write(file, repo.open(tree.getObjectId(0)).getBytes());
                }
            }
        }
        return to;
    }

    private static String name(Repository repo) throws IOException {
        return repo.getRefDatabase().getRefsByPrefix("refs/heads/synod/").get(0).getName();
    }
}
