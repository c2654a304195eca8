/**
 * Synod on Temporal (ARCHITECTURE.md §8): the interpreter of synod-core as a Temporal workflow
 * ({@link dev.synod.temporal.TeamWorkflow}), whose commands are activities on task queues per
 * role and for gates ({@link dev.synod.temporal.TaskQueues}), carried out by synod-runtime's
 * effects on the worker's machine ({@link dev.synod.temporal.LocalEffects}).
 */
package dev.synod.temporal;
