package dev.synod.sim;

import dev.synod.sim.Model.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code synod sim sweep}: the families of estimates docs/sim.md shows, as CSV and as PNG charts
 * drawn by JFreeChart: P(correct) of a majority vote against n for several ρ, the protocols side by
 * side at the same five agents and at equal agent calls, and the value of a gate as g grows.
 */
public final class Sweep {
    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private Sweep() {
    }

    /**
     * Writes {@code correlation.*}, {@code protocols.*}, {@code calls.*} and {@code gate.*} (CSV and
     * PNG) into {@code dir}; returns the files.
     */
    public static List<Path> write(Path dir, long trials, long seed) {
        System.setProperty("java.awt.headless", "true");
        try {
            Files.createDirectories(dir);
            List<Path> out = new ArrayList<>();
            out.addAll(correlation(dir, trials, seed));
            out.addAll(protocols(dir, trials, seed));
            out.addAll(calls(dir, trials, seed));
            out.addAll(gate(dir, trials, seed));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sweep into " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> correlation(Path dir, long trials, long seed) throws IOException {
        StringBuilder csv = new StringBuilder("voters,correlation,p_correct,stderr,closed_form\n");
        XYSeriesCollection data = new XYSeriesCollection();
        for (double rho : new double[] {0, 0.1, 0.3}) {
            XYSeries series = new XYSeries("ρ = " + rho);
            XYSeries limit = new XYSeries("limit P(θ > 1/2), ρ = " + rho);
            for (int n = 1; n <= 25; n += 2) {
                Estimate e = Lab.estimate(Model.of(Protocol.VOTE, n, 0.7, rho), trials, seed + n);
                series.add(n, e.pCorrect());
                limit.add(n, ClosedForms.majorityLimit(0.7, rho));
                csv.append(String.format(Locale.ROOT, "%d,%s,%.5f,%.5f,%.5f%n", n, rho, e.pCorrect(), e.stderr(), e.closedForm()));
            }
            data.addSeries(series);
            if (rho > 0) {
                data.addSeries(limit);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Majority vote, p = 0.7: P(correct) against voters", "voters (n)",
                "P(correct)", data, PlotOrientation.VERTICAL, true, false, false);
        return save(dir, "correlation", csv, chart);
    }

    private static List<Path> protocols(Path dir, long trials, long seed) throws IOException {
        StringBuilder csv = new StringBuilder("protocol,p_correct,stderr,p_consistent,mean_calls\n");
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Model base = new Model(5, 0.7, 0.3, 3, 0.7, 1, Protocol.VOTE, 0, 3, 0.5, 0, 0, 0, 0);
        List<Model> models = new ArrayList<>();
        for (Protocol p : new Protocol[] {Protocol.NONE, Protocol.LEADER, Protocol.VOTE, Protocol.BEN_OR}) {
            models.add(base.withProtocol(p));
        }
        models.add(new Model(5, 0.7, 0.3, 3, 0.7, 5, Protocol.VOTE, 0, 3, 0.5, 0, 0, 0, 0));
        models.add(new Model(5, 0.7, 0.3, 3, 0.7, 1, Protocol.SYNOD, 0, 3, 0.5, 0, 0, 0.9, 2));
        String[] names = {"none", "leader", "vote", "ben_or", "vote of 5 models", "synod g=0.9"};
        for (int i = 0; i < models.size(); i++) {
            Estimate e = Lab.estimate(models.get(i), trials, seed + i);
            String label = names[i] + String.format(Locale.ROOT, ", %.1f calls", e.meanCalls());
            data.addValue(e.pCorrect(), "P(correct)", label);
            data.addValue(e.pConsistent(), "P(consistent)", label);
            csv.append(String.format(Locale.ROOT, "%s,%.5f,%.5f,%.5f,%.3f%n", names[i], e.pCorrect(), e.stderr(),
                    e.pConsistent(), e.meanCalls()));
        }
        JFreeChart chart = ChartFactory.createBarChart("Five agents, p = 0.7, ρ = 0.3, 3 options", "protocol", "probability",
                data, PlotOrientation.VERTICAL, true, false, false);
        chart.getCategoryPlot().getDomainAxis().setMaximumCategoryLabelLines(3);
        return save(dir, "protocols", csv, chart);
    }

    /**
     * The protocols at equal agent calls: P(correct) against the mean calls a decide spends, each
     * protocol over a range of agents (p = 0.7, ρ = 0.3 within a model, 3 options, w = 0.7).
     */
    private static List<Path> calls(Path dir, long trials, long seed) throws IOException {
        StringBuilder csv = new StringBuilder("protocol,voters,mean_calls,p_correct,stderr,p_consistent\n");
        XYSeriesCollection data = new XYSeriesCollection();
        Model base = new Model(1, 0.7, 0.3, 3, 0.7, 1, Protocol.VOTE, 0, 1, 0.5, 0, 0, 0, 0);
        record Line(String name, Model model, int[] voters) {
        }
        int[] odd = {1, 3, 5, 7, 9, 11, 13, 15};
        List<Line> lines = List.of(
                new Line("leader", base.withProtocol(Protocol.LEADER), new int[] {1}),
                new Line("none", base.withProtocol(Protocol.NONE), odd),
                new Line("vote (one model)", base, odd),
                new Line("vote (5 models)", new Model(5, 0.7, 0.3, 3, 0.7, 5, Protocol.VOTE, 0, 1, 0.5, 0, 0, 0, 0),
                        new int[] {5, 7, 9, 11, 13, 15}),
                new Line("ben_or (3 rounds)", new Model(1, 0.7, 0.3, 3, 0.7, 1, Protocol.BEN_OR, 0, 3, 0.5, 0, 0, 0, 0), odd),
                new Line("synod (g = 0.9; 2 retries)",
                        new Model(1, 0.7, 0.3, 3, 0.7, 1, Protocol.SYNOD, 0, 3, 0.5, 0, 0, 0.9, 2), odd));
        long s = seed;
        for (Line line : lines) {
            XYSeries series = new XYSeries(line.name());
            for (int n : line.voters()) {
                Estimate e = Lab.estimate(line.model().withVoters(n), trials, s++);
                series.add(e.meanCalls(), e.pCorrect());
                csv.append(String.format(Locale.ROOT, "%s,%d,%.3f,%.5f,%.5f,%.5f%n", line.name(), n, e.meanCalls(),
                        e.pCorrect(), e.stderr(), e.pConsistent()));
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Protocols at equal agent calls, p = 0.7, ρ = 0.3, 3 options",
                "mean agent calls per decide", "P(correct)", data, PlotOrientation.VERTICAL, true, false, false);
        if (chart.getXYPlot().getRenderer() instanceof org.jfree.chart.renderer.xy.XYLineAndShapeRenderer r) {
            r.setDefaultShapesVisible(true);
        }
        return save(dir, "calls", csv, chart);
    }

    private static List<Path> gate(Path dir, long trials, long seed) throws IOException {
        StringBuilder csv = new StringBuilder("gate,retry,p_correct,stderr,mean_calls,wasted_calls\n");
        XYSeriesCollection data = new XYSeriesCollection();
        for (int r : new int[] {1, 2, 3}) {
            XYSeries series = new XYSeries("synod, " + r + " retr" + (r == 1 ? "y" : "ies"));
            for (int step = 0; step <= 10; step++) {
                double g = step / 10.0;
                Model model = new Model(5, 0.7, 0.3, 3, 0.7, 1, Protocol.SYNOD, 0, 3, 0.5, 0, 0, g, r);
                Estimate e = Lab.estimate(model, trials, seed + step);
                series.add(g, e.pCorrect());
                csv.append(String.format(Locale.ROOT, "%.1f,%d,%.5f,%.5f,%.3f,%.3f%n", g, r, e.pCorrect(), e.stderr(),
                        e.meanCalls(), e.wastedCalls()));
            }
            data.addSeries(series);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("The value of a gate: ben_or decide, 5 agents, ρ = 0.3",
                "gate catch probability (g)", "P(correct)", data, PlotOrientation.VERTICAL, true, false, false);
        return save(dir, "gate", csv, chart);
    }

    private static List<Path> save(Path dir, String name, StringBuilder csv, JFreeChart chart) throws IOException {
        Path csvFile = dir.resolve(name + ".csv");
        Path png = dir.resolve(name + ".png");
        Files.writeString(csvFile, csv);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
        return List.of(csvFile, png);
    }
}
