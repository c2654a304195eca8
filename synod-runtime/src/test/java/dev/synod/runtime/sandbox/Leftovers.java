package dev.synod.runtime.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Processes left running after a sandboxed command, found by a marker in their command line. */
public final class Leftovers {
    private Leftovers() {
    }

    /** Processes anywhere on the machine, other than this one, whose command line holds {@code marker}. */
    public static List<String> of(String marker) {
        return ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                .map(p -> p.pid() + " " + cmdline(p.pid())).filter(line -> line.contains(marker)).toList();
    }

    private static String cmdline(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
