package dev.synod.runtime.config;

/**
 * The {@code limits:} of {@code synod.yaml}: bounds on what agents may leave in their workspace.
 *
 * @param fileSizeBytes {@code file-size}: the largest file an agent may leave, in bytes (default
 *                      {@link #DEFAULT_FILE_SIZE}); an attempt that leaves a larger one is rejected
 */
public record RunLimits(long fileSizeBytes) {
    /** 100 MiB: far above any source file, far below what a commit can hold in memory. */
    public static final long DEFAULT_FILE_SIZE = 100L << 20;
    /** The limits when {@code limits:} says nothing. */
    public static final RunLimits DEFAULTS = new RunLimits(DEFAULT_FILE_SIZE);

    public RunLimits {
        if (fileSizeBytes < 1) {
            throw new IllegalArgumentException("file-size must be at least 1 byte, found " + fileSizeBytes);
        }
    }
}
