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
}
