/**
 * JMH benchmarks of Synod ({@code java -jar synod-bench/target/benchmarks.jar}): checking a large
 * choreography and replaying a long journal, with the generators of the teams and journals they
 * run on. The engine's durability harness is in {@link dev.synod.bench.engine}.
 */
package dev.synod.bench;
