package dev.synod.cli.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.synod.cli.SynodCli;
import dev.synod.sim.Estimate;
import dev.synod.sim.Lab;
import dev.synod.sim.Model;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code synod sim}: the simulation lab (docs/sim.md). */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Estimates how often coordination protocols make agents agree on the intended interpretation.",
        subcommands = {SimCommand.Vote.class, SimCommand.SweepCommand.class},
        footer = {"", "Exit status: 0 estimated, 2 bad arguments."})
final class SimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: vote or sweep");
    }

    /** Reads {@code --protocol} in lower case. */
    static final class ProtocolConverter extends Choices.Converter<Model.Protocol> {
        ProtocolConverter() {
            super(Model.Protocol.class);
        }
    }

    /** {@code synod sim sweep --out DIR}: the charts and tables of docs/sim.md. */
    @Command(name = "sweep", mixinStandardHelpOptions = true,
            description = "Writes CSV tables and PNG charts: P(correct) against voters for several correlations, the"
                    + " protocols side by side, and the value of a gate.",
            footer = {"", "Exit status: 0 written, 2 bad arguments or an unwritable directory."})
    static final class SweepCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The directory to write into.")
        java.nio.file.Path out;

        @Option(names = "--trials", paramLabel = "T", defaultValue = "20000",
                description = "Monte Carlo trials per point (default: ${DEFAULT-VALUE}).")
        long trials;

        @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "The seed (default: ${DEFAULT-VALUE}).")
        long seed;

        @Override
        public Integer call() {
            if (trials < 1) {
                throw new ParameterException(spec.commandLine(), "expected --trials at least 1, found " + trials);
            }
            List<java.nio.file.Path> files;
            try {
                files = dev.synod.sim.Sweep.write(out, trials, seed);
            } catch (java.io.UncheckedIOException e) {
                spec.commandLine().getErr().println("synod: " + e.getMessage());
                spec.commandLine().getErr().flush();
                return SynodCli.EXIT_USAGE;
            }
            files.forEach(f -> spec.commandLine().getOut().println(f));
            spec.commandLine().getOut().flush();
            return SynodCli.EXIT_OK;
        }
    }

    /** {@code synod sim vote}: one model, its estimate, standard error and closed form. */
    @Command(name = "vote", mixinStandardHelpOptions = true,
            description = "Runs the Monte Carlo of one question answered by simulated agents and prints P(correct) with its"
                    + " standard error and, where one exists, the exact closed form.",
            footer = {"", "Exit status: 0 estimated, 2 bad arguments."})
    static final class Vote implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--voters", required = true, paramLabel = "N", description = "The number of agents.")
        int voters;

        @Option(names = "--accuracy", required = true, paramLabel = "P",
                description = "The probability an agent picks the intended option.")
        double accuracy;

        @Option(names = "--correlation", required = true, paramLabel = "R",
                description = "The correlation of correctness among agents of one model family (0 for independent).")
        double correlation;

        @Option(names = "--options", paramLabel = "K", defaultValue = "2", description = "The options of the question (default: ${DEFAULT-VALUE}).")
        int options;

        @Option(names = "--attractor", paramLabel = "W", defaultValue = "1",
                description = "The probability a wrong agent picks the shared wrong option (default: ${DEFAULT-VALUE}).")
        double attractor;

        @Option(names = "--families", paramLabel = "F", defaultValue = "1",
                description = "Model families, independent of each other (default: ${DEFAULT-VALUE}).")
        int families;

        @Option(names = "--protocol", paramLabel = "PROTOCOL", defaultValue = "vote", converter = ProtocolConverter.class,
                description = "The protocol: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        Model.Protocol protocol;

        @Option(names = "--quorum", paramLabel = "Q", defaultValue = "0",
                description = "Ballots that settle the question; 0 for a strict majority (default: ${DEFAULT-VALUE}).")
        int quorum;

        @Option(names = "--rounds", paramLabel = "N", defaultValue = "1", description = "Rounds of a decide (default: ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--move", paramLabel = "M", defaultValue = "0.5",
                description = "The probability a re-asked vote voter moves to the previous plurality (default: ${DEFAULT-VALUE}).")
        double move;

        @Option(names = "--crash", paramLabel = "C", defaultValue = "0", description = "The probability a call gives no ballot (default: ${DEFAULT-VALUE}).")
        double crash;

        @Option(names = "--byzantine", paramLabel = "B", defaultValue = "0",
                description = "The probability a call gives a uniformly random ballot (default: ${DEFAULT-VALUE}).")
        double byzantine;

        @Option(names = "--gate", paramLabel = "G", defaultValue = "0",
                description = "The probability a gate catches work on a wrong interpretation (default: ${DEFAULT-VALUE}).")
        double gate;

        @Option(names = "--retry", paramLabel = "R", defaultValue = "0", description = "Retries of a caught step (default: ${DEFAULT-VALUE}).")
        int retry;

        @Option(names = "--fallback", paramLabel = "P", defaultValue = "0",
                description = "The accuracy of the fallback a vote or ben_or decide asks when its rounds find no quorum;"
                        + " 0 for none, when such a decide fails (default: ${DEFAULT-VALUE}).")
        double fallback;

        @Option(names = "--trials", required = true, paramLabel = "T", description = "Monte Carlo trials.")
        long trials;

        @Option(names = "--seed", required = true, paramLabel = "S", description = "The seed: the same seed gives the same estimate.")
        long seed;

        @Option(names = "--json", description = "Print the estimate as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Model model;
            try {
                model = new Model(voters, accuracy, correlation, options, attractor, families, protocol, quorum, rounds,
                        move, crash, byzantine, gate, retry, fallback);
                if (trials < 1) {
                    throw new IllegalArgumentException("expected --trials at least 1, found " + trials);
                }
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Estimate e = Lab.estimate(model, trials, seed);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(fields(e)));
            } else {
                out.printf(Locale.ROOT, "%s, n=%d, p=%s, rho=%s: P(correct) = %.4f ± %.4f (standard error, %d trials, seed %d)%n",
                        protocol.keyword(), voters, accuracy, correlation, e.pCorrect(), e.stderr(), e.trials(), e.seed());
                out.println(e.closedForm() == null ? "closed form: none for this model"
                        : String.format(Locale.ROOT, "closed form: %.4f", e.closedForm()));
                out.printf(Locale.ROOT, "P(consistent) = %.4f, P(quorum) = %.4f, mean rounds %.3f, mean calls %.3f, wasted calls %.3f%n",
                        e.pConsistent(), e.pQuorum(), e.meanRounds(), e.meanCalls(), e.wastedCalls());
            }
            out.flush();
            return SynodCli.EXIT_OK;
        }

        static Map<String, Object> fields(Estimate e) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("p_correct", e.pCorrect());
            out.put("stderr", e.stderr());
            out.put("closed_form", e.closedForm());
            out.put("p_consistent", e.pConsistent());
            out.put("p_quorum", e.pQuorum());
            out.put("mean_rounds", e.meanRounds());
            out.put("mean_calls", e.meanCalls());
            out.put("wasted_calls", e.wastedCalls());
            out.put("trials", e.trials());
            out.put("seed", e.seed());
            return out;
        }
    }
}
