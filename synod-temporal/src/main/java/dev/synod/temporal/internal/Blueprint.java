package dev.synod.temporal.internal;

import dev.synod.core.Budget;
import dev.synod.core.Plan;
import dev.synod.core.PlanCompiler;
import dev.synod.lang.CheckOptions;
import dev.synod.lang.CheckResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.runtime.config.SynodConfig;
import io.temporal.failure.ApplicationFailure;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The plan and budget of a run, compiled from the texts of its start input and nothing else: the
 * checker is given no directory, so it reads no file, and the workflow stays deterministic. The
 * starter checked the team against its directory before it started the run; the plan does not
 * depend on what that extra check looks at (the prompt file).
 */
record Blueprint(Plan plan, Budget budget) {
    private static final Path CONFIG = Path.of("synod.yaml");

    static Blueprint compile(String teamText, String configText) {
        Optional<SynodConfig> config = Optional.ofNullable(configText).map(t -> SynodConfig.parse(t, CONFIG));
        CheckOptions options = new CheckOptions(config.map(c -> c.models().keySet()),
                config.map(c -> c.gates().keySet()).orElse(Set.of()), Optional.empty());
        CheckResult checked = Synod.check(new SourceFile("team.synod", teamText), options);
        if (checked.hasErrors()) {
            throw ApplicationFailure.newNonRetryableFailure("the run's team.synod does not compile: "
                    + PlanCompiler.firstError(checked), "InvalidTeam");
        }
        return new Blueprint(PlanCompiler.compile(checked), config.orElseGet(() -> SynodConfig.none(CONFIG)).budget());
    }
}
