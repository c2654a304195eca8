/**
 * External coding-agent CLIs as agents ({@code provider: cli}): {@link dev.synod.runtime.agents.cli.CliAgent}
 * runs the configured command in the role's workspace with a scrubbed environment, through a
 * {@link dev.synod.runtime.agents.cli.ProcessLauncher} so that the sandbox can wrap every launch.
 */
package dev.synod.runtime.agents.cli;
