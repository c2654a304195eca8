package dev.synod.bench.engine;

import dev.synod.core.Event;
import dev.synod.core.Journal;
import dev.synod.core.RunInfo;
import java.util.List;

/** A journal that reports how long each {@link #append} took, and otherwise passes every call on. */
final class TimedJournal implements Journal {
    private final Journal journal;
    private final StepRecorder recorder;

    TimedJournal(Journal journal, StepRecorder recorder) {
        this.journal = journal;
        this.recorder = recorder;
    }

    @Override
    public void create(RunInfo run) {
        journal.create(run);
    }

    @Override
    public long append(String run, List<Event> events) {
        long start = System.nanoTime();
        long seq = journal.append(run, events);
        recorder.appended(System.nanoTime() - start);
        return seq;
    }

    @Override
    public List<Event> read(String run) {
        return journal.read(run);
    }

    @Override
    public List<RunInfo> runs() {
        return journal.runs();
    }

    @Override
    public void close() {
        journal.close();
    }
}
