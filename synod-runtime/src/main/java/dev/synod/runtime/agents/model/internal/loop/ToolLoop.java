package dev.synod.runtime.agents.model.internal.loop;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.synod.core.Agent;
import dev.synod.core.Blobs;
import dev.synod.core.Event;
import dev.synod.core.SynodException;
import dev.synod.runtime.agents.model.Limits;
import dev.synod.runtime.agents.model.Pricing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tool loop of one attempt: ask the model, run the tools it calls, give it their results,
 * until a tool ends the loop or a limit fails it. Every model call is a journaled turn; a resumed
 * attempt replays its journaled turns from their blobs (running their tool calls again on the
 * fresh workspace, as they ran the first time) and calls the model only after the last of them.
 *
 * @param <T> what the tool that ends the loop ends it with
 */
public final class ToolLoop<T> {
    /** The reminder for a model that answered without calling a tool. */
    static final String NUDGE = "You answered without calling a tool. Work only through the tools, and end by calling "
            + "the tool that finishes the task.";

    private final ChatModel model;
    private final Pricing pricing;
    private final Limits limits;
    private final Agent.Session session;
    private final Map<String, Tool<T>> tools = new LinkedHashMap<>();
    private final List<ToolSpecification> specs;

    /** How the loop ended, with the usage of all its turns. */
    public sealed interface Ending<T> {
        Event.Usage usage();

        record Done<T>(T value, Event.Usage usage) implements Ending<T> {
        }

        record Failed<T>(String reason, Event.Usage usage) implements Ending<T> {
        }

        /**
         * A model call failed for a reason in the configuration (the provider refused the key or
         * does not know the model or address, the agent script lacks the entry): no further
         * attempt can do better until the configuration changes.
         */
        record Misconfigured<T>(String reason, Event.Usage usage) implements Ending<T> {
        }
    }

    public ToolLoop(ChatModel model, Pricing pricing, Limits limits, Agent.Session session, List<Tool<T>> tools) {
        this.model = model;
        this.pricing = pricing;
        this.limits = limits;
        this.session = session;
        tools.forEach(t -> this.tools.put(t.name(), t));
        this.specs = tools.stream().map(Tool::spec).toList();
    }

    /** Runs the loop from the opening messages (the instructions) to its end. */
    public Ending<T> run(List<ChatMessage> opening) throws InterruptedException {
        List<ChatMessage> messages = new ArrayList<>(opening);
        List<Agent.Turn> journaled = session.turns();
        Event.Usage usage = Event.Usage.NONE;
        String previous = null;
        int sent = 0;
        int malformed = 0;
        int nudges = 0;
        for (int n = 1; ; n++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("the attempt was interrupted before turn " + n);
            }
            if (n > limits.maxTurns()) {
                return new Ending.Failed<>("the model did not finish within " + limits.maxTurns()
                        + " turns (max-turns of its model alias)", usage);
            }
            byte[] request = Transcript.request(n, previous, messages.subList(sent, messages.size()), specs);
            String requestHash = Blobs.hash(request);
            AiMessage answer;
            Event.Usage spent;
            if (n <= journaled.size()) {
                Agent.Turn turn = journaled.get(n - 1);
                if (turn.number() != n) {
                    return new Ending.Failed<>("the journal holds turn " + turn.number() + " where turn " + n
                            + " was expected; the attempt cannot resume", usage);
                }
                if (!requestHash.equals(turn.request())) {
                    // The rebuilt request differs from the journaled one (a tool answered otherwise
                    // than the first time). The journaled answer stands; keep the rebuilt request so
                    // the chain of requests stays readable.
                    session.blobs().put(request);
                }
                try {
                    answer = Transcript.answer(session.blobs(), turn.response(), n);
                } catch (SynodException.Corrupted e) {
                    return new Ending.Failed<>("cannot resume: " + e.getMessage(), usage);
                }
                spent = turn.usage();
            } else {
                Optional<String> refusal = session.refusal();
                if (refusal.isPresent()) {
                    return new Ending.Failed<>(refusal.get() + "; no further model call was started", usage);
                }
                session.blobs().put(request);
                ChatResponse response;
                try {
                    response = model.chat(ChatRequest.builder().messages(List.copyOf(messages)).toolSpecifications(specs).build());
                } catch (RuntimeException e) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedException("the attempt was interrupted during turn " + n);
                    }
                    if (e instanceof SynodException.InvalidInput) {
                        return new Ending.Misconfigured<>(describe(e), usage);
                    }
                    return new Ending.Failed<>(describe(e), usage);
                }
                if (response == null || response.aiMessage() == null) {
                    return new Ending.Failed<>("the model returned no message on turn " + n, usage);
                }
                answer = response.aiMessage();
                spent = pricing.usage(response.tokenUsage());
                String finish = response.finishReason() == null ? null : response.finishReason().name();
                String responseHash = session.blobs().put(Transcript.response(answer, finish, spent));
                session.record(new Agent.Turn(n, requestHash, responseHash, spent));
                session.heartbeat();
            }
            usage = usage.plus(spent);
            previous = requestHash;
            sent = messages.size();
            messages.add(answer);
            if (!answer.hasToolExecutionRequests()) {
                nudges++;
                if (nudges > limits.maxNudges()) {
                    return new Ending.Failed<>("the model answered " + nudges + " times in a row without calling a tool; "
                            + "its last answer: \"" + Caps.abbreviate(answer.text(), 200) + "\"", usage);
                }
                messages.add(UserMessage.from(NUDGE));
                continue;
            }
            nudges = 0;
            int room = limits.turnChars();
            for (ToolExecutionRequest call : answer.toolExecutionRequests()) {
                Tool.Answer<T> result;
                boolean wellFormed = true;
                try {
                    result = call(call);
                } catch (Arguments.Malformed e) {
                    wellFormed = false;
                    result = Tool.Answer.error(e.getMessage());
                }
                if (result instanceof Tool.Answer.End<T> end) {
                    return new Ending.Done<>(end.value(), usage);
                }
                Tool.Answer.Result<T> text = (Tool.Answer.Result<T>) result;
                malformed = wellFormed ? 0 : malformed + 1;
                if (malformed >= limits.maxMalformed()) {
                    return new Ending.Failed<>("the model made " + malformed + " malformed tool calls in a row; the last: "
                            + text.text().replaceFirst("^error: ", ""), usage);
                }
                String shown = room <= 0 ? "[cut: the tool results of this turn reached their limit of " + limits.turnChars()
                        + " characters; call " + call.name() + " again in a later turn]"
                        : Caps.cut(text.text(), Math.min(limits.resultChars(), room));
                room -= shown.length();
                messages.add(ToolExecutionResultMessage.builder().id(call.id()).toolName(call.name()).text(shown)
                        .isError(text.error()).build());
            }
        }
    }

    private Tool.Answer<T> call(ToolExecutionRequest call) throws Arguments.Malformed, InterruptedException {
        Tool<T> tool = tools.get(call.name());
        if (tool == null) {
            throw new Arguments.Malformed("there is no tool " + (call.name() == null ? "without a name" : "'" + call.name() + "'")
                    + "; the tools are " + String.join(", ", tools.keySet()));
        }
        return tool.handler().call(Arguments.parse(call.name(), call.arguments()));
    }

    /** A model call's failure in one line: a Synod error says it all; another also names its kind. */
    private static String describe(RuntimeException e) {
        if (e instanceof SynodException && e.getMessage() != null) {
            return e.getMessage();
        }
        return "the model call failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
