/**
 * The engine's durability harness ({@code java -cp synod-bench/target/benchmarks.jar
 * dev.synod.bench.engine.EngineBenchmark}): raw SQLite commits, hand-off attempts through the
 * journal alone, and the same attempts through the real engine, at several concurrencies, on one
 * disk in one process. See {@code docs/benchmarks.md}.
 */
package dev.synod.bench.engine;
