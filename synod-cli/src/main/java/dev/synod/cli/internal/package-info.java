/**
 * The subcommands of {@code synod} and what they share: reading sources, loading {@code synod.yaml},
 * printing diagnostics, and turning exceptions into exit statuses.
 */
package dev.synod.cli.internal;
