package dev.synod.core;

import java.time.Instant;

/**
 * A run's identity.
 *
 * @param directory the run directory (the project's repository), absolute
 */
public record RunInfo(String id, String team, String directory, Instant createdAt) {
}
