package dev.synod.runtime.engine.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** What makes a new name in a directory survive a crash of the machine. */
final class Durable {
    private Durable() {
    }

    /** Forces a directory's entries to disk, so that a file created, linked or renamed in it survives a crash. */
    static void forceDirectory(Path dir) throws IOException {
        FileChannel channel;
        try {
            channel = FileChannel.open(dir, StandardOpenOption.READ);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms (Windows) cannot open a directory; there the entry's durability is
            // the file system's to keep.
            return;
        }
        try (channel) {
            channel.force(true);
        }
    }
}
