package dev.synod.runtime;

import dev.synod.core.Plan;
import dev.synod.core.SynodException;

/** What this runtime cannot run, refused before anything starts rather than halfway through. */
final class Preflight {
    private Preflight() {
    }

    static void check(Plan plan) {
        for (Plan.Step step : plan.steps()) {
            if (step instanceof Plan.Decide d && d.protocol() != Plan.Protocol.LEADER) {
                throw new SynodException.InvalidInput("decide " + String.join(", ", d.questions()) + " by "
                        + d.protocol().name().toLowerCase(java.util.Locale.ROOT)
                        + " cannot run in this version of the runtime yet; decide it 'by leader ROLE'");
            }
        }
    }
}
