package dev.synod.runtime.agents;

import dev.synod.core.Agent;
import dev.synod.core.Event;
import dev.synod.core.SynodException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An agent that answers from an {@link AgentScript}: deterministic, free, and never a silent
 * stand-in for a missing model key. A step the script does not cover fails the attempt with a
 * message naming the missing entry.
 */
public final class ScriptedAgent implements Agent {
    private final AgentScript script;

    public ScriptedAgent(AgentScript script) {
        this.script = script;
    }

    @Override
    public Outcome perform(Assignment a, Path workspace) throws InterruptedException {
        Optional<AgentScript.Attempt> entry = script.attempt(a.role(), a.step(), a.attempt());
        if (entry.isEmpty()) {
            return new Outcome.Failed("the agent script " + script.file().getFileName() + " has no entry '" + a.role()
                    + ".produce." + a.step() + "'", Event.Usage.NONE);
        }
        AgentScript.Attempt attempt = entry.get();
        if (attempt.sleep().isPresent()) {
            Thread.sleep(attempt.sleep().get());
        }
        if (attempt.crash().isPresent()) {
            return new Outcome.Failed(attempt.crash().get(), Event.Usage.NONE);
        }
        try {
            for (var file : attempt.write().entrySet()) {
                Path target = inside(workspace, file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
            for (String path : attempt.delete()) {
                Files.deleteIfExists(inside(workspace, path));
            }
        } catch (IOException e) {
            return new Outcome.Failed("could not write " + e.getMessage(), Event.Usage.NONE);
        }
        return new Outcome.Finished(attempt.summary(), Event.Usage.NONE);
    }

    private static Path inside(Path workspace, String relative) {
        Path target = workspace.resolve(relative).normalize();
        if (!target.startsWith(workspace) || Path.of(relative).isAbsolute()) {
            throw new SynodException.InvalidInput("the agent script writes '" + relative + "', outside the workspace");
        }
        return target;
    }

    @Override
    public Review review(Assignment a, Path workspace) {
        return script.review(a.role(), a.step())
                .map(r -> new Review(r.approve(), r.comment(), Event.Usage.NONE))
                .orElse(new Review(false, "the agent script " + script.file().getFileName() + " has no entry '" + a.role()
                        + ".review." + a.step() + "'", Event.Usage.NONE));
    }

    @Override
    public Decision decide(DecisionRequest request) {
        Map<String, String> answers = new LinkedHashMap<>();
        Map<String, String> scripted = script.decisions(request.role());
        for (String q : request.questions().keySet()) {
            String simple = q.substring(q.lastIndexOf('.') + 1);
            String answer = scripted.getOrDefault(q, scripted.get(simple));
            if (answer != null) {
                answers.put(q, answer);
            }
        }
        return new Decision(answers, "scripted answer", Event.Usage.NONE);
    }
}
