package dev.synod.runtime.gates.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The JUnit Platform console launcher's standalone jar that the build packs into this module
 * (see its pom), written out once to a private temporary directory for a forked JVM to run.
 */
public final class ConsoleJar {
    private static final String RESOURCE = "junit-platform-console-standalone.jar";

    private Path jar;

    /** The jar on disk, written out on first use. */
    public synchronized Path path() {
        if (jar == null) {
            try (InputStream in = ConsoleJar.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException(RESOURCE + " is missing from Synod's runtime jar; rebuild it with "
                            + "./mvnw install");
                }
                // A directory only this user can enter, so that nobody can swap the jar between writing and running it.
                Path dir = Files.createTempDirectory("synod-junit", PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
                Path file = dir.resolve(RESOURCE);
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                // Deleted in the reverse order of registration: the file, then its directory.
                dir.toFile().deleteOnExit();
                file.toFile().deleteOnExit();
                jar = file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write out the JUnit console launcher", e);
            }
        }
        return jar;
    }
}
