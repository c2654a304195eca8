package dev.synod.cli.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.synod.cli.SynodCli;
import dev.synod.core.Plan;
import dev.synod.core.PlanCompiler;
import dev.synod.lang.CheckResult;
import dev.synod.lang.SourceFile;
import dev.synod.lang.Synod;
import dev.synod.lang.model.RoleId;
import dev.synod.lang.model.RoleInfo;
import dev.synod.lang.model.TeamModel;
import dev.synod.runtime.config.SynodConfig;
import dev.synod.sim.Estimate;
import dev.synod.sim.Lab;
import dev.synod.sim.Model;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code synod analyze FILE}: the coordination risk of a team as the simulation lab estimates it
 * (issue 13, point 5; docs/sim.md). Each decide is simulated with its protocol, voters, quorum and
 * rounds; each {@code par} fan-out is told which declared questions are frozen before it.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Estimates the coordination risk of a team: for each decide how likely it settles on the intended"
                + " options, and for each parallel fan-out whether its branches can disagree on an unsettled question.",
        footer = {"", "Exit status: 0 analyzed, 1 the team does not check clean, 2 unreadable input or bad arguments."})
final class AnalyzeCommand implements Callable<Integer> {
    /** The accuracy of an alias that --accuracy does not name. */
    static final double DEFAULT_ACCURACY = 0.7;
    /** The correlation of correctness among voters of one alias. */
    static final double DEFAULT_CORRELATION = 0.3;
    static final long TRIALS = 100_000;
    static final long SEED = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The .synod file.")
    Path file;

    @Option(names = "--accuracy", paramLabel = "ALIAS=P",
            description = "The probability that an agent of model alias ALIAS picks the intended option (default: "
                    + "analyze.accuracy in synod.yaml, else " + DEFAULT_ACCURACY + ").")
    Map<String, Double> accuracy = new HashMap<>();

    @Option(names = "--correlation", paramLabel = "R",
            description = "The correlation of correctness among agents of one alias (default: analyze.correlation in "
                    + "synod.yaml, else " + DEFAULT_CORRELATION + ").")
    Double correlationOption;

    /** The correlation in force: the option's, else synod.yaml's, else the default. */
    private double correlation;

    @Option(names = "--json", description = "Print the analysis as JSON.")
    boolean json;

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        SourceFile source = Sources.read(file);
        Path directory = file.toAbsolutePath().normalize().getParent();
        Optional<SynodConfig> loaded = ConfigOption.load(file, config.path());
        CheckResult checked = Synod.check(source, SynodConfig.checkOptions(loaded, directory));
        PrintWriter err = spec.commandLine().getErr();
        if (checked.hasErrors() || checked.model().isEmpty()) {
            err.println("synod: cannot analyze a team that does not check clean: "
                    + (checked.hasErrors() ? PlanCompiler.firstError(checked) : source.name() + " declares no team"));
            err.flush();
            return SynodCli.EXIT_FAILED;
        }
        for (Map.Entry<String, Double> e : accuracy.entrySet()) {
            if (!(e.getValue() > 0 && e.getValue() < 1)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "expected --accuracy " + e.getKey() + "=P with P strictly between 0 and 1, found " + e.getValue());
            }
        }
        if (correlationOption != null && !(correlationOption >= 0 && correlationOption < 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "expected --correlation in [0, 1), found " + correlationOption);
        }
        // synod.yaml's analyze: gives the team's own defaults; the command line overrides them.
        SynodConfig.Analyze settings = loaded.map(SynodConfig::analyze).orElse(SynodConfig.Analyze.NONE);
        Map<String, Double> given = new HashMap<>(settings.accuracy());
        given.putAll(accuracy);
        accuracy = given;
        correlation = correlationOption != null ? correlationOption : settings.correlation().orElse(DEFAULT_CORRELATION);
        TeamModel team = checked.model().get();
        Plan plan = PlanCompiler.compile(checked);
        Map<String, String> aliasOf = new HashMap<>();
        for (RoleInfo role : team.roles().values()) {
            for (RoleId id : role.ids()) {
                aliasOf.put(id.display(), role.modelOf(id));
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("team", plan.team());
        report.put("accuracy_default", DEFAULT_ACCURACY);
        report.put("accuracy", new LinkedHashMap<>(accuracy));
        report.put("correlation", correlation);
        List<Map<String, Object>> decides = new ArrayList<>();
        List<Map<String, Object>> fanouts = new ArrayList<>();
        walk(plan, plan.root(), new LinkedHashSet<>(), aliasOf, decides, fanouts);
        report.put("decides", decides);
        report.put("fanouts", fanouts);
        double pAll = 1;
        for (Map<String, Object> d : decides) {
            pAll *= (double) d.get("p_correct");
        }
        for (Map<String, Object> f : fanouts) {
            pAll *= (double) f.get("p_consistent");
        }
        report.put("p_all_coordinated", pAll);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            print(out, report, decides, fanouts);
        }
        out.flush();
        return SynodCli.EXIT_OK;
    }

    private double accuracyOf(String alias) {
        return accuracy.getOrDefault(alias, DEFAULT_ACCURACY);
    }

    /** Visits the plan in order: a decide settles its questions for every node after it. */
    private void walk(Plan plan, Plan.Node node, Set<String> settled, Map<String, String> aliasOf,
                      List<Map<String, Object>> decides, List<Map<String, Object>> fanouts) {
        switch (node) {
            case Plan.Node.Sequence s -> s.children().forEach(c -> walk(plan, c, settled, aliasOf, decides, fanouts));
            case Plan.Node.Run r -> {
                if (plan.step(r.step()) instanceof Plan.Decide d) {
                    decides.add(decide(plan, d, aliasOf));
                    settled.addAll(d.questions());
                }
            }
            case Plan.Node.Parallel p -> {
                fanouts.add(fanout(plan, p, settled));
                Set<String> after = new LinkedHashSet<>(settled);
                for (Plan.Node b : p.branches()) {
                    Set<String> branch = new LinkedHashSet<>(settled);
                    walk(plan, b, branch, aliasOf, decides, new ArrayList<>());
                    after.addAll(branch);
                }
                settled.addAll(after);
            }
        }
    }

    private Map<String, Object> decide(Plan plan, Plan.Decide d, Map<String, String> aliasOf) {
        List<String> aliases = new ArrayList<>();
        List<String> voters = d.protocol() == Plan.Protocol.LEADER ? List.of(d.leader()) : d.voters();
        for (String v : voters) {
            aliases.add(aliasOf.getOrDefault(v, "(human)"));
        }
        int families = new LinkedHashSet<>(aliases).size();
        double meanAccuracy = aliases.stream().mapToDouble(this::accuracyOf).average().orElse(DEFAULT_ACCURACY);
        double pFallback = d.fallback() == null ? 0 : accuracyOf(aliasOf.getOrDefault(d.fallback(), "(human)"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("decide", String.join(", ", d.questions()));
        out.put("protocol", d.protocol().keyword());
        out.put("voters", voters);
        out.put("aliases", aliases);
        double pCorrect = 1;
        double pQuorum = 1;
        Map<String, Double> perQuestion = new LinkedHashMap<>();
        double rounds = 0;
        double calls = 0;
        for (String q : d.questions()) {
            Plan.Question question = plan.questions().get(q);
            int k = question == null || question.options().size() < 2 ? 2 : question.options().size();
            Model.Protocol protocol = switch (d.protocol()) {
                case LEADER -> Model.Protocol.LEADER;
                case VOTE -> Model.Protocol.VOTE;
                case BEN_OR -> Model.Protocol.BEN_OR;
            };
            Model model = new Model(voters.size(), meanAccuracy, correlation, k, 1.0, families, protocol,
                    protocol == Model.Protocol.LEADER ? 0 : d.quorum(), d.rounds(), 0.5, 0, 0, 0, 0,
                    protocol == Model.Protocol.LEADER ? 0 : pFallback);
            Estimate e = Lab.estimate(model, TRIALS, SEED);
            pCorrect *= e.pCorrect();
            perQuestion.put(q, e.pCorrect());
            pQuorum *= protocol == Model.Protocol.LEADER ? 1 : e.pQuorum();
            rounds = Math.max(rounds, e.meanRounds());
            calls = Math.max(calls, e.meanCalls());
        }
        out.put("p_correct", pCorrect);
        out.put("p_correct_by_question", perQuestion);
        out.put("p_quorum", pQuorum);
        out.put("mean_rounds", rounds);
        out.put("mean_calls", calls);
        out.put("fallback", d.fallback());
        return out;
    }

    private Map<String, Object> fanout(Plan plan, Plan.Node.Parallel p, Set<String> settled) {
        List<String> frozen = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (String q : plan.questions().keySet()) {
            (settled.contains(q) ? frozen : open).add(q);
        }
        int branches = p.branches().size();
        double pConsistent = 1;
        for (String q : open) {
            int k = Math.max(2, plan.questions().get(q).options().size());
            Model model = new Model(branches, DEFAULT_ACCURACY, correlation, k, 1.0, 1, Model.Protocol.NONE, 0, 1, 0.5,
                    0, 0, 0, 0);
            pConsistent *= Lab.estimate(model, TRIALS, SEED).pConsistent();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("branches", branches);
        out.put("frozen", frozen);
        out.put("unsettled", open);
        out.put("p_consistent", pConsistent);
        return out;
    }

    private void print(PrintWriter out, Map<String, Object> report, List<Map<String, Object>> decides,
                       List<Map<String, Object>> fanouts) {
        out.printf(Locale.ROOT, "team %s: accuracy %s per agent (default %s), correlation %s within a model alias,"
                        + " %d trials, seed %d%n", report.get("team"), accuracy.isEmpty() ? "default" : accuracy,
                DEFAULT_ACCURACY, correlation, TRIALS, SEED);
        for (Map<String, Object> d : decides) {
            out.printf(Locale.ROOT, "decide %s by %s among %s (models %s): P(correct) %.3f, P(decided by quorum) %.3f,"
                            + " %.2f rounds and %.2f model calls on average%s%n", d.get("decide"), d.get("protocol"),
                    String.join(", ", castList(d.get("voters"))), String.join(", ", castList(d.get("aliases"))),
                    d.get("p_correct"), d.get("p_quorum"), d.get("mean_rounds"), d.get("mean_calls"),
                    d.get("fallback") == null ? "" : "; without a quorum " + d.get("fallback") + " decides");
            out.printf(Locale.ROOT, "  risk: %.3f that it settles some question on an unintended option, which is frozen"
                    + " and every later step builds on (by question: %s)%s%n", 1 - (double) d.get("p_correct"),
                    byQuestion(d), d.get("fallback") == null || (double) d.get("p_quorum") == 1 ? ""
                            : String.format(Locale.ROOT, "; %.3f that no quorum forms and %s decides alone",
                            1 - (double) d.get("p_quorum"), d.get("fallback")));
        }
        for (Map<String, Object> f : fanouts) {
            List<String> frozen = castList(f.get("frozen"));
            List<String> open = castList(f.get("unsettled"));
            out.printf(Locale.ROOT, "par with %d branches: %s%s%n", f.get("branches"),
                    frozen.isEmpty() ? "no question is settled before it" : "settled and frozen before it: "
                            + String.join(", ", frozen) + " (consistency 1 by construction)",
                    open.isEmpty() ? "" : String.format(Locale.ROOT, "; not settled: %s, P(all branches pick the same)"
                            + " %.3f", String.join(", ", open), f.get("p_consistent")));
        }
        String largest = null;
        double worst = 0;
        for (Map<String, Object> d : decides) {
            if (1 - (double) d.get("p_correct") > worst) {
                worst = 1 - (double) d.get("p_correct");
                largest = "decide " + d.get("decide") + " wrong";
            }
        }
        for (Map<String, Object> f : fanouts) {
            if (1 - (double) f.get("p_consistent") > worst) {
                worst = 1 - (double) f.get("p_consistent");
                largest = "a par with " + f.get("branches") + " branches disagreeing on " + String.join(", ",
                        castList(f.get("unsettled")));
            }
        }
        out.printf(Locale.ROOT, "summary: P(every decide right and every fan-out consistent) %.3f%s%n",
                report.get("p_all_coordinated"), largest == null ? ""
                        : String.format(Locale.ROOT, "; the largest risk is %s (%.3f)", largest, worst));
    }

    @SuppressWarnings("unchecked")
    private static String byQuestion(Map<String, Object> d) {
        List<String> parts = new ArrayList<>();
        ((Map<String, Double>) d.get("p_correct_by_question")).forEach((q, p) ->
                parts.add(String.format(Locale.ROOT, "%s right %.3f", q, p)));
        return String.join(", ", parts);
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }
}
