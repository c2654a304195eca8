package dev.synod.runtime.gates.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The JDK running Synod, which the JVMs that gates start inside the sandbox use too. */
public final class JavaHome {
    private JavaHome() {
    }

    /**
     * {@code java.home} with its symbolic links resolved: the directory the sandbox must show,
     * since a link's target would not be visible inside.
     */
    public static Path real() {
        String home = System.getProperty("java.home");
        try {
            return Path.of(home).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve java.home " + home, e);
        }
    }
}
