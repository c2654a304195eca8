package dev.synod.runtime.agents.scripted;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.synod.core.SynodException;
import dev.synod.runtime.agents.model.TaskHeader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link ChatModel} that answers from an {@link AgentScript}: deterministic, free, and driven
 * through the same tool loop as a real model. It finds its entry by the {@link TaskHeader} of the
 * request's first user message (role, step, attempt) and picks the answer by the number of answers
 * the conversation already holds, so it keeps no state: a resumed attempt that asks for its fourth
 * answer gets the fourth. A request the script does not cover fails with a message naming the
 * missing entry.
 */
public final class ScriptedChatModel implements ChatModel {
    private final AgentScript script;

    public ScriptedChatModel(AgentScript script) {
        this.script = script;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        TaskHeader task = header(request.messages());
        int index = (int) request.messages().stream().filter(m -> m instanceof AiMessage).count();
        String entry = task.role() + "." + task.kind().name().toLowerCase(java.util.Locale.ROOT) + "."
                + (task.kind() == TaskHeader.Kind.DECIDE ? String.join(",", task.questions()) : task.step());
        List<AgentScript.Turn> turns = switch (task.kind()) {
            case PRODUCE -> script.produce(task.role(), task.step(), task.attempt()).orElseThrow(() -> missing(entry));
            case REVIEW -> script.review(task.role(), task.step(), task.attempt()).orElseThrow(() -> missing(entry));
            case DECIDE -> script.decideTurns(task.role()).orElseGet(() -> List.of(decision(task, answeringTool(request))));
        };
        if (index >= turns.size()) {
            throw new SynodException.InvalidInput("the agent script " + script.file().getFileName() + " gives '" + entry + "'"
                    + (task.kind() == TaskHeader.Kind.DECIDE ? "" : " on attempt " + task.attempt()) + " " + turns.size()
                    + " answer" + (turns.size() == 1 ? "" : "s") + ", and the model was asked for answer " + (index + 1)
                    + lastToolResult(request.messages())
                    + "; end the attempt with a call to finish (approve or reject in a review, decide or vote in a decide)");
        }
        AgentScript.Turn turn = turns.get(index);
        if (turn.sleep().isPresent()) {
            try {
                Thread.sleep(turn.sleep().get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SynodException.Retriable("the scripted model was interrupted while it waited", e);
            }
        }
        if (turn.crash().isPresent()) {
            throw new SynodException.Retriable(turn.crash().get(), null);
        }
        List<ToolExecutionRequest> calls = new ArrayList<>();
        for (AgentScript.Call call : turn.calls()) {
            calls.add(ToolExecutionRequest.builder().id("call-" + (index + 1) + "-" + (calls.size() + 1)).name(call.name())
                    .arguments(call.arguments()).build());
        }
        AiMessage.Builder message = AiMessage.builder().text(turn.text());
        if (!calls.isEmpty()) {
            message.toolExecutionRequests(calls);
        }
        return ChatResponse.builder().aiMessage(message.build()).modelName("scripted")
                .tokenUsage(new TokenUsage((int) turn.inputTokens(), (int) turn.outputTokens()))
                .finishReason(calls.isEmpty() ? FinishReason.STOP : FinishReason.TOOL_EXECUTION).build();
    }

    private SynodException.InvalidInput missing(String entry) {
        return new SynodException.InvalidInput("the agent script " + script.file().getFileName() + " has no entry '" + entry + "'");
    }

    /** The header of the request's first user message. */
    private TaskHeader header(List<ChatMessage> messages) {
        for (ChatMessage m : messages) {
            if (m instanceof UserMessage u && u.hasSingleText()) {
                Optional<TaskHeader> header = TaskHeader.parse(u.singleText());
                if (header.isPresent()) {
                    return header.get();
                }
                break;
            }
        }
        throw new SynodException.InvalidInput("the scripted model answers only the tasks of Synod's tool loop, whose first "
                + "user message starts with 'Role: …' and 'Task: …'; this request has none");
    }

    /** {@code vote} when the loop offers it (the role votes), else {@code decide}. */
    private static String answeringTool(ChatRequest request) {
        return request.toolSpecifications() != null
                && request.toolSpecifications().stream().anyMatch(t -> t.name().equals("vote")) ? "vote" : "decide";
    }

    /** What the last tool said, when the conversation ends with a tool's result: why the script ran out. */
    private static String lastToolResult(List<ChatMessage> messages) {
        if (messages.isEmpty() || !(messages.getLast() instanceof ToolExecutionResultMessage result)) {
            return "";
        }
        String text = result.text() == null ? "" : result.text().strip();
        return " after " + result.toolName() + " answered '" + (text.length() > 300 ? text.substring(0, 300) + "…" : text) + "'";
    }

    /**
     * The decide or vote call of a script that gives {@code role}'s answers by question, for the
     * round of the task; a crash when the script says its decides fail.
     */
    private AgentScript.Turn decision(TaskHeader task, String tool) {
        Optional<String> crash = script.decideCrash(task.role());
        if (crash.isPresent()) {
            return new AgentScript.Turn(null, List.of(), 0, 0, Optional.empty(), crash);
        }
        Map<String, String> scripted = script.answers(task.role(), task.attempt());
        Map<String, String> answers = new LinkedHashMap<>();
        for (String q : task.questions()) {
            String simple = q.substring(q.lastIndexOf('.') + 1);
            String answer = scripted.getOrDefault(q, scripted.get(simple));
            if (answer == null) {
                throw new SynodException.InvalidInput("the agent script " + script.file().getFileName() + " has no entry '"
                        + task.role() + ".decide." + simple + "'");
            }
            answers.put(q, answer);
        }
        var arguments = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        arguments.set("answers", new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(answers));
        arguments.put("rationale", "scripted answer");
        return new AgentScript.Turn(null, List.of(new AgentScript.Call(tool, arguments.toString())), 0, 0,
                Optional.empty(), Optional.empty());
    }
}
