/**
 * The run's git repository: artifacts are commits, each attempt's inputs are composed as a
 * tree, and the release branch {@code synod/<run>} holds every accepted artifact at the end.
 */
package dev.synod.runtime.workspace;
