package dev.synod.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a CPU sample's stack (innermost frame first) is given to a phase. */
class PhasesTest {
    private static final String CARRIER = "java.util.concurrent.ForkJoinWorkerThread.run";

    @Test
    void a_library_called_by_a_phase_counts_for_the_library_when_a_rule_names_it() {
        assertThat(Phases.phase(List.of("sun.security.provider.SHA.implCompress0", "java.security.MessageDigest.digest",
                "dev.synod.runtime.workspace.internal.DirectoryCommits.commitAttempt", CARRIER))).isEqualTo("hashing");
        assertThat(Phases.phase(List.of("com.fasterxml.jackson.core.json.WriterBasedJsonGenerator.writeString",
                "dev.synod.core.Journals.toJson", "dev.synod.runtime.engine.internal.StoredEvent.of")))
                .isEqualTo("JSON of events");
    }

    @Test
    void a_jdk_frame_no_rule_names_counts_for_its_caller() {
        assertThat(Phases.phase(List.of("java.util.HashMap.get", "dev.synod.core.Interpreter.next", CARRIER)))
                .isEqualTo("interpreter turn");
        assertThat(Phases.phase(List.of("sun.nio.fs.UnixNativeDispatcher.stat0",
                "dev.synod.runtime.workspace.internal.DirectoryCommits.checkout", CARRIER))).isEqualTo("workspace checkout");
    }

    @Test
    void a_carrier_thread_with_no_task_of_synod_on_it_is_scheduling_and_an_unknown_stack_is_other() {
        assertThat(Phases.phase(List.of("java.util.concurrent.ForkJoinPool.scan", "java.util.concurrent.ForkJoinPool.runWorker",
                CARRIER))).isEqualTo("virtual-thread scheduling");
        assertThat(Phases.phase(List.of("java.lang.Object.wait0", "java.lang.ref.Reference.processPendingReferences")))
                .isEqualTo(Phases.OTHER);
    }
}
