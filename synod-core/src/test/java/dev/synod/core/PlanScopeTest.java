package dev.synod.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Write scopes compiled per plan: no process-wide cache keyed by globs that never forgets. */
class PlanScopeTest {
    private static final String TEAM = """
            synod 1
            team t {
              defaults within 1m retry 0
              role a model m
              role b model m
              question q "Which?" options "x", "y"
              a -> b : api "api/**"
                gate exists
              decide q by leader a
            }
            """;

    @Test
    void a_hand_offs_scope_is_compiled_once_for_its_plan() {
        Plan plan = Driver.plan(TEAM);

        assertThat(plan.scope("api")).isSameAs(plan.scope("api"));
        assertThat(plan.scope("api").contains("api/Api.java")).isTrue();
        assertThat(plan.scope("api").contains("README.md")).isFalse();
    }

    @Test
    void another_plan_compiles_its_own_so_nothing_outlives_the_plan() {
        assertThat(Driver.plan(TEAM).scope("api")).isNotSameAs(Driver.plan(TEAM).scope("api"));
    }

    @Test
    void a_step_without_a_write_scope_is_refused_by_name() {
        Plan plan = Driver.plan(TEAM);
        String decide = plan.steps().stream().filter(s -> s instanceof Plan.Decide).findFirst().orElseThrow().id();

        assertThatThrownBy(() -> plan.scope(decide)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected a hand-off").hasMessageContaining(decide);
    }
}
