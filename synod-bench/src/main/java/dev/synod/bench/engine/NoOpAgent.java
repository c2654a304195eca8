package dev.synod.bench.engine;

import dev.synod.core.Agent;
import dev.synod.core.Event;
import java.nio.file.Path;
import java.util.Map;

/**
 * An agent that writes nothing and answers at once with a fixed response, and tells the
 * recorder when each attempt starts.
 */
final class NoOpAgent implements Agent {
    private static final Event.Usage USAGE = new Event.Usage(12_000, 900, 0.02);

    private final String response;
    private final StepRecorder recorder;

    NoOpAgent(String response, StepRecorder recorder) {
        this.response = response;
        this.recorder = recorder;
    }

    @Override
    public Outcome perform(Assignment assignment, Path workspace) {
        recorder.attemptStarted(assignment.run(), assignment.role());
        return new Outcome.Finished(response, USAGE);
    }

    @Override
    public Review review(Assignment assignment, Path workspace) {
        return new Review(true, "", Event.Usage.NONE);
    }

    @Override
    public Decision decide(DecisionRequest request) {
        return new Decision(Map.of(), "", Event.Usage.NONE);
    }
}
