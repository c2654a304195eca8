package dev.synod.runtime.agents.model;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.synod.core.Agent;
import dev.synod.core.Event;
import dev.synod.runtime.agents.DetachedSession;
import dev.synod.runtime.agents.model.internal.loop.DecideTool;
import dev.synod.runtime.agents.model.internal.loop.FileTools;
import dev.synod.runtime.agents.model.internal.loop.Openings;
import dev.synod.runtime.agents.model.internal.loop.PathGuard;
import dev.synod.runtime.agents.model.internal.loop.SelfCheckTool;
import dev.synod.runtime.agents.model.internal.loop.Tool;
import dev.synod.runtime.agents.model.internal.loop.ToolLoop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An agent that drives a LangChain4j {@link ChatModel} through the tool loop (ARCHITECTURE.md §5):
 * it lists, reads, writes, edits and deletes files in its workspace, runs its hand-off's gates on
 * itself, and finishes. Reads are limited to the artifacts it received, its write scope and the
 * decision records; changes to its write scope; the runtime enforces both. Every model call is a
 * turn journaled through the engine's {@link Agent.Session}, so a resumed attempt continues after
 * its last journaled turn instead of paying for the earlier ones again. A call the configuration
 * makes fail (a provider answering 401, 403 or 404) ends the attempt
 * {@link Agent.Outcome.Misconfigured}, so the engine spends no further attempt on it.
 */
public final class ModelAgent implements Agent {
    private final ChatModel model;
    private final Pricing pricing;
    private final Limits limits;
    private final TeamView team;

    /**
     * @param model   the model; a scripted one drives the examples and the tests through the same loop
     * @param pricing what its tokens cost
     * @param limits  the bounds on one attempt's loop
     * @param team    where artifacts live, the team's prompt, the gates it may run on itself
     */
    public ModelAgent(ChatModel model, Pricing pricing, Limits limits, TeamView team) {
        this.model = model;
        this.pricing = pricing;
        this.limits = limits;
        this.team = team;
    }

    @Override
    public Outcome perform(Assignment assignment, Path workspace) throws InterruptedException {
        return perform(assignment, workspace, new DetachedSession());
    }

    @Override
    public Outcome perform(Assignment a, Path workspace, Session session) throws InterruptedException {
        List<PathGuard.Area> readable = readable(a);
        List<String> gates = team.selfCheck().gates(a.step());
        List<ChatMessage> opening;
        PathGuard guard;
        try {
            guard = new PathGuard(workspace, readable, a.writeScope());
            opening = Openings.produce(a, workspace, team, readable, gates);
        } catch (IOException e) {
            return new Outcome.Failed("could not prepare the attempt in " + workspace + ": " + e.getMessage(),
                    Event.Usage.NONE);
        }
        FileTools files = new FileTools(guard);
        List<Tool<String>> tools = new ArrayList<>(files.<String>reading());
        tools.addAll(files.<String>writing());
        if (!gates.isEmpty()) {
            tools.add(SelfCheckTool.of(team.selfCheck(), a.step(), gates, guard.root()));
        }
        tools.add(new Tool<>(Tool.spec("finish", "Ends your attempt: your files are committed and checked by the gates.",
                JsonObjectSchema.builder().addStringProperty("summary", "what you did, in a few sentences").required("summary")
                        .build()), args -> new Tool.Answer.End<>(args.text("summary"))));
        return switch (new ToolLoop<>(reporting(session), pricing, limits, session, tools).run(opening)) {
            case ToolLoop.Ending.Done<String> d -> new Outcome.Finished(d.value(), d.usage());
            case ToolLoop.Ending.Failed<String> f -> new Outcome.Failed(f.reason(), f.usage());
            case ToolLoop.Ending.Misconfigured<String> m -> new Outcome.Misconfigured(m.reason(), m.usage());
        };
    }

    @Override
    public Review review(Assignment assignment, Path workspace) throws InterruptedException {
        return review(assignment, workspace, new DetachedSession());
    }

    /** A reviewer's verdict before its usage is known. */
    private record Verdict(boolean approved, String comment) {
    }

    @Override
    public Review review(Assignment a, Path workspace, Session session) throws InterruptedException {
        List<PathGuard.Area> readable = readable(a);
        List<ChatMessage> opening;
        PathGuard guard;
        try {
            guard = new PathGuard(workspace, readable, a.writeScope());
            opening = Openings.review(a, workspace, team, readable);
        } catch (IOException e) {
            return new Review(false, "the review could not start in " + workspace + ": " + e.getMessage(),
                    Event.Usage.NONE);
        }
        List<Tool<Verdict>> tools = new ArrayList<>(new FileTools(guard).<Verdict>reading());
        JsonObjectSchema comment = JsonObjectSchema.builder().addStringProperty("comment",
                "why; for a rejection, exactly what must change").required("comment").build();
        tools.add(new Tool<>(Tool.spec("approve", "Approves the work under review.", comment),
                args -> new Tool.Answer.End<>(new Verdict(true, args.text("comment")))));
        tools.add(new Tool<>(Tool.spec("reject", "Rejects the work under review and sends it back with your comment.", comment),
                args -> new Tool.Answer.End<>(new Verdict(false, args.text("comment")))));
        return switch (new ToolLoop<>(reporting(session), pricing, limits, session, tools).run(opening)) {
            case ToolLoop.Ending.Done<Verdict> d -> new Review(d.value().approved(), d.value().comment(), d.usage());
            case ToolLoop.Ending.Failed<Verdict> f -> new Review(false, "the review could not finish: " + f.reason(), f.usage());
            case ToolLoop.Ending.Misconfigured<Verdict> m -> Review.misconfigured("the review could not finish: " + m.reason(),
                    m.usage());
        };
    }

    @Override
    public Decision decide(DecisionRequest request) throws InterruptedException {
        return decide(request, new DetachedSession());
    }

    /**
     * A leader or a fallback answers through {@code decide}, a voter ({@link DecisionRequest#ballot()})
     * through {@code vote}; both check every answer against the options, and a wrong one is a tool
     * error the model sees and can correct. When the request has a workspace (the decide's inputs
     * checked out), the loop also has the read tools rooted there, and no write tool. A loop that
     * fails answers nothing and says why in the rationale.
     */
    @Override
    public Decision decide(DecisionRequest r, Session session) throws InterruptedException {
        DecideTool tool = new DecideTool(r.questions(), team.questions(), r.ballot());
        List<Tool<DecideTool.Answers>> tools = new ArrayList<>();
        String readable = null;
        if (r.workspace() != null) {
            List<PathGuard.Area> areas = new ArrayList<>();
            r.inputs().stream().map(id -> new PathGuard.Area(id, team.globsOf(id))).filter(area -> !area.globs().isEmpty())
                    .forEach(areas::add);
            areas.add(new PathGuard.Area("the decision records", List.of(Openings.DECISIONS)));
            try {
                PathGuard guard = new PathGuard(r.workspace(), areas, List.of());
                tools.addAll(new FileTools(guard).<DecideTool.Answers>reading());
                readable = guard.describeReadable();
            } catch (IOException e) {
                return new Decision(Map.of(), "the decide could not start in " + r.workspace() + ": " + e.getMessage(),
                        Event.Usage.NONE);
            }
        }
        tools.add(tool.tool());
        List<ChatMessage> opening = Openings.decide(r, tool.describeQuestions(), tool.name(), readable);
        return switch (new ToolLoop<>(reporting(session), pricing, limits, session, tools).run(opening)) {
            case ToolLoop.Ending.Done<DecideTool.Answers> d -> new Decision(d.value().answers(), d.value().rationale(), d.usage());
            case ToolLoop.Ending.Failed<DecideTool.Answers> f -> new Decision(Map.of(), f.reason(), f.usage());
            case ToolLoop.Ending.Misconfigured<DecideTool.Answers> m -> new Decision(Map.of(), m.reason(), m.usage());
        };
    }

    /**
     * The model for one call of the engine: a provider's model tells the session of each retry
     * before it waits, so the run's output and {@code synod log} show it; a scripted model never
     * retries.
     */
    private ChatModel reporting(Session session) {
        return model instanceof RetryingChatModel retrying ? retrying.reportingTo(session) : model;
    }

    /**
     * What may be read besides the write scope: the artifacts received (for a review, the one under
     * review and those its author received) and the decision records.
     */
    private List<PathGuard.Area> readable(Assignment a) {
        List<PathGuard.Area> out = new ArrayList<>();
        a.inputs().stream().map(id -> new PathGuard.Area(id, team.globsOf(id))).filter(area -> !area.globs().isEmpty())
                .forEach(out::add);
        out.add(new PathGuard.Area("the decision records", List.of(Openings.DECISIONS)));
        return out;
    }
}
