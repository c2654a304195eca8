package dev.synod.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Budget;
import dev.synod.core.Event;
import dev.synod.core.Replay;
import org.junit.jupiter.api.Test;

class ReplayJournalTest {
    @Test
    void the_journal_replays_exactly_and_ends_with_a_successful_run() {
        ReplayJournal journal = ReplayJournal.ofUnits(2);

        assertThat(Replay.check(journal.plan(), Budget.UNLIMITED, journal.events())).isEmpty();
        assertThat(journal.events().getFirst()).isInstanceOf(Event.RunStarted.class);
        assertThat(journal.events().getLast()).isInstanceOfSatisfying(Event.RunFinished.class,
                f -> assertThat(f.succeeded()).isTrue());
    }

    @Test
    void some_gates_fail_once_so_the_run_retries_as_real_runs_do() {
        ReplayJournal journal = ReplayJournal.ofUnits(2);

        assertThat(journal.events()).filteredOn(e -> e instanceof Event.GateFinished g
                && g.verdict() == Event.Verdict.FAIL).isNotEmpty();
        assertThat(journal.events()).filteredOn(e -> e instanceof Event.Started s
                && s.command() instanceof dev.synod.core.Command.RunAgent a && a.attempt() == 2).isNotEmpty();
    }

    @Test
    void uses_the_fewest_units_that_reach_the_size() {
        ReplayJournal journal = ReplayJournal.atLeast(600);

        assertThat(journal.events().size()).isGreaterThanOrEqualTo(600);
        assertThat(ReplayJournal.ofUnits(journal.units() - 1).events().size()).isLessThan(600);
    }

    @Test
    void is_deterministic() {
        assertThat(ReplayJournal.ofUnits(1).events()).isEqualTo(ReplayJournal.ofUnits(1).events());
    }
}
