package dev.synod.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Journals recorded by an earlier version, checked in: each must still parse, serialize back to
 * the same bytes, and replay to identical commands. A change to the event format or to the
 * interpreter that breaks old journals fails here. Regenerate on purpose only, with
 * {@code -Dsynod.recordJournals=true}, and say why in the commit.
 */
class RecordedJournalsTest {
    private static final Path DIR = Path.of("src/test/resources/journals");

    @TestFactory
    Stream<DynamicTest> recorded_journals_replay_to_identical_commands() throws IOException {
        List<Path> journals;
        try (Stream<Path> files = Files.list(DIR)) {
            journals = files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        assertThat(journals).as("recorded journals in %s", DIR).hasSizeGreaterThanOrEqualTo(3);
        return journals.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Plan plan = Driver.plan(Files.readString(DIR.resolve("team.synod")));
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<Event> events = new ArrayList<>();
            for (String line : lines) {
                Event e = Journals.fromJson(line);
                assertThat(Journals.toJson(e)).as("the JSON form of an event changed").isEqualTo(line);
                events.add(e);
            }
            assertThat(Replay.check(plan, Budget.UNLIMITED, events)).isEmpty();
            assertThat(Interpreter.fold(plan, Budget.UNLIMITED, events).finished()).isPresent();
        }));
    }

    /** The scenarios recorded: name to the outcome of each command. */
    private static Map<String, Function<Driver, Function<Command, Event>>> scenarios() {
        return Map.of(
                "happy", d -> c -> Driver.happy(c, d.now()),
                "retry-and-escalate", d -> c -> switch (c) {
                    case Command.RunGate g when g.id().equals("gate:impl[dev1]#1:1") -> new Event.GateFinished(g.id(),
                            Event.Verdict.FAIL, List.of("src/dev1/ImplTest.java:12:9: expected 3 but was 4"), false, d.now());
                    case Command.RunAgent a when a.role().equals("dev[2]") -> new Event.AgentFinished(a.id(),
                            new Event.Outcome.Crashed("the model answered garbage"), Event.Usage.NONE, d.now());
                    default -> Driver.happy(c, d.now());
                },
                "rejected-and-failed", d -> c -> switch (c) {
                    case Command.AskHuman h -> new Event.HumanAnswered(h.id(), false, "not what was asked", d.now());
                    default -> Driver.happy(c, d.now());
                });
    }

    @Test
    @EnabledIfSystemProperty(named = "synod.recordJournals", matches = "true")
    void record() throws IOException {
        String team = InterpreterTest.TEAM;
        Files.writeString(DIR.resolve("team.synod"), team);
        for (var scenario : scenarios().entrySet()) {
            Driver d = new Driver(Driver.plan(team), Budget.UNLIMITED, new Random(1).nextLong());
            d.run(scenario.getValue().apply(d), 200);
            List<String> lines = d.journal.stream().map(Journals::toJson).toList();
            Files.write(DIR.resolve(scenario.getKey() + ".jsonl"), lines, StandardCharsets.UTF_8);
        }
    }
}
