package dev.synod.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathLookupTest {
    @TempDir
    Path dir;

    private Path program(Path where, String name, String permissions) throws Exception {
        Path file = Files.createDirectories(where).resolve(name);
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    @Test
    void finds_the_first_executable_file_and_skips_the_rest() throws Exception {
        program(dir.resolve("a"), "tool", "rw-r--r--");
        Files.createDirectories(dir.resolve("b/tool"));
        Path found = program(dir.resolve("c"), "tool", "rwxr-xr-x");
        program(dir.resolve("d"), "tool", "rwxr-xr-x");

        assertThat(PathLookup.find("tool", dir.resolve("a") + ":" + dir.resolve("b") + ":" + dir.resolve("c") + ":"
                + dir.resolve("d"))).contains(found);
        assertThat(PathLookup.find("nothing", dir.resolve("c").toString())).isEmpty();
    }

    @Test
    void an_empty_entry_is_not_the_current_directory() throws Exception {
        // POSIX shells would take a program in the working directory through an empty entry.
        Path here = Path.of("").toAbsolutePath();
        Path stray = program(here, "synod-path-lookup-" + ProcessHandle.current().pid(), "rwxr-xr-x");
        try {
            assertThat(PathLookup.find(stray.getFileName().toString(), "::" + dir)).isEmpty();
            assertThat(PathLookup.find(stray.getFileName().toString(), here.toString())).contains(stray);
        } finally {
            Files.delete(stray);
        }
    }
}
