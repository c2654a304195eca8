package dev.synod.bench.engine;

/** Drives whole runs, one per call, from several threads at once; each thread has its own worker number. */
interface RunDriver extends AutoCloseable {
    /** Drives the new run {@code run} to its end, on behalf of worker {@code worker}. */
    void run(String run, int worker);

    @Override
    void close();
}
