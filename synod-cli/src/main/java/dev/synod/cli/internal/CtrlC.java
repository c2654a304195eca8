package dev.synod.cli.internal;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) while a run is driven: the first asks the run to stop cleanly (the engine
 * journals what arrived, interrupts its effects and returns), a second, for a run that does not
 * stop, ends the process at once with status 130 as an unhandled SIGINT would.
 *
 * <p>Java has no public API for signals; {@code sun.misc.Signal} (module {@code jdk.unsupported})
 * is the supported way to handle one, and a shutdown hook would run too late to journal anything.
 */
final class CtrlC implements AutoCloseable {
    /** The exit status of a run stopped by Ctrl-C: 128 + SIGINT, as shells report it. */
    static final int EXIT_STOPPED = 130;

    private final Signal signal;
    private final SignalHandler previous;

    private CtrlC(Signal signal, SignalHandler previous) {
        this.signal = signal;
        this.previous = previous;
    }

    /** Handles Ctrl-C with {@code stop} until {@link #close}; where SIGINT cannot be handled, does nothing. */
    static CtrlC handle(Runnable stop) {
        Signal interrupt = new Signal("INT");
        boolean[] asked = {false};
        try {
            SignalHandler previous = Signal.handle(interrupt, s -> {
                if (asked[0]) {
                    // The user pressed Ctrl-C again: the run did not stop, so stop the process, as Ctrl-C
                    // always does; the journal stays whole (each commit is one transaction).
                    Runtime.getRuntime().halt(EXIT_STOPPED);
                }
                asked[0] = true;
                stop.run();
            });
            return new CtrlC(interrupt, previous);
        } catch (IllegalArgumentException e) {
            // SIGINT is ignored (a background job started with nohup) or reserved by the JVM (-Xrs).
            return new CtrlC(null, null);
        }
    }

    @Override
    public void close() {
        if (signal != null) {
            Signal.handle(signal, previous);
        }
    }
}
