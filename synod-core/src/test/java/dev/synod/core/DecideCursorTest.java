package dev.synod.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.DecideProtocol.Cursor;
import dev.synod.core.DecideProtocol.Phase;
import dev.synod.core.DecideProtocol.Trigger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cursor alone: the sequencing {@link DecideProtocol#next} and the simulation lab share. */
class DecideCursorTest {

    @Test
    void benOrAdoptsOrCoinsUntilItsRoundsAreSpentThenAsksTheFallback() {
        List<DecideProtocol.Transition> path = new ArrayList<>();
        Cursor c = new Cursor(path::add).reset(Plan.Protocol.BEN_OR, 3, 3, true);

        assertThat(c.open()).isEqualTo(Trigger.ASK_VOTERS);
        c.ballotsIn();
        assertThat(c.closeRound(false, 4)).isEqualTo(Trigger.ADOPT_OR_COIN);
        assertThat(c.round()).isEqualTo(2);
        assertThat(c.phase()).isEqualTo(Phase.TALLYING);
        assertThat(c.closeRound(false, 4)).isEqualTo(Trigger.ADOPT_OR_COIN);
        assertThat(c.closeRound(false, 4)).isEqualTo(Trigger.ROUNDS_SPENT);
        assertThat(c.round()).isEqualTo(3);
        assertThat(c.led(true)).isEqualTo(Trigger.LEADER_ANSWERED);
        assertThat(c.phase()).isEqualTo(Phase.DECIDED);
        assertThat(path.stream().map(DecideProtocol.Transition::on)).containsExactly(Trigger.ASK_VOTERS,
                Trigger.BALLOTS_IN, Trigger.ROUND_CLOSED, Trigger.ADOPT_OR_COIN, Trigger.ROUND_CLOSED,
                Trigger.ADOPT_OR_COIN, Trigger.ROUND_CLOSED, Trigger.ROUNDS_SPENT, Trigger.LEADER_ANSWERED);
    }

    @Test
    void aShortFirstRoundLeavesBenOrsQuorumOutOfReachButNotAVotes() {
        Cursor c = new Cursor().reset(Plan.Protocol.BEN_OR, 3, 4, false);
        c.open();
        c.ballotsIn();
        assertThat(c.closeRound(false, 2)).isEqualTo(Trigger.NO_FALLBACK);
        assertThat(c.unreachable()).isTrue();
        assertThat(c.phase()).isEqualTo(Phase.FAILED);

        // Reused for the next decide: a vote re-asks its voters whatever round 1 had.
        c.reset(Plan.Protocol.VOTE, 3, 4, false).open();
        c.ballotsIn();
        assertThat(c.closeRound(false, 2)).isEqualTo(Trigger.DELIBERATE);
        assertThat(c.unreachable()).isFalse();
        assertThat(c.phase()).isEqualTo(Phase.ASKING);
        c.ballotsIn();
        assertThat(c.closeRound(true, 2)).isEqualTo(Trigger.QUORUM);
        assertThat(c.round()).isEqualTo(2);
    }

    @Test
    void aCallTheTableDoesNotAllowIsRefused() {
        Cursor leader = new Cursor().reset(Plan.Protocol.LEADER, 0, 1, false);
        assertThat(leader.open()).isEqualTo(Trigger.ASK_LEADER);
        assertThatThrownBy(() -> leader.closeRound(true, 0))
                .hasMessage("a decide in phase LEADING cannot take ROUND_CLOSED; expected one of: LEADER_ANSWERED, LEADER_FAILED");
    }
}
