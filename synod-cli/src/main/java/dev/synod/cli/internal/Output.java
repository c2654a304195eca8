package dev.synod.cli.internal;

import java.io.PrintWriter;

/** Small helpers for writing command output. */
final class Output {
    private Output() {
    }

    /** Prints a block of text so that it ends with exactly the newline it had, or one if it had none. */
    static void printBlock(PrintWriter out, String text) {
        out.print(text);
        if (!text.endsWith("\n")) {
            out.println();
        }
        out.flush();
    }
}
