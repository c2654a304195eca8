/**
 * JMH benchmarks of Synod ({@code java -jar synod-bench/target/benchmarks.jar}) and the generator of
 * the large choreographies they run on.
 */
package dev.synod.bench;
