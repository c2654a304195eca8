package dev.synod.runtime.gates.internal;

import dev.synod.runtime.internal.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory of class files outside every tree, kept by the incremental compiler for as long as
 * one of its states, or a compilation reading from it, holds it: counted references, deleted when
 * the last is released. Once its compilation is done it is never written again, so that states
 * sharing it cannot disturb each other.
 */
public final class ClassDir {
    /**
     * The directories not yet released, deleted when the JVM exits: a gate keeps its last trees
     * for as long as it lives, usually the whole run, and they must not outlive the process.
     */
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            for (Path dir : LIVE) {
                try {
                    Directories.deleteTree(dir, "the compile gate's class directory");
                } catch (UncheckedIOException e) {
                    // The process is ending; a directory that cannot be removed stays in the temporary directory.
                }
            }
        }, "synod-class-dirs"));
    }

    private final Path path;
    private int references = 1;

    private ClassDir(Path path) {
        this.path = path;
        LIVE.add(path);
    }

    /** A new empty directory, held once by the caller. */
    public static ClassDir create() {
        try {
            return new ClassDir(Files.createTempDirectory("synod-classes-"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a directory for class files", e);
        }
    }

    public Path path() {
        return path;
    }

    /** One more holder; fails when the directory was already deleted, which is a bug in the caller. */
    public synchronized ClassDir retain() {
        if (references == 0) {
            throw new IllegalStateException("the class directory " + path + " was already released");
        }
        references++;
        return this;
    }

    /** One holder fewer; the last deletes the directory. */
    public void release() {
        synchronized (this) {
            if (--references > 0) {
                return;
            }
        }
        LIVE.remove(path);
        Directories.deleteTree(path, "the compile gate's class directory");
    }
}
