package dev.synod.cli.internal;

import dev.synod.core.Clock;
import dev.synod.core.Event;
import dev.synod.core.State;
import dev.synod.runtime.engine.Progress;
import dev.synod.runtime.engine.Timeline;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * Progress where output is not a terminal (a pipe, a file, CI, {@code --plain}): one line per
 * event, {@link Timeline#describe}'s text after the local time to the second, and one per notice.
 * A provider's retry prints once, from its journaled event, not again from the wait it announces.
 */
final class ProgressLines implements Progress {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final PrintWriter out;
    private final Clock clock;
    private final ZoneId zone;

    ProgressLines(PrintWriter out, Clock clock, ZoneId zone) {
        this.out = out;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public void event(Event event, State state) {
        String line = Timeline.describe(event, state.plan());
        if (line != null) {
            notice(line);
        }
    }

    @Override
    public synchronized void notice(String text) {
        out.println(stamped(text));
        out.flush();
    }

    /** {@code text} after the time now: {@code 10:32:05  notes#1: gate compile pass}. */
    String stamped(String text) {
        return TIME.format(clock.now().atZone(zone)) + "  " + text;
    }
}
