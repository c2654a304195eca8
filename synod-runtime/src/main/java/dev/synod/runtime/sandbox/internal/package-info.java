/**
 * How the sandbox works: the bubblewrap command line, the process-count limit (an rlimit inside
 * the sandbox's user namespace, or a pids cgroup when Synod runs as root), capped output capture
 * and killing a whole process tree.
 */
package dev.synod.runtime.sandbox.internal;
