package dev.synod.runtime.config;

import dev.synod.runtime.agents.cli.CliSettings;
import dev.synod.runtime.agents.model.ModelSettings;
import java.util.OptionalInt;

/**
 * One alias under {@code models:} in {@code synod.yaml}, validated when the file is loaded: a
 * model API, an external CLI agent, or a script. Building its agent can then fail only on the
 * environment (a key that is not set, a program that is not installed), never on a setting.
 */
public sealed interface ModelAlias {
    /** The alias as written under {@code models:}. */
    String alias();

    /** The {@code provider:} value, as written. */
    String provider();

    /**
     * {@code provider: openai | anthropic | ollama | gemini}: a LangChain4j chat model in a tool loop.
     *
     * @param maxTurns {@code max-turns}: the most model calls of one attempt, when given
     */
    record Model(ModelSettings settings, OptionalInt maxTurns) implements ModelAlias {
        @Override
        public String alias() {
            return settings.alias();
        }

        @Override
        public String provider() {
            return settings.provider().id();
        }
    }

    /** {@code provider: cli}: an external coding agent started as a process. */
    record Cli(String alias, CliSettings settings) implements ModelAlias {
        @Override
        public String provider() {
            return "cli";
        }
    }

    /**
     * {@code provider: scripted}: answers from a YAML script, through the same tool loop.
     *
     * @param script   the script's path as written, relative to the run directory
     * @param maxTurns {@code max-turns}, when given
     */
    record Scripted(String alias, String script, OptionalInt maxTurns) implements ModelAlias {
        @Override
        public String provider() {
            return "scripted";
        }
    }
}
