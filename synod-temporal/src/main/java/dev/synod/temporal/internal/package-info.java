/**
 * The workflow's implementation and what it needs (the plan compiled without I/O, activity options
 * per command), and a worker's exchange with the git remote its team shares: commits and blobs
 * fetched before a command and pushed after it.
 */
package dev.synod.temporal.internal;
