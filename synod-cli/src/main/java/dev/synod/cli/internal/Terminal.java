package dev.synod.cli.internal;

import java.io.Console;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the process's standard output is: a terminal that live progress may redraw, or not. */
final class Terminal {
    /** The width assumed when the terminal does not say its own. */
    static final int DEFAULT_WIDTH = 80;

    private Terminal() {
    }

    /**
     * Whether live progress may draw: standard output is a terminal, {@code TERM} names one that
     * moves the cursor (set, and not {@code dumb}), and the user did not ask for plain lines.
     */
    static boolean live(boolean plain, Map<String, String> env) {
        String term = env.get("TERM");
        return !plain && term != null && !term.isBlank() && !term.equals("dumb") && isTerminal(System.console());
    }

    /** Whether colour is allowed: {@code NO_COLOR} (https://no-color.org) is unset or empty. */
    static boolean color(Map<String, String> env) {
        String no = env.get("NO_COLOR");
        return no == null || no.isEmpty();
    }

    /**
     * Whether the console is a terminal. Since JDK 22 {@link System#console()} answers even when
     * output is redirected, and {@code Console.isTerminal()} (JDK 22) says whether it is one; the
     * build targets Java 21, so that method is looked up, and on a JDK without it a console is a
     * terminal, as it was then.
     */
    static boolean isTerminal(Console console) {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** {@link #width()}, read again at most once a second: a redraw asks four times a second, a resize is rare. */
    static java.util.function.IntSupplier widthReader() {
        long[] readAt = {0};
        int[] columns = {DEFAULT_WIDTH};
        return () -> {
            long now = System.nanoTime();
            if (readAt[0] == 0 || now - readAt[0] > 1_000_000_000L) {
                columns[0] = width();
                readAt[0] = now;
            }
            return columns[0];
        };
    }

    /** The terminal's width in columns, as {@code stty size} reads it from {@code /dev/tty}, or {@link #DEFAULT_WIDTH}. */
    static int width() {
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(1, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return DEFAULT_WIDTH;
            }
            String[] parts = answer.split("\\s+");
            int columns = parts.length == 2 ? Integer.parseInt(parts[1]) : 0;
            return columns > 0 ? columns : DEFAULT_WIDTH;
        } catch (IOException | NumberFormatException e) {
            return DEFAULT_WIDTH;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DEFAULT_WIDTH;
        }
    }
}
