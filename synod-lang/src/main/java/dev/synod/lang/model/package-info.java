/**
 * The resolved meaning of a choreography: concrete roles and replicas, artifacts, and the
 * flow of steps with {@code for} expanded, defaults applied and {@code {v}} interpolated. The
 * checker verifies it, the projection reads it, and the runtime compiles its plan from it.
 */
package dev.synod.lang.model;
