package dev.synod.runtime.agents.model;

/**
 * The bounds the runtime puts on one attempt's tool loop, whatever the model does.
 *
 * @param maxTurns     model calls per attempt; one more fails the attempt as a crash
 *                     ({@code max-turns} in a model alias's settings)
 * @param maxMalformed consecutive malformed tool calls (unknown tool, arguments that are not JSON,
 *                     missing or wrong-typed fields) after which the attempt crashes
 * @param maxNudges    consecutive answers without a tool call that are answered with a reminder;
 *                     one more crashes the attempt
 * @param resultChars  the most characters of one tool result the model sees
 * @param turnChars    the most characters of all tool results of one turn together
 */
public record Limits(int maxTurns, int maxMalformed, int maxNudges, int resultChars, int turnChars) {
    /** 40 turns, 3 malformed calls, 2 reminders, 16 KiB per result and 64 KiB per turn. */
    public static final Limits DEFAULT = new Limits(40, 3, 2, 16 * 1024, 64 * 1024);

    public Limits {
        positive("maxTurns", maxTurns);
        positive("maxMalformed", maxMalformed);
        if (maxNudges < 0) {
            throw new IllegalArgumentException("maxNudges must not be negative, found " + maxNudges);
        }
        positive("resultChars", resultChars);
        positive("turnChars", turnChars);
    }

    /** These limits with another {@link #maxTurns}. */
    public Limits withMaxTurns(int turns) {
        return new Limits(turns, maxMalformed, maxNudges, resultChars, turnChars);
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, found " + value);
        }
    }
}
