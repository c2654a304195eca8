package dev.synod.bench;

import dev.synod.lang.CheckOptions;
import dev.synod.lang.CheckResult;
import dev.synod.lang.ParseResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long {@code synod check} takes on a large team: parse and check of a generated file of
 * {@value TeamGenerator#BENCHMARK_LINES} lines, single-threaded, in milliseconds per file. The
 * {@code parse} benchmark isolates the parser's share.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class CheckBenchmark {

    /** Lines of the generated team file. */
    @Param({"10000"})
    public int lines;

    private String text;

    @Setup(Level.Trial)
    public void generate() {
        text = TeamGenerator.generate(lines);
    }

    /** What {@code synod check team.synod} does after reading the file. */
    @Benchmark
    public CheckResult parseAndCheck() {
        return Synod.check(new SourceFile("generated.synod", text), CheckOptions.none());
    }

    /** The parser alone, for comparison. */
    @Benchmark
    public ParseResult parse() {
        return Synod.parse(new SourceFile("generated.synod", text));
    }
}
