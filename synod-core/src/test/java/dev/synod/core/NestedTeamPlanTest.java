package dev.synod.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Nested teams at the plan level: a member escalates to its team's lead by default; the hand-off leaving the team keeps its gates. */
class NestedTeamPlanTest {
    private static final String TEAM = """
            synod 1
            team shop {
              defaults within 10m retry 0
              role owner model m
              team backend led by lead {
                role lead model m
                role dev model m
                dev -> lead : impl "src/**"
                  gate compile
                lead -> owner : service "svc/**"
                  merges impl
                  gate compile, test
              }
            }
            """;

    @Test
    void a_members_handoff_escalates_to_its_teams_lead_and_the_leaving_handoff_keeps_its_gates() {
        Plan plan = Driver.plan(TEAM);

        Plan.Handoff impl = (Plan.Handoff) plan.step("impl");
        assertThat(impl.escalation()).containsExactly("backend.lead");

        Plan.Handoff service = (Plan.Handoff) plan.step("service");
        assertThat(service.escalation()).isEmpty();
        assertThat(service.gates()).extracting(Plan.GateSpec::name).containsExactly("compile", "test");

        assertThat(plan.teams()).containsExactly(
                new Plan.Team("backend", "backend.lead", java.util.List.of("backend.dev", "backend.lead"),
                        java.util.List.of("impl", "service")));
    }
}
