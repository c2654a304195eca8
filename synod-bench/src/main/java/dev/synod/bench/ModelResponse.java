package dev.synod.bench;

import java.util.SplittableRandom;

/**
 * A stand-in for what a model answers: English-like ASCII text of an exact size, the same on
 * every call, so that JSON escaping, compression and CRCs see something like a real response
 * rather than a run of one repeated character.
 */
public final class ModelResponse {
    /** The size of the benchmarks' model response, in bytes. */
    public static final int BENCHMARK_BYTES = 4096;

    private static final String[] WORDS = {
        "the", "agent", "wrote", "a", "class", "that", "parses", "input", "and", "returns", "an", "error",
        "when", "the", "file", "is", "empty;", "tests", "cover", "both", "paths.", "I", "changed", "three",
        "files", "under", "src/main/java", "and", "kept", "the", "public", "API", "as", "the", "spec", "asks.",
        "Next,", "the", "reviewer", "should", "check", "naming", "\"quoted\"", "edge", "cases", "\n",
    };

    private ModelResponse() {
    }

    /**
     * Text of exactly {@code bytes} bytes in UTF-8 (it is ASCII, so also {@code bytes} characters).
     *
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public static String ofBytes(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative, found " + bytes);
        }
        SplittableRandom random = new SplittableRandom(42);
        StringBuilder text = new StringBuilder(bytes + 32);
        while (text.length() < bytes) {
            String word = WORDS[random.nextInt(WORDS.length)];
            text.append(word);
            if (!word.equals("\n")) {
                text.append(' ');
            }
        }
        text.setLength(bytes);
        return text.toString();
    }
}
