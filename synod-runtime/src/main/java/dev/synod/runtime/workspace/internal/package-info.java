/**
 * The jobs behind {@link dev.synod.runtime.workspace.GitRepository}, one class each: making and
 * repairing the repository ({@code RepositoryInit}), trees and their merges in memory
 * ({@code Trees}, {@code Merges}), new objects staged in memory and in the journal and written
 * into git as packs ({@code ObjectStaging}, {@code StagedObjects}, {@code PackFiles}, named by
 * {@code ObjectIds}), plain directories to commits and back ({@code DirectoryCommits}, with the
 * stat data of {@code DirectoryIndex}), and merging a run's branch into the user's
 * ({@code ReleaseMerge}).
 */
package dev.synod.runtime.workspace.internal;
