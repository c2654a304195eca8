package dev.synod.runtime.agents;

import dev.synod.core.Agent;
import dev.synod.core.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An agent that answers from an {@link AgentScript}: deterministic, free, and never a silent
 * stand-in for a missing model key. A step the script does not cover fails the attempt with a
 * message naming the missing entry, and so does an attempt that would write or delete outside
 * the workspace (it then changes nothing).
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
            // Every path is checked before anything is written, so a refused attempt writes nothing.
            Map<Path, String> writes = new LinkedHashMap<>();
            for (var file : attempt.write().entrySet()) {
                writes.put(inside(workspace, file.getKey()), file.getValue());
            }
            List<Path> deletes = new ArrayList<>();
            for (String path : attempt.delete()) {
                deletes.add(inside(workspace, path));
            }
            for (var file : writes.entrySet()) {
                Files.createDirectories(file.getKey().getParent());
                // NOFOLLOW_LINKS: a link planted at the target itself is not written through.
                Files.writeString(file.getKey(), file.getValue(), StandardOpenOption.CREATE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            }
            for (Path path : deletes) {
                Files.deleteIfExists(path);
            }
        } catch (Escape e) {
            return new Outcome.Failed(e.getMessage(), Event.Usage.NONE);
        } catch (IOException e) {
            return new Outcome.Failed("could not write " + e.getMessage(), Event.Usage.NONE);
        }
        return new Outcome.Finished(attempt.summary(), Event.Usage.NONE);
    }

    /** A scripted path that leads outside the workspace. */
    private static final class Escape extends Exception {
        Escape(String relative) {
            super("the agent script writes '" + relative + "', outside the workspace");
        }
    }

    /**
     * The file {@code relative} names inside {@code workspace}. It is refused when it is
     * absolute, climbs out with {@code ..}, or passes through a symbolic link that leads out
     * (ARCHITECTURE.md §5): the deepest directory of it that exists must really be inside.
     */
    private static Path inside(Path workspace, String relative) throws Escape, IOException {
        Path root = workspace.toRealPath();
        Path target = root.resolve(relative).normalize();
        if (Path.of(relative).isAbsolute() || !target.startsWith(root) || target.equals(root)) {
            throw new Escape(relative);
        }
        Path existing = target.getParent();
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (!existing.toRealPath().startsWith(root)) {
            throw new Escape(relative);
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
