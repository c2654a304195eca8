package dev.synod.runtime.agents.model.internal.loop;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

/**
 * One tool the model may call: its specification, as the model sees it, and what a call does.
 *
 * @param <T> what a tool that ends the loop ends it with
 */
public record Tool<T>(ToolSpecification spec, Handler<T> handler) {

    /** What a call does with its arguments. */
    @FunctionalInterface
    public interface Handler<T> {
        /**
         * @throws Arguments.Malformed when the arguments do not fit the tool
         */
        Answer<T> call(Arguments arguments) throws Arguments.Malformed, InterruptedException;
    }

    /** What a call answers: text for the model, or the end of the loop. */
    public sealed interface Answer<T> {
        /** A result the model sees; {@code error} when the call was refused or failed. */
        record Result<T>(String text, boolean error) implements Answer<T> {
        }

        /** The loop ends with {@code value}. */
        record End<T>(T value) implements Answer<T> {
        }

        static <T> Answer<T> ok(String text) {
            return new Result<>(text, false);
        }

        static <T> Answer<T> error(String text) {
            return new Result<>("error: " + text, true);
        }
    }

    public String name() {
        return spec.name();
    }

    /** The specification of a tool as the model sees it. */
    public static ToolSpecification spec(String name, String description, JsonObjectSchema parameters) {
        return ToolSpecification.builder().name(name).description(description).parameters(parameters).build();
    }
}
