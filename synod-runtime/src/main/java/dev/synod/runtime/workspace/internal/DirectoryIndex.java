package dev.synod.runtime.workspace.internal;

import dev.synod.runtime.internal.Permissions;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What the files of the directories Synod reuses (a role's workspace, its gates' workspace) were
 * when Synod last wrote or read them: each file's stat data and git blob id. A file whose stat
 * data is unchanged since then is not read again, as {@code git status} does with its index.
 *
 * <p>The stat data includes the inode and the status-change time (ctime), which every write,
 * truncation, rename over or change of mode sets to the current time and which no unprivileged
 * process can set back (unlike the modification time, which {@code touch} can), so an edit that
 * keeps a file's size and modification time is still seen. A record is trusted only if the
 * file's ctime is older than the record by more than {@link #RACY_NANOS}: file times come from a
 * coarse clock, so a file written just before the record could be changed again within the same
 * tick without any visible trace (git's "racily clean" entries). Where the file system does not
 * give ctime and inode, nothing is trusted and every file is read.
 */
public final class DirectoryIndex {
    /** How close to its record a change of a file may go unseen in its times: above any clock tick. */
    static final long RACY_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final int BOUND = 1024;
    private static final boolean UNIX_ATTRIBUTES = FileSystems.getDefault().supportedFileAttributeViews()
            .contains("unix");

    /** A file's stat data; {@code ctimeNanos} is -1 when the file system does not tell it. */
    public record Stat(int mode, long size, long mtimeNanos, long ctimeNanos, long inode) {
        private static final int TYPE = 0170000;
        private static final int REGULAR = 0100000;
        private static final int DIRECTORY = 0040000;

        public boolean regularFile() {
            return (mode & TYPE) == REGULAR;
        }

        public boolean directory() {
            return (mode & TYPE) == DIRECTORY;
        }

        /** Executable by its owner, as git records it. */
        public boolean executable() {
            return (mode & 0100) != 0;
        }
    }

    /** A file as recorded: its stat data and the id of its content as a git blob. */
    public record Known(Stat stat, ObjectId blob) {
    }

    private record Snapshot(Map<String, Known> files, long takenNanos) {
    }

    private final Map<Path, Snapshot> snapshots = new ConcurrentHashMap<>();

    /**
     * Takes what was recorded of {@code directory}, leaving nothing behind until {@link #record}:
     * a failure halfway through an operation must not leave a record that no longer holds.
     */
    public Recorded take(Path directory) {
        long now = epochNanos(Instant.now());
        Snapshot s = snapshots.remove(directory.toAbsolutePath().normalize());
        return new Recorded(s, now);
    }

    /**
     * Records the files of {@code directory}, as stat'ed since {@code since} was taken: a record is
     * dated from before its first stat, so a change after any of them can never look older.
     */
    public void record(Path directory, Map<String, Known> files, Recorded since) {
        if (!UNIX_ATTRIBUTES) {
            return;
        }
        if (snapshots.size() >= BOUND) {
            snapshots.clear();
        }
        snapshots.put(directory.toAbsolutePath().normalize(), new Snapshot(Map.copyOf(files), since.takenNanos));
    }

    /** A record taken by {@link #take}. */
    public static final class Recorded {
        private final Snapshot snapshot;
        private final long takenNanos;

        private Recorded(Snapshot snapshot, long takenNanos) {
            this.snapshot = snapshot;
            this.takenNanos = takenNanos;
        }

        /**
         * The blob id of the file at {@code relative} if its stat data is what was recorded and the
         * record can be trusted; null when the file must be read.
         */
        public ObjectId blob(String relative, Stat now) {
            if (snapshot == null || now.ctimeNanos() < 0) {
                return null;
            }
            Known known = snapshot.files().get(relative);
            if (known == null || !known.stat().equals(now)
                    || known.stat().ctimeNanos() > snapshot.takenNanos() - RACY_NANOS) {
                return null;
            }
            return known.blob();
        }

        /**
         * Whether the file at {@code relative} is the very file that was recorded, by its stat data
         * (inode, size, times, mode), the racy window aside: a file changed within a clock tick of
         * its record may hold other bytes (so {@link #blob} does not trust it), but not another
         * size, inode or name. Enough to know a file is the base's, not the agent's.
         */
        public boolean unchanged(String relative, Stat now) {
            if (snapshot == null || now.ctimeNanos() < 0) {
                return false;
            }
            Known known = snapshot.files().get(relative);
            return known != null && known.stat().equals(now);
        }
    }

    /**
     * Puts back what {@link #take} took, for an operation that changed nothing (a refused commit):
     * the record still holds as much as it did, since every use compares stat data again.
     */
    public void putBack(Path directory, Recorded taken) {
        if (taken.snapshot != null) {
            snapshots.putIfAbsent(directory.toAbsolutePath().normalize(), taken.snapshot);
        }
    }

    /** The stat data of {@code path}, not following a symbolic link. */
    public static Stat stat(Path path) throws IOException {
        if (UNIX_ATTRIBUTES) {
            Map<String, Object> a = Files.readAttributes(path, "unix:mode,size,lastModifiedTime,ctime,ino",
                    LinkOption.NOFOLLOW_LINKS);
            return new Stat((Integer) a.get("mode"), (Long) a.get("size"), epochNanos((FileTime) a.get("lastModifiedTime")),
                    epochNanos((FileTime) a.get("ctime")), (Long) a.get("ino"));
        }
        var a = Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        int type = a.isRegularFile() ? 0100000 : a.isDirectory() ? 0040000 : 0120000;
        int exec = a.isRegularFile() && Files.isExecutable(path) ? 0100 : 0;
        return new Stat(type | exec, a.size(), epochNanos(a.lastModifiedTime()), -1, 0);
    }

    /** An entry found by {@link #scanRestoringAccess}: its path relative to the scanned directory, '/'-separated. */
    public record Found(Path path, String relative, Stat stat) {
    }

    /**
     * Everything under {@code directory}, depth first, without following symbolic links: each entry
     * with its stat data, a directory after everything inside it. It is for a directory Synod is
     * about to empty or overwrite: each directory inside whose owner lacks read, write or search
     * permission (an agent's {@code chmod 000}) gets them back first, so that what an agent did to
     * its workspace cannot stop every later attempt from using it.
     *
     * @throws java.nio.file.AccessDeniedException naming a directory that stays unreadable
     */
    public static List<Found> scanRestoringAccess(Path directory) throws IOException {
        Permissions.restoreOwnerAccess(directory);
        List<Found> out = new ArrayList<>();
        scan(directory, "", out);
        return out;
    }

    private static void scan(Path dir, String prefix, List<Found> out) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String relative = prefix + p.getFileName();
                Stat st = stat(p);
                if (st.directory()) {
                    if ((st.mode() & 0700) != 0700) {
                        Permissions.restoreOwnerAccess(p);
                        st = stat(p);
                    }
                    scan(p, relative + "/", out);
                }
                out.add(new Found(p, relative, st));
            }
        }
    }

    private static long epochNanos(FileTime time) {
        return epochNanos(time.toInstant());
    }

    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
