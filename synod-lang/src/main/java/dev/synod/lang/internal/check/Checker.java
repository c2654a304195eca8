package dev.synod.lang.internal.check;

import dev.synod.lang.CheckOptions;
import dev.synod.lang.CheckResult;
import dev.synod.lang.Diagnostic;
import dev.synod.lang.ParseResult;
import dev.synod.lang.ast.Item;
import dev.synod.lang.ast.Team;
import dev.synod.lang.model.Flow;
import dev.synod.lang.model.TeamModel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Runs every check of LANGUAGE.md §6 on a parsed file and builds its {@link TeamModel}. */
public final class Checker {
    private Checker() {
    }

    public static CheckResult check(ParseResult parsed, CheckOptions options) {
        if (parsed.hasSyntaxErrors()) {
            List<Diagnostic> syntax = parsed.diagnostics().stream().filter(d -> d.code().equals("S001"))
                    .sorted(Diagnostic.BY_POSITION).toList();
            return new CheckResult(parsed, syntax, Optional.empty());
        }
        Reporter reporter = new Reporter();
        Team top = parsed.file().team();
        Scopes scopes = new Scopes(reporter, options);
        scopes.declare(top);
        Flow flow = new Expander(scopes, reporter, options).expand(top);
        Optional<Item.Deadline> deadline = top.itemsOf(Item.Deadline.class).stream().findFirst();
        Optional<Item.Prompt> prompt = top.itemsOf(Item.Prompt.class).stream().findFirst();
        TeamModel model = new TeamModel(top.name().text(), scopes.teams, scopes.roles, scopes.questions, flow,
                deadline.map(d -> OptionalLong.of(d.duration().seconds())).orElse(OptionalLong.empty()),
                prompt.map(p -> p.path().value()));
        new StepChecks(reporter, model).check(flow.steps());
        new FlowChecks(reporter, model).check();
        deadline.ifPresent(d -> DeadlineCheck.check(flow, d, reporter));
        prompt.ifPresent(p -> promptExists(p, options, reporter));
        List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
        all.addAll(reporter.diagnostics());
        all.sort(Diagnostic.BY_POSITION);
        return new CheckResult(parsed, all, Optional.of(model));
    }

    private static void promptExists(Item.Prompt prompt, CheckOptions options, Reporter reporter) {
        if (options.directory().isEmpty()) {
            return;
        }
        String name = prompt.path().value();
        boolean exists;
        try {
            exists = Files.isRegularFile(options.directory().get().resolve(name));
        } catch (InvalidPathException e) {
            exists = false;
        }
        if (!exists) {
            reporter.warning("S061", prompt.path().span(), "prompt file " + Diagnostic.quote(name) + " does not exist in "
                    + options.directory().get() + "; create it or fix the path (it is relative to the .synod file)");
        }
    }
}
