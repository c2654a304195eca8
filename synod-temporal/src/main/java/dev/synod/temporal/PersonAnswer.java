package dev.synod.temporal;

import java.util.Map;

/**
 * A person's answer to a command that waits for one, as {@code synod answer} gives it.
 *
 * @param command  the id of the command answered
 * @param approved for an approval, whether it is given
 * @param options  for a decide, question to the option chosen
 */
public record PersonAnswer(String command, boolean approved, String comment, Map<String, String> options) {
    public PersonAnswer {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
