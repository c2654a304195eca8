package dev.synod.runtime.workspace;

/**
 * How merging a run's branch into the project's checked-out branch went (as {@code git merge}
 * would): whether the branch is merged now, and what to tell the user.
 */
public record BranchMerge(boolean merged, String message) {
}
