package dev.synod.lang;

import dev.synod.lang.internal.glob.Glob;
import java.util.List;

/**
 * The files a hand-off may write: a union of path globs ({@code *} and {@code ?} within one
 * segment, {@code **} across segments). Used by the runtime to check what an agent changed.
 */
public final class WriteScope {
    private final List<String> globs;
    private final List<Glob> compiled;

    private WriteScope(List<String> globs) {
        this.globs = List.copyOf(globs);
        this.compiled = globs.stream().map(Glob::compile).toList();
    }

    /**
     * The scope of these globs.
     *
     * @throws IllegalArgumentException when a glob is malformed; the message says where
     */
    public static WriteScope of(List<String> globs) {
        return new WriteScope(globs);
    }

    public List<String> globs() {
        return globs;
    }

    /** True when some glob matches {@code path} (relative, '/'-separated). */
    public boolean contains(String path) {
        for (Glob g : compiled) {
            if (g.matches(path)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(", ", globs);
    }
}
