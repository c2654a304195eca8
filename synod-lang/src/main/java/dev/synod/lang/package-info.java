/**
 * The Synod language: parse a {@code .synod} choreography, check it, project a role's local
 * contract, format it canonically and draw it. {@link dev.synod.lang.Synod} is the entry point;
 * {@link dev.synod.lang.ast} holds the tree. Everything under {@code internal} may change.
 */
package dev.synod.lang;
