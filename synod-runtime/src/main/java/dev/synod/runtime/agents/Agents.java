package dev.synod.runtime.agents;

import dev.synod.core.Agent;
import dev.synod.core.SynodException;
import dev.synod.lang.model.RoleId;
import dev.synod.lang.model.TeamModel;
import dev.synod.runtime.agents.cli.CliAgent;
import dev.synod.runtime.agents.cli.ProcessLauncher;
import dev.synod.runtime.agents.model.Limits;
import dev.synod.runtime.agents.model.ModelAgent;
import dev.synod.runtime.agents.model.Pricing;
import dev.synod.runtime.agents.model.Providers;
import dev.synod.runtime.agents.model.Retries;
import dev.synod.runtime.agents.model.TeamView;
import dev.synod.runtime.agents.scripted.AgentScript;
import dev.synod.runtime.agents.scripted.ScriptedChatModel;
import dev.synod.runtime.config.ModelAlias;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.runtime.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/** Builds each participant's agent from its model alias in {@code synod.yaml}, before anything runs. */
public final class Agents {
    private Agents() {
    }

    /**
     * One agent per participant (roles as written, such as {@code dev[2]}), whose model agents run no
     * gates on themselves.
     *
     * @throws SynodException.InvalidInput for an alias or provider that cannot be used, naming it
     */
    public static Map<String, Agent> forTeam(TeamModel model, SynodConfig config, Path directory) {
        return forTeam(model, config, directory, System.getenv());
    }

    /**
     * One agent per participant, keys from the process environment.
     *
     * @param team what model agents know of the team: where artifacts live, its prompt, the gates they
     *             may run on themselves ({@link TeamView#of})
     * @throws SynodException.InvalidInput for an alias or provider that cannot be used, naming it
     */
    public static Map<String, Agent> forTeam(TeamModel model, SynodConfig config, Path directory, TeamView team) {
        return forTeam(model, config, directory, team, System.getenv());
    }

    /** {@link #forTeam(TeamModel, SynodConfig, Path, TeamView, Map)} for model agents that run no gates on themselves. */
    public static Map<String, Agent> forTeam(TeamModel model, SynodConfig config, Path directory,
                                             Map<String, String> environment) {
        return forTeam(model, config, directory, TeamView.of(model, Map.of()), environment);
    }

    /**
     * One agent per participant, with API keys and the variables CLI agents pass read from
     * {@code environment} (tests pass their own). The settings were validated when {@code synod.yaml}
     * was loaded; the keys of the aliases the team uses are checked first, so a missing key stops
     * the run before any agent starts. CLI agents get their basics and the variables their alias passes
     * from it, and nothing else.
     *
     * @throws SynodException.InvalidInput for an alias or provider that cannot be used, naming it
     */
    public static Map<String, Agent> forTeam(TeamModel model, SynodConfig config, Path directory, TeamView team,
                                             Map<String, String> environment) {
        Providers.validate(config, model.participants().stream().map(role -> model.modelOf(role).orElseThrow()).toList(),
                environment);
        Map<String, Agent> agents = new LinkedHashMap<>();
        Map<Path, AgentScript> scripts = scripts(config, directory);
        for (RoleId role : model.participants()) {
            String alias = model.modelOf(role).orElseThrow();
            Agent agent = switch (config.model(alias)) {
                case ModelAlias.Model m -> new ModelAgent(Providers.chatModel(config, alias, environment, Retries.system()),
                        m.settings().pricing().orElse(Pricing.FREE), limits(m.maxTurns()), team);
                case ModelAlias.Scripted s -> {
                    AgentScript loaded = scripts.get(directory.resolve(s.script()));
                    yield new ModelAgent(new ScriptedChatModel(loaded), Pricing.FREE, limits(s.maxTurns()), team);
                }
                case ModelAlias.Cli c -> new CliAgent(alias, c.settings().checkedAgainst(config.file(), alias, directory,
                        environment), launcher(config, alias, environment), environment, team.prompt());
            };
            agents.put(role.display(), agent);
        }
        return agents;
    }

    /**
     * The scripts of every scripted alias of {@code config}, read and checked, by path: what
     * {@code synod check} and {@code synod run} both refuse when one is missing or malformed.
     *
     * @param directory the run directory, which script paths are relative to
     * @throws SynodException.InvalidInput naming the script and what is wrong with it
     */
    public static Map<Path, AgentScript> scripts(SynodConfig config, Path directory) {
        Map<Path, AgentScript> scripts = new HashMap<>();
        config.models().forEach((name, alias) -> {
            if (alias instanceof ModelAlias.Scripted s && !scripts.containsKey(directory.resolve(s.script()))) {
                try {
                    scripts.put(directory.resolve(s.script()), AgentScript.load(directory.resolve(s.script())));
                } catch (SynodException.InvalidInput e) {
                    // Say which setting named the script, then what is wrong with it.
                    throw new SynodException.InvalidInput(config.file() + ": models." + name + ".script: " + e.getMessage(), e);
                }
            }
        });
        return scripts;
    }

    /** The loop's limits of a model alias: {@code max-turns} from its settings, the rest by default. */
    static Limits limits(OptionalInt maxTurns) {
        return maxTurns.isPresent() ? Limits.DEFAULT.withMaxTurns(maxTurns.getAsInt()) : Limits.DEFAULT;
    }

    /**
     * How CLI agents are started: inside bubblewrap unless {@code sandbox: none} says otherwise
     * (ARCHITECTURE.md §6), in which case every run says so.
     */
    private static ProcessLauncher launcher(SynodConfig config, String alias, Map<String, String> environment) {
        if (config.sandbox() == Sandbox.Mode.NONE) {
            ProcessLauncher direct = ProcessLauncher.direct();
            // As for gates (Sandbox.run): every unconfined start says so, on standard error.
            return launch -> {
                System.err.println("warning: sandbox: none — running " + launch.command().get(0) + " (" + alias + ") in "
                        + launch.directory() + " without isolation: it can read your files and use the network (set "
                        + "'sandbox: bwrap' to isolate it)");
                return direct.start(launch);
            };
        }
        return dev.synod.runtime.agents.cli.SandboxedLauncher.checked(environment);
    }
}
