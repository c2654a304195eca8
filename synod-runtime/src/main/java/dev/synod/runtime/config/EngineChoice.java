package dev.synod.runtime.config;

/**
 * The {@code engine:} of {@code synod.yaml}: which engine runs the team. Only the embedded engine
 * exists in this version; {@code temporal:} is refused when the file is loaded, saying so.
 */
public sealed interface EngineChoice {
    /** {@code engine: local} (the default): the embedded engine on a SQLite journal in {@code .synod/}. */
    record Local() implements EngineChoice {
    }
}
