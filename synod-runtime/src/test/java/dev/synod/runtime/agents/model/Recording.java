package dev.synod.runtime.agents.model;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A model that passes every request on and keeps it: what the model saw, and how often it was asked. */
final class Recording implements ChatModel {
    private final ChatModel model;
    final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    Recording(ChatModel model) {
        this.model = model;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        return model.chat(request);
    }

    int calls() {
        return requests.size();
    }

    /** The tool results the model was shown, over all requests, each once, in order. */
    List<ToolExecutionResultMessage> results() {
        if (requests.isEmpty()) {
            return List.of();
        }
        List<ChatMessage> last = requests.get(requests.size() - 1).messages();
        return last.stream().filter(m -> m instanceof ToolExecutionResultMessage).map(m -> (ToolExecutionResultMessage) m)
                .toList();
    }
}
