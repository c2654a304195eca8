package dev.synod.bench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.core.Plan;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepTeamTest {
    @Test
    void one_branch_is_a_sequence_of_hand_offs_from_a() {
        Plan plan = StepTeam.plan(1, 3);

        assertThat(plan.steps()).extracting(Plan.Step::id).containsExactly("s1", "s2", "s3");
        assertThat(plan.root()).isInstanceOf(Plan.Node.Sequence.class);
        assertThat(((Plan.Handoff) plan.step("s2")).globs()).containsExactly("s2/**");
        assertThat(StepTeam.producers(1)).containsExactly("a");
    }

    @Test
    void several_branches_are_a_par_of_sequences_with_disjoint_globs() {
        Plan plan = StepTeam.plan(3, 2);

        assertThat(plan.steps()).hasSize(6);
        assertThat(((Plan.Handoff) plan.step("s2[a2]")).globs()).containsExactly("s2/a2/**");
        assertThat(((Plan.Handoff) plan.step("s2[a2]")).producer()).isEqualTo("a[2]");
        assertThat(StepTeam.producers(3)).isEqualTo(List.of("a[1]", "a[2]", "a[3]"));
    }
}
