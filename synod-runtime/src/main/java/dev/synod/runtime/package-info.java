/**
 * Effects on one machine: the embedded engine and its journal, git workspaces, agents and
 * gates. The engine drives the pure interpreter of {@code dev.synod.core}.
 */
package dev.synod.runtime;
