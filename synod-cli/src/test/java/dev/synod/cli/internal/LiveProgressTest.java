package dev.synod.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Budget;
import dev.synod.core.Command;
import dev.synod.core.Event;
import dev.synod.core.Interpreter;
import dev.synod.core.Plan;
import dev.synod.core.PlanCompiler;
import dev.synod.core.State;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.testkit.FakeClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The live block against a fake terminal: its frames, what scrolls above them, and how they are redrawn. */
class LiveProgressTest {
    private static final String TEAM = """
            synod 1
            team t {
              defaults within 10m retry 1
              role writer model m
              role editor[2] model m
              writer -> all : outline "notes/OUTLINE.md"
                gate exists
              par {
                for e in editor[*] {
                  e -> writer : section[e] "notes/{e}/**"
                    reads outline
                    gate exists
                }
              }
            }
            """;

    private final FakeClock clock = new FakeClock();
    private final StringWriter screen = new StringWriter();
    private State state;
    private LiveProgress live;

    @BeforeEach
    void start_a_run() {
        Plan plan = PlanCompiler.compile(Synod.check(new SourceFile("team.synod", TEAM), CheckOptions.none()));
        state = Interpreter.fold(plan, Budget.UNLIMITED, List.of());
        ProgressLines lines = new ProgressLines(new PrintWriter(screen), clock, ZoneOffset.UTC);
        live = new LiveProgress(new PrintWriter(screen), clock, lines, () -> 100, false);
        feed(new Event.RunStarted("r1", "t", "plan", null, "0123456789abcdef", 7, clock.now()));
    }

    /** Folds {@code e} into the run's state and tells the renderer, as the engine's loop does. */
    private void feed(Event e) {
        Interpreter.apply(state, e);
        live.event(e, state);
    }

    /** Starts every command the interpreter derives now; returns them. */
    private List<Command> startNext() {
        List<Command> next = Interpreter.next(state);
        next.forEach(c -> feed(new Event.Started(c, clock.now())));
        return next;
    }

    @Test
    void a_frame_has_one_line_per_active_step_with_its_role_attempt_state_elapsed_time_and_tokens() {
        Command outline = startNext().getFirst();
        clock.advance(Duration.ofSeconds(42));
        feed(new Event.TurnRecorded(outline.id(), "writer", 1, "req", "resp", new Event.Usage(1000, 200, 0.01), clock.now()));

        List<String> frame = live.frame(100);

        assertThat(frame).containsExactly("  outline  writer  attempt 1  turn 2                 0:42  1200 tokens");
    }

    @Test
    void an_http_retry_shows_on_its_steps_line_while_it_waits_and_goes_with_the_next_turn() {
        startNext();
        Command outline = state.inFlight().getFirst();
        live.waiting(outline.id(), "openai: HTTP 503, retry 2 of 5 in 4s");

        assertThat(live.frame(120)).singleElement().asString()
                .startsWith("  outline  writer  attempt 1").endsWith("openai: HTTP 503, retry 2 of 5 in 4s");

        feed(new Event.TurnRecorded(outline.id(), "writer", 1, "req", "resp", Event.Usage.NONE, clock.now()));
        assertThat(live.frame(120)).singleElement().asString().doesNotContain("HTTP 503");
    }

    @Test
    void parallel_steps_get_a_line_each_aligned_and_cut_to_the_terminals_width() {
        Command outline = startNext().getFirst();
        feed(new Event.AgentFinished(outline.id(), new Event.Outcome.Produced("c0ffee", "outline written", List.of()),
                Event.Usage.NONE, clock.now()));
        // The gate runs (a row with no role), passes, and the two sections start.
        Command gate = startNext().getFirst();
        assertThat(live.frame(100)).containsExactly("  outline    attempt 1  gate exists            0:00");
        feed(new Event.GateFinished(gate.id(), Event.Verdict.PASS, List.of(), false, clock.now()));
        startNext();
        clock.advance(Duration.ofSeconds(75));

        List<String> wide = live.frame(100);
        List<String> narrow = live.frame(40);

        assertThat(wide).containsExactly(
                "  section[editor1]  editor[1]  attempt 1  working                1:15",
                "  section[editor2]  editor[2]  attempt 1  working                1:15");
        assertThat(narrow).allSatisfy(l -> assertThat(l).hasSize(39).endsWith("…"));
    }

    @Test
    void a_resumed_runs_steps_in_flight_show_before_any_event_and_count_their_time_from_the_resume() {
        startNext();
        clock.advance(Duration.ofMinutes(5));
        ProgressLines lines = new ProgressLines(new PrintWriter(screen), clock, ZoneOffset.UTC);
        LiveProgress resumed = new LiveProgress(new PrintWriter(screen), clock, lines, () -> 100, false);

        resumed.resumed(state);
        assertThat(resumed.frame(100)).containsExactly("  outline  writer  attempt 1  working                0:00");

        clock.advance(Duration.ofSeconds(9));
        Event turn = new Event.TurnRecorded(state.inFlight().getFirst().id(), "writer", 1, "req", "resp",
                Event.Usage.NONE, clock.now());
        Interpreter.apply(state, turn);
        resumed.event(turn, state);
        assertThat(resumed.frame(100)).containsExactly("  outline  writer  attempt 1  turn 2                 0:09");
    }

    @Test
    void finished_steps_scroll_above_the_block_which_is_redrawn_in_place() {
        Command outline = startNext().getFirst();
        live.redraw();
        clock.advance(Duration.ofSeconds(3));
        feed(new Event.AgentFinished(outline.id(), new Event.Outcome.Produced("c0ffee1234", "outline written", List.of()),
                Event.Usage.NONE, clock.now()));
        live.redraw();
        live.close();

        String out = screen.toString();
        // The first redraw drew one step line; the second moved up over it, cleared it, printed the lines
        // of what happened and drew the block again (empty now); close leaves no block behind.
        assertThat(out).startsWith("\r\033[J00:00:00  run r1 of team t started from 0123456789\n"
                + "00:00:00  outline: attempt 1 by writer started\n"
                + "  outline  writer  attempt 1  working                0:00\n"
                + "\r\033[1A\r\033[J00:00:03  outline#1: produced c0ffee1234 (outline written)\n");
        assertThat(out).endsWith("00:00:03  outline#1: produced c0ffee1234 (outline written)\n");
    }
}
