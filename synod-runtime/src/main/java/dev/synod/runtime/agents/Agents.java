package dev.synod.runtime.agents;

import dev.synod.core.Agent;
import dev.synod.core.SynodException;
import dev.synod.lang.model.RoleId;
import dev.synod.lang.model.TeamModel;
import dev.synod.runtime.agents.model.Limits;
import dev.synod.runtime.agents.model.ModelAgent;
import dev.synod.runtime.agents.model.Pricing;
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
     * One agent per participant (roles as written, such as {@code dev[2]}).
     *
     * @param team what model agents know of the team: where artifacts live, its prompt, the gates they
     *             may run on themselves ({@link TeamView#of})
     * @throws SynodException.InvalidInput for an alias or provider that cannot be used, naming it
     */
    public static Map<String, Agent> forTeam(TeamModel model, SynodConfig config, Path directory, TeamView team) {
        Map<String, Agent> agents = new LinkedHashMap<>();
        Map<Path, AgentScript> scripts = new HashMap<>();
        for (RoleId role : model.participants()) {
            String alias = model.modelOf(role).orElseThrow();
            Map<String, Object> settings = config.model(alias);
            String provider = String.valueOf(settings.get("provider"));
            Limits limits = limits(config, alias, settings);
            Agent agent = switch (provider) {
                case "scripted" -> {
                    Object script = settings.get("script");
                    if (!(script instanceof String s) || s.isBlank()) {
                        throw new SynodException.InvalidInput(config.file() + ": models." + alias
                                + ".script must name the agent script (such as agents.yaml), found "
                                + (script == null ? "nothing" : "'" + script + "'"));
                    }
                    AgentScript loaded = scripts.computeIfAbsent(directory.resolve(s), AgentScript::load);
                    yield new ModelAgent(new ScriptedChatModel(loaded), Pricing.FREE, limits, team);
                }
                default -> throw new SynodException.InvalidInput(config.file() + ": models." + alias + " uses provider '"
                        + provider + "', which this version of the runtime cannot run yet; use provider: scripted");
            };
            agents.put(role.display(), agent);
        }
        return agents;
    }

    /** The loop's limits of an alias: {@code max-turns} from its settings, the rest by default. */
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
}
