package dev.synod.runtime.engine;

import dev.synod.core.SynodException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One active run per directory: an exclusive lock on {@code .synod/lock}, released when the
 * process ends however it ends (the operating system drops the lock of a killed process).
 */
public final class RunLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
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
                channel.close();
                throw new SynodException.InvalidInput("another synod run is active in " + directory
                        + (holder.isEmpty() ? "" : " (" + holder + ")") + "; wait for it to finish or stop it, then resume");
            }
            channel.truncate(0);
            channel.write(java.nio.ByteBuffer.wrap(("process " + ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.UTF_8)));
            return new RunLock(channel, lock);
        } catch (IOException e) {
            throw new SynodException.InvalidInput("cannot lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new SynodException.Retriable("could not release " + lock, e);
        }
    }
}
