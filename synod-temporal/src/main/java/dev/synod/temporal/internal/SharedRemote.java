package dev.synod.temporal.internal;

import dev.synod.core.SynodException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;

/**
 * One worker's exchange with the git remote its team shares, through JGit's transport (no
 * {@code git} process): what a command starts from is fetched, what it made is pushed. The
 * remote's refs are laid out so that no two workers ever write the same ref with different
 * values, and so that nothing a run still needs is unreferenced there:
 *
 * <ul>
 *   <li>{@code refs/synod/runs/<run>/start}: the run's start commit, pushed by the starter from its
 *       {@code refs/synod/start/<run>};</li>
 *   <li>{@code refs/synod/runs/<run>/<command>/<commit>}: each commit a command made (an attempt's,
 *       a decision record's, the release's), the command id escaped for git; the commit id in the
 *       name makes the ref unique, so a worker that was deemed lost and pushes late adds a ref
 *       beside its successor's instead of replacing it;</li>
 *   <li>{@code refs/synod/blobs/<sha256>}: a git blob holding the Synod blob of that hash (model
 *       turns, transcripts, the team's texts), content-addressed, so two workers pushing the same
 *       blob push the same value;</li>
 *   <li>{@code refs/heads/synod/<run>}: the run's release branch, the one ref pushed with force
 *       (a release done again after a lost worker moves it).</li>
 * </ul>
 *
 * <p>It works on its own JGit handle of the worker's repository, beside the run's
 * {@code GitRepository}; both see the same object directory. Everything of one run is under
 * {@code refs/synod/runs/<run>/} but its blobs and release, so one wildcard fetches it and one
 * deletion forgets it. Exchanges of one worker take turns,
 * so that concurrent commands do not write the same local refs at once.
 */
public final class SharedRemote implements AutoCloseable {
    /** Where the remote keeps Synod's blobs, one ref per blob. */
    public static final String BLOBS = "refs/synod/blobs/";

    private static final int PUSH_TRIES = 3;

    private final Repository repository;
    private final String url;
    private final String shown;
    private final Object exchanging = new Object();

    private SharedRemote(Repository repository, String url, String shown) {
        this.repository = repository;
        this.url = url;
        this.shown = shown;
    }

    /**
     * Opens the exchange between the repository of {@code directory} and the remote {@code url}
     * (a URL or a path of a bare repository, as {@code git} accepts), after checking that the
     * remote answers.
     *
     * @throws SynodException.InvalidInput when the remote is not a git repository this worker reaches
     */
    public static SharedRemote open(Path directory, String url) {
        String shown = redacted(url);
        Repository repository;
        try {
            repository = new FileRepositoryBuilder().setGitDir(directory.resolve(Constants.DOT_GIT).toFile())
                    .setMustExist(true).build();
        } catch (IOException e) {
            throw new SynodException.InvalidInput("expected a git repository in " + directory + ", found none: " + e.getMessage());
        }
        try {
            Git.lsRemoteRepository().setRemote(url).setHeads(false).setTags(false).call();
        } catch (GitAPIException | RuntimeException e) {
            repository.close();
            throw new SynodException.InvalidInput("expected a git remote this worker reaches at " + shown + ", found: "
                    + redact(e.getMessage(), url, shown));
        }
        return new SharedRemote(repository, url, shown);
    }

    /** The remote as messages show it: without a user or password. */
    public String shown() {
        return shown;
    }

    /** The ref of the start commit of {@code run} on the remote. */
    public static String startRef(String run) {
        return runRefs(run) + "start";
    }

    /** Where the remote keeps the refs of run {@code run}. */
    public static String runRefs(String run) {
        return "refs/synod/runs/" + run + "/";
    }

    /** The wildcard spec that fetches every ref of run {@code run}. */
    private static RefSpec runSpec(String run) {
        return new RefSpec("+" + runRefs(run) + "*:" + runRefs(run) + "*");
    }

    /** The ref of {@code commit}, made by command {@code command} of run {@code run}. */
    public static String commitRef(String run, String command, String commit) {
        return runRefs(run) + escape(command) + "/" + commit;
    }

    /** The run's release branch. */
    public static String releaseRef(String run) {
        return Constants.R_HEADS + "synod/" + run;
    }

    /**
     * A command id as one ref name component: letters, digits, {@code -} and {@code _} stay, every
     * other byte of its UTF-8 is {@code %XX} ({@code agent:impl[dev2]#1} is
     * {@code agent%3Aimpl%5Bdev2%5D%231}), since git refuses {@code :}, {@code [} and {@code ..} in refs.
     */
    static String escape(String command) {
        StringBuilder out = new StringBuilder();
        for (byte b : command.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    /** Whether this worker's repository has the object {@code id}. */
    public boolean has(String id) {
        try {
            return repository.getObjectDatabase().has(ObjectId.fromString(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes sure this worker's repository has every commit of {@code commits}: when one is missing,
     * fetches the start and every pushed commit of run {@code run}.
     *
     * @throws SynodException.Retriable when the remote cannot be reached or still lacks one of
     *                                  them (its maker has not pushed it: Temporal tries again)
     */
    public void ensureCommits(String run, Collection<String> commits) {
        if (commits.stream().allMatch(this::has)) {
            return;
        }
        synchronized (exchanging) {
            fetch(List.of(runSpec(run)));
        }
        List<String> missing = commits.stream().filter(c -> !has(c)).toList();
        if (!missing.isEmpty()) {
            throw new SynodException.Retriable("expected the commits " + missing + " of run " + run + " on the git remote "
                    + shown + ", found none there", null);
        }
    }

    /**
     * Pushes {@code commits}, which command {@code command} of run {@code run} made, each under
     * its own ref, and, when {@code release}, the run's release branch as this worker has it.
     */
    public void pushCommits(String run, String command, Collection<String> commits, boolean release) {
        synchronized (exchanging) {
            List<RefSpec> specs = new ArrayList<>();
            for (String commit : new LinkedHashSet<>(commits)) {
                String ref = commitRef(run, command, commit);
                setRef(ref, ObjectId.fromString(commit));
                specs.add(new RefSpec(ref + ":" + ref));
            }
            if (release) {
                String branch = releaseRef(run);
                specs.add(new RefSpec("+" + branch + ":" + branch));
            }
            push(specs);
        }
    }

    /** Pushes the start commit of {@code run}, which this worker's repository has under {@code refs/synod/start/<run>}. */
    public void pushStart(String run) {
        synchronized (exchanging) {
            push(List.of(new RefSpec("refs/synod/start/" + run + ":" + startRef(run))));
        }
    }

    /**
     * Brings the release branch of {@code run} from the remote into this repository, with the
     * run's commits, replacing a local branch of that name.
     *
     * @return the commit the branch points at
     * @throws SynodException.InvalidInput when the remote has no release of that run (it did not finish)
     */
    public String fetchRelease(String run) {
        String branch = releaseRef(run);
        synchronized (exchanging) {
            if (!remoteHas(branch)) {
                throw new SynodException.InvalidInput("expected the release branch synod/" + run + " on the git remote "
                        + shown + ", found none (has the run finished?)");
            }
            fetch(List.of(new RefSpec("+" + branch + ":" + branch), runSpec(run)));
        }
        try {
            return repository.exactRef(branch).getObjectId().name();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pushes the blobs {@code contents}, hash to content, each as a git blob under {@link #BLOBS}{@code <hash>}. */
    public void pushBlobs(Map<String, byte[]> contents) {
        if (contents.isEmpty()) {
            return;
        }
        synchronized (exchanging) {
            List<RefSpec> specs = new ArrayList<>();
            try (ObjectInserter inserter = repository.newObjectInserter()) {
                List<ObjectId> ids = new ArrayList<>();
                for (byte[] content : contents.values()) {
                    ids.add(inserter.insert(Constants.OBJ_BLOB, content));
                }
                inserter.flush();
                int i = 0;
                for (String hash : contents.keySet()) {
                    setRef(BLOBS + hash, ids.get(i++));
                    specs.add(new RefSpec(BLOBS + hash + ":" + BLOBS + hash));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("could not store blobs as git objects in " + repository.getDirectory(), e);
            }
            push(specs);
        }
    }

    /**
     * The blob of hash {@code hash} from the remote, or empty when the remote has none.
     *
     * @throws SynodException.Retriable when the remote cannot be reached
     */
    public Optional<byte[]> fetchBlob(String hash) {
        String ref = BLOBS + hash;
        synchronized (exchanging) {
            if (!remoteHas(ref)) {
                return Optional.empty();
            }
            fetch(List.of(new RefSpec("+" + ref + ":" + ref)));
            try {
                Ref fetched = repository.exactRef(ref);
                return Optional.of(repository.open(fetched.getObjectId(), Constants.OBJ_BLOB).getCachedBytes(Integer.MAX_VALUE));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read the blob " + hash + " fetched from " + shown, e);
            }
        }
    }

    private boolean remoteHas(String ref) {
        try {
            return Git.lsRemoteRepository().setRemote(url).setHeads(false).setTags(false).call().stream()
                    .anyMatch(r -> r.getName().equals(ref));
        } catch (GitAPIException | RuntimeException e) {
            throw unreachable("list the refs of", e);
        }
    }

    private void fetch(List<RefSpec> specs) {
        try (Git git = Git.wrap(repository)) {
            git.fetch().setRemote(url).setRefSpecs(specs).setRemoveDeletedRefs(false).call();
        } catch (GitAPIException | RuntimeException e) {
            throw unreachable("fetch from", e);
        }
    }

    /**
     * Pushes {@code specs}, trying again those the remote refused for a lock another worker held
     * (two workers pushing the same blob at once): refs of distinct names never conflict, and a
     * content-addressed ref pushed again is up to date.
     */
    private void push(List<RefSpec> specs) {
        List<RefSpec> left = specs;
        List<String> refused = List.of();
        for (int attempt = 0; attempt < PUSH_TRIES && !left.isEmpty(); attempt++) {
            Set<String> failed = new LinkedHashSet<>();
            List<String> why = new ArrayList<>();
            try (Git git = Git.wrap(repository)) {
                for (PushResult result : git.push().setRemote(url).setRefSpecs(left).call()) {
                    for (RemoteRefUpdate u : result.getRemoteUpdates()) {
                        if (u.getStatus() != RemoteRefUpdate.Status.OK && u.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                            failed.add(u.getRemoteName());
                            why.add(u.getRemoteName() + ": " + u.getStatus()
                                    + (u.getMessage() == null ? "" : " (" + u.getMessage() + ")"));
                        }
                    }
                }
            } catch (GitAPIException | RuntimeException e) {
                throw unreachable("push to", e);
            }
            left = left.stream().filter(s -> failed.contains(s.getDestination())).toList();
            refused = why;
        }
        if (!left.isEmpty()) {
            throw new SynodException.Retriable("the git remote " + shown + " refused " + String.join("; ", refused), null);
        }
    }

    private void setRef(String name, ObjectId id) {
        try {
            RefUpdate update = repository.updateRef(name);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            RefUpdate.Result result = update.update();
            if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                    && result != RefUpdate.Result.FAST_FORWARD && result != RefUpdate.Result.NO_CHANGE) {
                throw new SynodException.Retriable("could not set " + name + " to " + id.name() + " in "
                        + repository.getDirectory() + ": " + result, null);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SynodException.Retriable unreachable(String what, Exception e) {
        // No cause: its message may name the remote with its password, and a failure reaches Temporal's history.
        return new SynodException.Retriable("could not " + what + " the git remote " + shown + ": "
                + redact(e.getMessage(), url, shown), null);
    }

    /** {@code url} without its user and password, so that no secret reaches a message, a log or the history. */
    static String redacted(String url) {
        try {
            URIish uri = new URIish(url);
            return uri.getPass() == null && uri.getUser() == null ? url : uri.setUser(null).setPass(null).toString();
        } catch (URISyntaxException e) {
            return url;
        }
    }

    private static String redact(String message, String url, String shown) {
        return message == null ? "" : message.replace(url, shown);
    }

    @Override
    public void close() {
        repository.close();
    }
}
