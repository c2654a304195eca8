package dev.synod.cli.internal;

import dev.synod.core.Clock;
import dev.synod.core.Event;
import dev.synod.core.State;
import dev.synod.runtime.engine.Progress;
import dev.synod.runtime.engine.Timeline;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * Progress on a terminal: below the lines of what happened (the same timestamped lines as
 * {@link ProgressLines}, scrolling up as on any terminal) a block of one line per active step
 * (role, artifact, attempt, what it does, elapsed time, tokens, and what it waits for, such as a
 * provider's HTTP retry), redrawn in place with ANSI cursor movement four times a second.
 *
 * <p>The engine's loop hands over events and the agents' threads their waits; the block is
 * drawn on a timer thread of its own, so a slow terminal never holds the loop. Everything that
 * writes to the terminal holds this object's lock.
 */
final class LiveProgress implements Progress, AutoCloseable {
    /** How often the block is redrawn: often enough for the seconds to tick, rarely enough not to flicker. */
    static final Duration REDRAW = Duration.ofMillis(250);
    private static final String YELLOW = "\033[33m";
    private static final String RESET = "\033[0m";

    private final PrintWriter out;
    private final Clock clock;
    private final ProgressLines lines;
    private final IntSupplier width;
    private final boolean color;
    private final Map<String, Instant> started = new ConcurrentHashMap<>();
    private final Map<String, String> waits = new ConcurrentHashMap<>();
    private volatile List<StepRows.Row> rows = List.of();
    /** Lines to print above the block at the next redraw, guarded by this. */
    private final List<String> pending = new ArrayList<>();
    /** How many lines the block took when it was last drawn, guarded by this. */
    private int drawn;
    /** Whether drawing failed, so that lines are printed as they come; guarded by this. */
    private boolean failed;
    private ScheduledExecutorService timer;

    /**
     * @param width the terminal's width in columns, read at every redraw (a window may be resized)
     * @param color whether the block may use colour ({@code NO_COLOR} unset)
     */
    LiveProgress(PrintWriter out, Clock clock, ProgressLines lines, IntSupplier width, boolean color) {
        this.out = out;
        this.clock = clock;
        this.lines = lines;
        this.width = width;
        this.color = color;
    }

    /** Starts redrawing the block on a daemon thread until {@link #close}. */
    LiveProgress start() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "synod-progress");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(this::tick, 0, REDRAW.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * One redraw of the timer. A drawing fault must not silence the run: it is told once, the timer
     * stops, and from then on every line is printed as it comes, as {@link ProgressLines} would.
     */
    private void tick() {
        try {
            redraw();
        } catch (RuntimeException e) {
            synchronized (this) {
                failed = true;
                pending.add("synod: live progress stopped (" + e + "); plain lines follow");
                pending.forEach(out::println);
                pending.clear();
                out.flush();
            }
            timer.shutdown();
        }
    }

    @Override
    public void event(Event event, State state) {
        switch (event) {
            case Event.Started s -> started.putIfAbsent(s.command().id(), s.at());
            // The retry is on its step's line while it waits; the next turn of that step ends the wait.
            case Event.ProviderRetried r -> waits.put(r.command(), retry(r));
            case Event.TurnRecorded t -> waits.remove(t.command());
            default -> { }
        }
        if (!(event instanceof Event.ProviderRetried)) {
            String line = Timeline.describe(event, state.plan());
            if (line != null) {
                notice(line);
            }
        }
        List<StepRows.Row> now = StepRows.of(state, started, clock.now());
        java.util.Set<String> active = new java.util.HashSet<>();
        now.forEach(r -> active.add(r.id()));
        started.keySet().retainAll(state.inFlight().stream().map(dev.synod.core.Command::id).toList());
        waits.keySet().retainAll(active);
        rows = now;
    }

    /** The rows of the commands a resume runs again, which started in an earlier process: their time counts from now. */
    @Override
    public void resumed(State state) {
        Instant now = clock.now();
        state.inFlight().forEach(c -> started.putIfAbsent(c.id(), now));
        rows = StepRows.of(state, started, now);
    }

    @Override
    public synchronized void notice(String text) {
        if (failed) {
            out.println(lines.stamped(text));
            out.flush();
        } else {
            pending.add(lines.stamped(text));
        }
    }

    /** Prints a line of the command's own (the run's id) above the block at once, as it is. */
    synchronized void say(String line) {
        pending.add(line);
        if (!failed) {
            redraw();
        } else {
            pending.forEach(out::println);
            pending.clear();
            out.flush();
        }
    }

    @Override
    public void waiting(String command, String text) {
        waits.put(command, text);
    }

    /** The block as it would be drawn now on a terminal {@code columns} wide: one line per active step. */
    List<String> frame(int columns) {
        List<StepRows.Row> current = rows;
        Instant now = clock.now();
        int stepWidth = current.stream().mapToInt(r -> r.step().length()).max().orElse(0);
        int roleWidth = current.stream().mapToInt(r -> r.role().length()).max().orElse(0);
        List<String> frame = new ArrayList<>();
        for (StepRows.Row r : current) {
            String wait = waits.get(r.id());
            // One column short of the width, so that no line wraps and the cursor arithmetic holds.
            String line = StepRows.line(r, now, wait, stepWidth, roleWidth, Math.max(20, columns - 1));
            frame.add(color && wait != null ? YELLOW + line + RESET : line);
        }
        return frame;
    }

    /** Prints what happened since the last redraw above the block, then draws the block again in place. */
    synchronized void redraw() {
        List<String> frame = frame(width.getAsInt());
        if (pending.isEmpty() && frame.isEmpty() && drawn == 0) {
            return;
        }
        StringBuilder b = new StringBuilder();
        if (drawn > 0) {
            b.append("\r\033[").append(drawn).append('A');
        }
        b.append("\r\033[J");
        pending.forEach(l -> b.append(l).append('\n'));
        pending.clear();
        frame.forEach(l -> b.append(l).append('\n'));
        drawn = frame.size();
        out.print(b);
        out.flush();
    }

    /** Stops the timer and leaves the terminal with every line printed and no block below them. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        rows = List.of();
        synchronized (this) {
            if (!failed) {
                redraw();
            }
        }
    }

    private static String retry(Event.ProviderRetried r) {
        return r.reason() + ", retry " + r.retry() + " of " + r.of() + " in "
                + dev.synod.runtime.config.Units.describe(Duration.ofMillis(r.delayMillis()));
    }
}
