package dev.synod.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.core.Budget;
import dev.synod.core.SynodException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@code budget:} in synod.yaml: run-wide limits and each role's own. */
class SynodConfigBudgetTest {
    private static final Path FILE = Path.of("synod.yaml");

    @Test
    void reads_the_run_budget_and_the_budgets_of_roles() {
        SynodConfig config = SynodConfig.parse("""
                budget:
                  tokens: 2000000
                  usd: 5.00
                  roles:
                    dev: { tokens: 500000 }
                    critic: { usd: 0.50 }
                """, FILE);

        assertThat(config.budget().tokens()).hasValue(2_000_000);
        assertThat(config.budget().roles()).containsOnlyKeys("dev", "critic");
        assertThat(config.budget().roles().get("dev")).isEqualTo(new Budget(OptionalLong.of(500_000), OptionalDouble.empty()));
        assertThat(config.budget().roles().get("critic")).isEqualTo(new Budget(OptionalLong.empty(), OptionalDouble.of(0.5)));
    }

    @Test
    void a_wrong_role_budget_names_the_key_and_what_was_expected() {
        assertThatThrownBy(() -> SynodConfig.parse("budget: { roles: { dev: { tokens: lots } } }", FILE))
                .isInstanceOf(SynodException.InvalidInput.class)
                .hasMessage("synod.yaml:1:27: budget.roles.dev.tokens: expected a whole number of tokens, at least 0, found 'lots'");
        assertThatThrownBy(() -> SynodConfig.parse("budget: { roles: { dev: { minutes: 3 } } }", FILE))
                .hasMessage("synod.yaml:1:27: budget.roles.dev.minutes: unknown key (a role's budget takes tokens, usd)");
        assertThatThrownBy(() -> SynodConfig.parse("budget: { roles: { dev: { roles: {} } } }", FILE))
                .hasMessage("synod.yaml:1:27: budget.roles.dev.roles: unknown key (a role's budget takes tokens, usd)");
        assertThatThrownBy(() -> SynodConfig.parse("budget: { roles: [ dev ] }", FILE))
                .hasMessage("synod.yaml:1:11: budget.roles: expected a mapping of role names to budgets, such as "
                        + "{ dev: { tokens: 500000 } }, found a list");
        assertThatThrownBy(() -> SynodConfig.parse("budget: { roles: { dev: 5 } }", FILE))
                .hasMessage("synod.yaml:1:20: budget.roles.dev: expected a mapping such as { tokens: 500000, usd: 1.00 }, found 5");
    }

    @Test
    void a_budget_for_a_role_the_team_lacks_is_refused_with_the_roles_it_has() {
        SynodConfig config = SynodConfig.parse("budget: { roles: { \"dev[2]\": { tokens: 5 } } }", FILE);

        assertThatThrownBy(() -> config.checkBudgetRoles(List.of("lead", "dev")))
                .hasMessage("synod.yaml: 'budget.roles.dev[2]' names no role of the team; expected one of dev, lead "
                        + "(a role's budget covers all its replicas)");
        SynodConfig.parse("budget: { roles: { dev: { tokens: 5 } } }", FILE).checkBudgetRoles(List.of("lead", "dev"));
    }
}
