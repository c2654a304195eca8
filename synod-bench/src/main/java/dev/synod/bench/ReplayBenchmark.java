package dev.synod.bench;

import dev.synod.core.Budget;
import dev.synod.core.Event;
import dev.synod.core.Interpreter;
import dev.synod.core.Journal;
import dev.synod.core.Replay;
import dev.synod.core.RunInfo;
import dev.synod.runtime.engine.LocalStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long {@code synod replay} takes on a long run: {@link Replay#check} and {@link Interpreter#fold}
 * of a journal of at least {@code events} events ({@link ReplayJournal}), single-threaded, in
 * milliseconds. {@code readAndCheck} adds what the command does first: reading and verifying the
 * events from the SQLite journal ({@code .synod/synod.db}) in a temporary directory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
public class ReplayBenchmark {
    private static final String RUN = "replay";

    /** The least number of events of the journal. */
    @Param({"10000"})
    public int events;

    private ReplayJournal journal;
    private Path directory;
    private LocalStorage storage;

    @Setup(Level.Trial)
    public void generate() throws IOException {
        journal = ReplayJournal.atLeast(events);
        Optional<Replay.Mismatch> mismatch = Replay.check(journal.plan(), Budget.UNLIMITED, journal.events());
        if (mismatch.isPresent()) {
            throw new IllegalStateException("the generated journal does not replay: " + mismatch.get().describe());
        }
        System.out.printf("%n%d events, %d steps in the plan (%d units)%n", journal.events().size(),
                journal.plan().steps().size(), journal.units());
        directory = Files.createTempDirectory("synod-replay-bench");
        storage = LocalStorage.openOrCreate(directory);
        Journal stored = storage.journal();
        stored.create(new RunInfo(RUN, journal.plan().team(), directory.toString(),
                journal.events().getFirst().at()));
        stored.append(RUN, journal.events());
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
        storage.close();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Re-derives every command of the journal from the events before it. */
    @Benchmark
    public Optional<Replay.Mismatch> replayCheck() {
        return Replay.check(journal.plan(), Budget.UNLIMITED, journal.events());
    }

    /** Folds the journal into the state a resumed run starts from. */
    @Benchmark
    public dev.synod.core.State fold() {
        return Interpreter.fold(journal.plan(), Budget.UNLIMITED, journal.events());
    }

    /** What {@code synod replay} does: read and verify the stored journal, then check it. */
    @Benchmark
    public Optional<Replay.Mismatch> readAndCheck() {
        List<Event> read = storage.journal().read(RUN);
        return Replay.check(journal.plan(), Budget.UNLIMITED, read);
    }
}
