package dev.synod.runtime.engine;

import dev.synod.core.SynodException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One active run per directory: an exclusive lock on {@code .synod/lock}, released when the
 * process ends however it ends (the operating system drops the lock of a killed process).
 *
 * <p>The file names its holder, {@code process PID started INSTANT run RUN}, so that
 * {@code synod status} can tell an active run from a stopped one without taking the lock (which
 * could refuse a {@code synod run} starting at that moment). The holder is cleared when the lock
 * is released; a killed process leaves its line, and {@link #holder} then finds the process gone
 * (or a different process under the same id, started at another time).
 */
public final class RunLock implements AutoCloseable {
    private static final Pattern HOLDER = Pattern.compile("process (\\d+)(?: started (\\S+))?(?: run (\\S+))?");

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * The live process that holds a run directory's lock, as its file names it.
     *
     * @param run the run it is running, or null before it has named one
     */
    public record Holder(long pid, String run) {
    }

    /** Takes the lock of a run directory, or explains who holds it. */
    public static RunLock acquire(Path lockFile, String directory) {
        try {
            Files.createDirectories(lockFile.getParent());
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = new String(Files.readAllBytes(lockFile), StandardCharsets.UTF_8).strip();
                Matcher m = HOLDER.matcher(holder);
                String who = m.matches() ? "process " + m.group(1) + (m.group(3) == null ? "" : ", run " + m.group(3)) : holder;
                channel.close();
                throw new SynodException.InvalidInput("another synod run is active in " + directory
                        + (who.isEmpty() ? "" : " (" + who + ")") + "; wait for it to finish or stop it, then resume");
            }
            RunLock taken = new RunLock(channel, lock);
            taken.write(self());
            return taken;
        } catch (IOException e) {
            throw new SynodException.InvalidInput("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** Names the run this process is running under the lock, for {@link #holder}. */
    public void claim(String run) {
        try {
            write(self() + " run " + run);
        } catch (IOException e) {
            throw new SynodException.Retriable("could not write the run lock's holder: " + e.getMessage(), e);
        }
    }

    /**
     * The live process named by a lock file, if any: empty when there is no file, the holder was
     * cleared, or the process it names is gone.
     */
    public static Optional<Holder> holder(Path lockFile) {
        String text;
        try {
            text = Files.readString(lockFile, StandardCharsets.UTF_8).strip();
        } catch (IOException noLock) {
            return Optional.empty();
        }
        Matcher m = HOLDER.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long pid = Long.parseLong(m.group(1));
        Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (process.isEmpty()) {
            return Optional.empty();
        }
        // The same id under a process started at another time is a newer process: the holder is gone.
        String started = process.get().info().startInstant().map(Object::toString).orElse(null);
        if (m.group(2) != null && started != null && !m.group(2).equals(started)) {
            return Optional.empty();
        }
        return Optional.of(new Holder(pid, m.group(3)));
    }

    private static String self() {
        ProcessHandle me = ProcessHandle.current();
        return "process " + me.pid() + me.info().startInstant().map(i -> " started " + i).orElse("");
    }

    private void write(String holder) throws IOException {
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        channel.force(false);
    }

    @Override
    public void close() {
        try {
            // Cleared first, so that a status never reads this process as the holder after it let go.
            channel.truncate(0);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new SynodException.Retriable("could not release " + lock, e);
        }
    }
}
