package dev.synod.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class BudgetTest {
    private static final Budget DEV_100 = new Budget(OptionalLong.of(1000), OptionalDouble.empty(),
            Map.of("dev", new Budget(OptionalLong.of(100), OptionalDouble.empty())));

    @Test
    void a_role_budget_counts_all_replicas_of_the_role_together() {
        Map<String, Event.Usage> byRole = Map.of("dev[1]", new Event.Usage(40, 10, 0), "dev[2]", new Event.Usage(40, 10, 0),
                "lead", new Event.Usage(500, 0, 0));
        Event.Usage run = new Event.Usage(580, 20, 0);

        assertThat(DEV_100.refusal("dev[2]", run, byRole))
                .hasValue("the budget of role dev is spent: token budget exhausted: 100 of 100 tokens used");
        assertThat(DEV_100.refusal("dev[1]", run, byRole)).isPresent();
        assertThat(DEV_100.refusal("lead", run, byRole)).as("a role without a budget of its own").isEmpty();
        assertThat(DEV_100.refusal("dev[1]", run, Map.of("dev[1]", new Event.Usage(40, 10, 0)))).isEmpty();
    }

    @Test
    void the_run_budget_comes_first() {
        Map<String, Event.Usage> byRole = Map.of("lead", new Event.Usage(1000, 0, 0));

        assertThat(DEV_100.refusal("dev[1]", new Event.Usage(1000, 0, 0), byRole))
                .hasValue("token budget exhausted: 1000 of 1000 tokens used");
    }

    @Test
    void a_money_budget_of_a_role_names_dollars() {
        Budget budget = new Budget(OptionalLong.empty(), OptionalDouble.empty(),
                Map.of("critic", new Budget(OptionalLong.empty(), OptionalDouble.of(0.5))));

        assertThat(budget.refusal("critic", Event.Usage.NONE, Map.of("critic", new Event.Usage(1, 1, 0.75))))
                .hasValue("the budget of role critic is spent: money budget exhausted: $0.75 of $0.50 used");
    }

    @Test
    void a_role_budget_has_no_roles_of_its_own() {
        assertThatThrownBy(() -> new Budget(OptionalLong.empty(), OptionalDouble.empty(), Map.of("dev", DEV_100)))
                .hasMessage("the budget of role dev must not have roles of its own");
    }

    @Test
    void the_role_of_a_replica_is_its_name_without_the_index() {
        assertThat(Budget.roleOf("dev[12]")).isEqualTo("dev");
        assertThat(Budget.roleOf("core.lead")).isEqualTo("core.lead");
    }
}
