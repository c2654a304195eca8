/**
 * The gates' benchmark ({@code java -cp synod-bench/target/benchmarks.jar
 * dev.synod.bench.gates.GateBenchmark}): the warm in-process {@code compile} gate side by side
 * with a forked {@code javac} and with Maven on the same generated module, and a cached verdict
 * lookup as the engine makes it. See {@code docs/benchmarks.md}.
 */
package dev.synod.bench.gates;
