/**
 * The checker: builds the {@link dev.synod.lang.model.TeamModel} from a tree (scopes, name
 * resolution, {@code for} expansion) and runs the checks of LANGUAGE.md §6 on it.
 */
package dev.synod.lang.internal.check;
