package dev.synod.temporal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.synod.core.Journals;
import dev.synod.lang.WriteScope;
import dev.synod.temporal.internal.TeamWorkflowImpl;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * What clients and workers of a Synod team on Temporal share: the data converter, and the
 * workers of the task queues a machine serves.
 */
public final class SynodTemporal {
    private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance()
            .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(mapper()));

    private SynodTemporal() {
    }

    /**
     * The data converter every client and worker of a run must use: JSON as the journal writes
     * events and commands ({@link Journals#mapper()}), so that an event in the history reads as
     * it does in a journal, with write scopes as their globs.
     */
    public static DataConverter dataConverter() {
        return CONVERTER;
    }

    private static ObjectMapper mapper() {
        SimpleModule scopes = new SimpleModule("synod-write-scopes");
        scopes.addSerializer(WriteScope.class, new JsonSerializer<>() {
            @Override
            public void serialize(WriteScope scope, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeStartArray();
                for (String glob : scope.globs()) {
                    out.writeString(glob);
                }
                out.writeEndArray();
            }
        });
        scopes.addDeserializer(WriteScope.class, new JsonDeserializer<>() {
            @Override
            public WriteScope deserialize(JsonParser in, DeserializationContext context) throws IOException {
                return WriteScope.of(in.readValueAs(new TypeReference<List<String>>() { }));
            }
        });
        return Journals.mapper().copy().registerModule(scopes);
    }

    /**
     * How long one workflow task may run without yielding before Temporal deems it deadlocked. The
     * first task compiles the team ({@code team.synod} to a plan), which takes longer than
     * Temporal's default of a second on a cold JVM.
     */
    public static final long DEADLOCK_DETECTION_MILLIS = 10_000;

    /** Registers the team's workflow on its queue ({@link TaskQueues#workflow}). */
    public static Worker serveWorkflow(WorkerFactory factory, String team) {
        return serveWorkflow(factory, team, true);
    }

    /**
     * As {@link #serveWorkflow(WorkerFactory, String)}; without {@code sticky}, the worker asks for
     * no sticky queue of its own: every workflow task goes to the team's queue, so any worker takes
     * the next one. Temporal's service moves a lost worker's sticky tasks to the team's queue after
     * a timeout of 5 s; its standalone test server never does, so that a workflow whose sticky worker
     * died waits forever there. The SDK has no switch for this but a zero sticky schedule-to-start
     * timeout, with which it sends no sticky attributes when it completes a task.
     */
    public static Worker serveWorkflow(WorkerFactory factory, String team, boolean sticky) {
        WorkerOptions.Builder options = WorkerOptions.newBuilder().setDefaultDeadlockDetectionTimeout(DEADLOCK_DETECTION_MILLIS);
        if (!sticky) {
            options.setStickyQueueScheduleToStartTimeout(java.time.Duration.ZERO);
        }
        Worker worker = factory.newWorker(TaskQueues.workflow(team), options.build());
        worker.registerWorkflowImplementationTypes(TeamWorkflowImpl.class);
        return worker;
    }

    /**
     * Registers {@code activities} on the queues of {@code roles} and, when {@code gates}, on the
     * gates' queue: a machine serves the roles whose agents it has.
     */
    public static void serveActivities(WorkerFactory factory, String team, Collection<String> roles, boolean gates,
                                       EffectActivities activities) {
        for (String role : roles) {
            factory.newWorker(TaskQueues.role(team, role)).registerActivitiesImplementations(activities);
        }
        if (gates) {
            factory.newWorker(TaskQueues.gates(team)).registerActivitiesImplementations(activities);
        }
    }
}
