package dev.synod.runtime.agents;

import dev.synod.core.Agent;
import dev.synod.core.SynodException;
import dev.synod.lang.model.RoleId;
import dev.synod.lang.model.TeamModel;
import dev.synod.runtime.agents.model.Providers;
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
     * One agent per participant (roles as written, such as {@code dev[2]}).
     *
     * @throws SynodException.InvalidInput for an alias or provider that cannot be used, naming it
     */
    public static Map<String, Agent> forTeam(TeamModel model, SynodConfig config, Path directory) {
        return forTeam(model, config, directory, System.getenv());
    }

    /**
     * One agent per participant, with API keys read from {@code env} (tests pass their own).
     * Every model alias's settings, and the keys of the aliases the team uses, are checked first,
     * so a wrong setting or a missing key stops the run before any agent starts.
     *
     * @throws SynodException.InvalidInput for an alias or provider that cannot be used, naming it
     */
    public static Map<String, Agent> forTeam(TeamModel model, SynodConfig config, Path directory, Map<String, String> env) {
        Providers.validate(config, model.participants().stream().map(role -> model.modelOf(role).orElseThrow()).toList(), env);
        Map<String, Agent> agents = new LinkedHashMap<>();
        Map<Path, AgentScript> scripts = new HashMap<>();
        for (RoleId role : model.participants()) {
            String alias = model.modelOf(role).orElseThrow();
            Map<String, Object> settings = config.model(alias);
            String provider = String.valueOf(settings.get("provider"));
            Agent agent = switch (provider) {
                case "scripted" -> {
                    Object script = settings.get("script");
                    if (!(script instanceof String s) || s.isBlank()) {
                        throw new SynodException.InvalidInput(config.file() + ": models." + alias
                                + ".script must name the agent script (such as agents.yaml), found "
                                + (script == null ? "nothing" : "'" + script + "'"));
                    }
                    yield new ScriptedAgent(scripts.computeIfAbsent(directory.resolve(s), AgentScript::load));
                }
                default -> throw new SynodException.InvalidInput(config.file() + ": models." + alias + " uses provider '"
                        + provider + "', which this version of the runtime cannot run yet; use provider: scripted");
            };
            agents.put(role.display(), agent);
        }
        return agents;
    }
}
