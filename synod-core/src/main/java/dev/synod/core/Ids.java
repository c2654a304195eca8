package dev.synod.core;

/** The deterministic ids of commands: the same plan and journal always give the same ids. */
public final class Ids {
    public static final String FINISH = "finish";

    private Ids() {
    }

    public static String agent(String step, int attempt) {
        return "agent:" + step + "#" + attempt;
    }

    public static String gate(String step, int attempt, int index) {
        return "gate:" + step + "#" + attempt + ":" + index;
    }

    public static String review(String step, int attempt, String reviewer) {
        return "review:" + step + "#" + attempt + ":" + reviewer;
    }

    public static String human(String step, int attempt) {
        return "human:" + step + "#" + attempt;
    }

    public static String leader(String step) {
        return "leader:" + step;
    }

    public static String record(String step) {
        return "record:" + step;
    }

    /** The ballot of {@code voter} in round {@code round} of a decide. */
    public static String ballot(String step, int round, String voter) {
        return "ballot:" + step + "#" + round + ":" + voter;
    }

    /** The journaled tally of round {@code round} of a decide. */
    public static String tally(String step, int round) {
        return "tally:" + step + "#" + round;
    }

    /** The fallback's answer after a decide's rounds found no quorum. */
    public static String fallback(String step) {
        return "fallback:" + step;
    }
}
