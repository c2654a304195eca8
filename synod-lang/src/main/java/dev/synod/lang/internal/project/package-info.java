/**
 * The projection of LANGUAGE.md §7: which participant a name means, the local contract of that
 * participant derived from the checked flow, and its text and JSON forms.
 */
package dev.synod.lang.internal.project;
