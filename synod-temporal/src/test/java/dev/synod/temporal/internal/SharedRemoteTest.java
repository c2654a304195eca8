package dev.synod.temporal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Blobs;
import dev.synod.core.SynodException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two workers' clones exchanging commits and blobs through one bare remote, at once. */
class SharedRemoteTest {
    @TempDir
    Path dir;

    @Test
    void two_workers_pushing_at_once_lose_none_of_each_others_refs() throws Exception {
        Path remote = dir.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).call().close();
        Path x = init(dir.resolve("x"));
        Path y = init(dir.resolve("y"));
        int each = 15;
        List<String> fromX = commits(x, "x", each);
        List<String> fromY = commits(y, "y", each);
        // The same blobs from both sides at once: content-addressed refs, pushed twice with one value.
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            byte[] content = ("turn " + i).getBytes(StandardCharsets.UTF_8);
            blobs.put(Blobs.hash(content), content);
        }
        try (SharedRemote rx = SharedRemote.open(x, remote.toString());
             SharedRemote ry = SharedRemote.open(y, remote.toString())) {
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Void>> done = new ArrayList<>();
                for (var side : List.of(Map.entry(rx, fromX), Map.entry(ry, fromY))) {
                    Callable<Void> pushes = () -> {
                        together.await();
                        for (int i = 0; i < each; i++) {
                            side.getKey().pushCommits("r1", "agent:impl[dev" + i + "]#1", List.of(side.getValue().get(i)), false);
                            if (i % 5 == 0) {
                                side.getKey().pushBlobs(blobs);
                            }
                        }
                        return null;
                    };
                    done.add(pool.submit(pushes));
                }
                for (Future<Void> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }

            Set<String> refs = Git.lsRemoteRepository().setRemote(remote.toString()).call().stream().map(Ref::getName)
                    .collect(Collectors.toSet());
            for (int i = 0; i < each; i++) {
                assertThat(refs).contains(SharedRemote.commitRef("r1", "agent:impl[dev" + i + "]#1", fromX.get(i)),
                        SharedRemote.commitRef("r1", "agent:impl[dev" + i + "]#1", fromY.get(i)));
            }
            blobs.keySet().forEach(h -> assertThat(refs).contains(SharedRemote.BLOBS + h));

            // Each side now fetches what the other made, and reads the other's blobs.
            assertThat(fromX).noneMatch(ry::has);
            ry.ensureCommits("r1", fromX);
            assertThat(fromX).allMatch(ry::has);
            String hash = blobs.keySet().iterator().next();
            assertThat(ry.fetchBlob(hash)).hasValueSatisfying(b -> assertThat(b).isEqualTo(blobs.get(hash)));
            assertThat(ry.fetchBlob("0".repeat(64))).isEmpty();
            // A commit nobody pushed is an error Temporal retries, naming it.
            assertThatThrownBy(() -> rx.ensureCommits("r1", List.of("1".repeat(40))))
                    .isInstanceOf(SynodException.Retriable.class)
                    .hasMessageContaining("expected the commits [" + "1".repeat(40) + "] of run r1 on the git remote");
        }
    }

    @Test
    void command_ids_become_one_ref_component_git_accepts() {
        assertThat(SharedRemote.escape("agent:impl[dev2]#1")).isEqualTo("agent%3Aimpl%5Bdev2%5D%231");
        assertThat(SharedRemote.escape("record:a..b")).isEqualTo("record%3Aa%2E%2Eb");
        assertThat(org.eclipse.jgit.lib.Repository.isValidRefName(
                SharedRemote.commitRef("r-1", "ballot:money#2:dev[3]", "a".repeat(40)))).isTrue();
    }

    @Test
    void a_remote_url_is_shown_without_its_password() {
        assertThat(SharedRemote.redacted("https://bot:s3cret@git.example.com/team.git"))
                .isEqualTo("https://git.example.com/team.git");
        assertThat(SharedRemote.redacted("/srv/git/team.git")).isEqualTo("/srv/git/team.git");
    }

    private static Path init(Path at) throws Exception {
        Git.init().setDirectory(at.toFile()).call().close();
        return at;
    }

    /** {@code n} commits of distinct trees in the repository at {@code at}, referenced by no ref, as an attempt leaves them. */
    private static List<String> commits(Path at, String who, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Git git = Git.open(at.toFile()); ObjectInserter in = git.getRepository().newObjectInserter()) {
            Repository repo = git.getRepository();
            PersonIdent ident = new PersonIdent("synod", "synod@localhost");
            for (int i = 0; i < n; i++) {
                TreeFormatter tree = new TreeFormatter();
                tree.append("f", org.eclipse.jgit.lib.FileMode.REGULAR_FILE,
                        in.insert(Constants.OBJ_BLOB, (who + i).getBytes(StandardCharsets.UTF_8)));
                CommitBuilder commit = new CommitBuilder();
                commit.setTreeId(in.insert(tree));
                commit.setAuthor(ident);
                commit.setCommitter(ident);
                commit.setMessage(who + " " + i);
                ids.add(in.insert(commit).name());
            }
            in.flush();
            assertThat(repo.getRefDatabase().getRefs()).isEmpty();
        }
        return ids;
    }
}
