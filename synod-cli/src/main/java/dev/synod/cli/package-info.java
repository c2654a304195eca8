/**
 * The {@code synod} command. {@link dev.synod.cli.SynodCli} is the entry point: {@code main} for the
 * launcher and {@link dev.synod.cli.SynodCli#commandLine(java.io.PrintWriter, java.io.PrintWriter)}
 * for tests and embedders. The subcommands live in {@code internal} and may change.
 */
package dev.synod.cli;
