package dev.synod.runtime.workspace.internal;

import dev.synod.core.SynodException;
import dev.synod.runtime.internal.DiskFull;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Opening the project's repository, making it when missing, and repairing what a process killed
 * during its creation left behind: a {@code .git} without HEAD, lock files of a first commit.
 */
public final class RepositoryInit {
    private RepositoryInit() {
    }

    /**
     * The repository rooted at {@code directory}, made with a first commit of the directory's
     * files when it is not the root of a git repository (or has no commit yet). {@code .synod/}
     * is added to {@code .git/info/exclude}.
     *
     * @throws SynodException.Retriable when the disk is full
     * @throws SynodException.InvalidInput when no repository can be opened or made there
     */
    public static Repository openOrInit(Path directory) {
        try {
            Path dotGit = directory.resolve(".git");
            if (!Files.isDirectory(dotGit)) {
                Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call().close();
            } else if (!Files.exists(dotGit.resolve("HEAD"))) {
                completeInit(dotGit);
            }
            Repository repo = new FileRepositoryBuilder().setGitDir(dotGit.toFile()).setWorkTree(directory.toFile())
                    .setMustExist(true).build();
            try {
                exclude(repo, ".synod/");
                if (repo.resolve(Constants.HEAD) == null) {
                    removeStaleLocks(dotGit);
                    commitAll(repo, "synod: first commit of the project's files");
                }
                return repo;
            } catch (IOException | GitAPIException | RuntimeException e) {
                repo.close();
                throw e;
            }
        } catch (IOException | GitAPIException e) {
            RuntimeException failure = new SynodException.InvalidInput("cannot open or create a git repository in "
                    + directory + ": " + e.getMessage(), e);
            throw DiskFull.mapped(failure, directory, "run synod run again");
        } catch (RuntimeException e) {
            throw DiskFull.mapped(e, directory, "run synod run again");
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

    private static void exclude(Repository repository, String pattern) throws IOException {
        Path exclude = repository.getDirectory().toPath().resolve("info").resolve("exclude");
        Files.createDirectories(exclude.getParent());
        String existing = Files.exists(exclude) ? Files.readString(exclude) : "";
        if (!existing.lines().anyMatch(l -> l.strip().equals(pattern))) {
            Files.writeString(exclude, existing + (existing.isEmpty() || existing.endsWith("\n") ? "" : "\n") + pattern
                    + "\n");
        }
    }

    private static void commitAll(Repository repository, String message) throws GitAPIException {
        try (Git git = new Git(repository)) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage(message).setAuthor(DirectoryCommits.SYNOD).setCommitter(DirectoryCommits.SYNOD)
                    .setSign(false).setAllowEmpty(true).call();
        }
    }
}
