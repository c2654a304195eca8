package dev.synod.runtime.agents;

import dev.synod.core.Agent;
import dev.synod.core.SynodException;
import dev.synod.lang.model.RoleId;
import dev.synod.lang.model.TeamModel;
import dev.synod.runtime.agents.cli.CliAgent;
import dev.synod.runtime.agents.cli.CliSettings;
import dev.synod.runtime.agents.cli.ProcessLauncher;
import dev.synod.runtime.agents.model.Limits;
import dev.synod.runtime.agents.model.ModelAgent;
import dev.synod.runtime.agents.model.Pricing;
import dev.synod.runtime.agents.model.Providers;
import dev.synod.runtime.agents.model.Retries;
import dev.synod.runtime.agents.model.TeamView;
import dev.synod.runtime.agents.scripted.AgentScript;
import dev.synod.runtime.agents.scripted.ScriptedChatModel;
import dev.synod.runtime.config.SynodConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

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
     * {@code environment} (tests pass their own). Every model alias's settings, and the keys of the
     * aliases the team uses, are checked first, so a wrong setting or a missing key stops the run
     * before any agent starts. CLI agents get their basics and the variables their alias passes
     * from it, and nothing else.
     *
     * @throws SynodException.InvalidInput for an alias or provider that cannot be used, naming it
     */
    public static Map<String, Agent> forTeam(TeamModel model, SynodConfig config, Path directory, TeamView team,
                                             Map<String, String> environment) {
        Providers.validate(config, model.participants().stream().map(role -> model.modelOf(role).orElseThrow()).toList(),
                environment);
        // Every cli alias is checked, used or not, so that a typo is reported before anything runs.
        Map<String, CliSettings> cli = new HashMap<>();
        new java.util.TreeMap<>(config.models()).forEach((alias, settings) -> {
            if ("cli".equals(settings.get("provider"))) {
                cli.put(alias, CliSettings.parse(config.file(), alias, settings));
            }
        });
        Map<String, Agent> agents = new LinkedHashMap<>();
        Map<Path, AgentScript> scripts = new HashMap<>();
        for (RoleId role : model.participants()) {
            String alias = model.modelOf(role).orElseThrow();
            Map<String, Object> settings = config.model(alias);
            String provider = String.valueOf(settings.get("provider"));
            Agent agent = switch (provider) {
                case "openai", "anthropic", "ollama", "gemini" -> new ModelAgent(Providers.chatModel(config, alias, environment,
                        Retries.system()), Providers.pricing(config, alias), limits(config, alias, settings), team);
                case "scripted" -> {
                    Object script = settings.get("script");
                    if (!(script instanceof String s) || s.isBlank()) {
                        throw new SynodException.InvalidInput(config.file() + ": models." + alias
                                + ".script must name the agent script (such as agents.yaml), found "
                                + (script == null ? "nothing" : "'" + script + "'"));
                    }
                    AgentScript loaded = scripts.computeIfAbsent(directory.resolve(s), AgentScript::load);
                    yield new ModelAgent(new ScriptedChatModel(loaded), Pricing.FREE, limits(config, alias, settings), team);
                }
                case "cli" -> new CliAgent(alias, cli.get(alias).checkedAgainst(config.file(), alias, directory, environment),
                        launcher(config, alias, environment), environment, team.prompt());
                default -> throw new SynodException.InvalidInput(config.file() + ": models." + alias + " uses provider '"
                        + provider + "', which this version of the runtime cannot run; use openai, anthropic, ollama, gemini, "
                        + "cli or scripted");
            };
            agents.put(role.display(), agent);
        }
        return agents;
    }

    /** The loop's limits of a model alias: {@code max-turns} from its settings, the rest by default. */
    static Limits limits(SynodConfig config, String alias, Map<String, Object> settings) {
        Object turns = settings.get("max-turns");
        if (turns == null) {
            return Limits.DEFAULT;
        }
        if (!(turns instanceof Integer n) || n < 1) {
            throw new SynodException.InvalidInput(config.file() + ": models." + alias + ".max-turns must be a whole number of "
                    + "model calls per attempt, at least 1, found '" + turns + "'");
        }
        return Limits.DEFAULT.withMaxTurns(n);
    }

    /**
     * How CLI agents are started: inside bubblewrap unless {@code sandbox: none} says otherwise
     * (ARCHITECTURE.md §6), in which case every run says so.
     */
    private static ProcessLauncher launcher(SynodConfig config, String alias, Map<String, String> environment) {
        if (config.sandbox().equals("none")) {
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
