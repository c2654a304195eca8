package dev.synod.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Command;
import dev.synod.core.Event;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SampleEventsTest {
    @Test
    void cover_every_event_type() {
        assertThat(classesOf(SampleEvents.all().stream())).containsAll(recordsOf(Event.class));
    }

    @Test
    void cover_every_outcome_of_an_agent() {
        Stream<Event.Outcome> outcomes = SampleEvents.all().stream()
                .flatMap(e -> e instanceof Event.AgentFinished a ? Stream.of(a.outcome()) : Stream.empty());

        assertThat(classesOf(outcomes)).containsAll(recordsOf(Event.Outcome.class));
    }

    @Test
    void cover_every_command_an_effect_can_start() {
        Stream<Command> commands = SampleEvents.all().stream()
                .flatMap(e -> e instanceof Event.Started s ? Stream.of(s.command()) : Stream.empty());

        assertThat(classesOf(commands)).containsAll(recordsOf(Command.class));
    }

    private static List<Class<?>> classesOf(Stream<?> values) {
        return values.<Class<?>>map(Object::getClass).toList();
    }

    private static List<Class<?>> recordsOf(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
                .flatMap(c -> c.isSealed() ? recordsOf(c).stream() : Stream.<Class<?>>of(c))
                .toList();
    }
}
