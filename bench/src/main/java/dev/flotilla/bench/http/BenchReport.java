package dev.flotilla.bench.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The harness's result: every round's raw figures and, per case, the medians over rounds and the median of the
 * ratios taken within each round.
 */
record BenchReport(BenchOptions options, Instant started, Instant ended, Machine machine, List<RoundResult> rounds) {
    /** The p99 ratio the issue allows a node over the ceiling. */
    static final double P99_GOAL = 1.5;

    /**
     * One case over all rounds.
     *
     * @param rate        median requests/s (keys/s for batches in {@code keysPerSecond})
     * @param ratio       median over rounds of this case's keys/s over its baseline's in the same round; NaN when a
     *                    round of either failed
     * @param p99Ratio    the same for the p99 latency
     * @param failedRounds rounds in which some answer was not 2xx/3xx or a socket failed
     */
    record Row(BenchCase benchCase, double rate, double min, double max, double keysPerSecond, double p50, double p99,
               double ratio, double p99Ratio, int failedRounds) {
        String verdict() {
            List<String> misses = new ArrayList<>();
            if (benchCase.goal() > 0 && Double.isNaN(ratio)) {
                misses.add("no ratio");
            } else if (benchCase.goal() > 0 && ratio < benchCase.goal()) {
                misses.add(String.format(Locale.ROOT, "ratio below %.1fx", benchCase.goal()));
            }
            if (benchCase.goal() > 0 && benchCase.p99Baseline() != null) {
                if (Double.isNaN(p99Ratio)) {
                    misses.add("no p99 ratio");
                } else if (p99Ratio > P99_GOAL) {
                    misses.add(String.format(Locale.ROOT, "p99 above %.1fx", P99_GOAL));
                }
            }
            if (failedRounds > 0) {
                misses.add(failedRounds + " failed round(s)");
            }
            if (benchCase.goal() == 0 && failedRounds == 0) {
                return "";
            }
            return misses.isEmpty() ? "met" : "missed: " + String.join(", ", misses);
        }
    }

    List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (BenchCase c : options.cases()) {
            List<Double> rates = new ArrayList<>();
            List<Double> p50s = new ArrayList<>();
            List<Double> p99s = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> p99Ratios = new ArrayList<>();
            int failed = 0;
            for (RoundResult round : rounds) {
                WrkResult r = round.results().get(c.name());
                if (r == null) {
                    continue;
                }
                if (!r.clean()) {
                    failed++;
                    continue;
                }
                rates.add(r.requestsPerSecond());
                p50s.add(r.p50Millis());
                p99s.add(r.p99Millis());
                WrkResult base = c.baseline() == null ? null : round.results().get(c.baseline());
                if (base != null && base.clean()) {
                    BenchCase baseCase = options.cases().stream().filter(b -> b.name().equals(c.baseline())).findFirst().orElseThrow();
                    ratios.add(r.requestsPerSecond() * c.keysPerRequest(options.batch())
                            / (base.requestsPerSecond() * baseCase.keysPerRequest(options.batch())));
                }
                WrkResult p99Base = c.p99Baseline() == null ? null : round.results().get(c.p99Baseline());
                if (p99Base != null && p99Base.clean()) {
                    p99Ratios.add(r.p99Millis() / p99Base.p99Millis());
                }
            }
            double rate = median(rates);
            rows.add(new Row(c, rate, min(rates), max(rates), rate * c.keysPerRequest(options.batch()), median(p50s),
                    median(p99s), failed > 0 ? Double.NaN : median(ratios), failed > 0 ? Double.NaN : median(p99Ratios),
                    failed));
        }
        return rows;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "wrk -t%d -c%d, %d s per case after %d s of warm-up, %d round(s) interleaved;"
                        + " %,d keys of %d-byte JSON, batches of %d; %d cores, load average at the end %s; %s%n%n",
                options.threads(), options.connections(), options.seconds(), options.warmupSeconds(), options.rounds(),
                options.keys(), options.valueBytes(), options.batch(), machine.cores(), machine.loadAverage(), machine.java()));
        out.append("| case | req/s (median) | min - max | keys/s | p50 ms | p99 ms | ratio | to | p99 ratio | goal |\n");
        out.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows()) {
            BenchCase c = row.benchCase();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s - %s | %s | %s | %s | %s | %s | %s | %s |%n", c.name(),
                    count(row.rate()), count(row.min()), count(row.max()), count(row.keysPerSecond()), millis(row.p50()),
                    millis(row.p99()), times(row.ratio()), c.baseline() == null ? "" : c.baseline(), times(row.p99Ratio()),
                    goal(c) + (row.verdict().isEmpty() ? "" : " " + row.verdict())));
        }
        return out.toString();
    }

    private static String goal(BenchCase c) {
        if (c.goal() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, ">= %.1fx%s:", c.goal(), c.p99Baseline() == null ? "" : ", p99 <= 1.5x");
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("summary.md"), markdown());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("started", started.toString());
        json.put("ended", ended.toString());
        json.put("machine", machine);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rounds", options.rounds());
        settings.put("seconds", options.seconds());
        settings.put("warmupSeconds", options.warmupSeconds());
        settings.put("threads", options.threads());
        settings.put("connections", options.connections());
        settings.put("keys", options.keys());
        settings.put("valueBytes", options.valueBytes());
        settings.put("batch", options.batch());
        json.put("settings", settings);
        List<Map<String, Object>> summary = new ArrayList<>();
        for (Row row : rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("case", row.benchCase().name());
            r.put("requestsPerSecond", finite(row.rate()));
            r.put("min", finite(row.min()));
            r.put("max", finite(row.max()));
            r.put("keysPerSecond", finite(row.keysPerSecond()));
            r.put("p50Millis", finite(row.p50()));
            r.put("p99Millis", finite(row.p99()));
            r.put("baseline", row.benchCase().baseline());
            r.put("ratio", finite(row.ratio()));
            r.put("p99Ratio", finite(row.p99Ratio()));
            r.put("goal", row.benchCase().goal() == 0 ? null : row.benchCase().goal());
            r.put("verdict", row.verdict());
            r.put("failedRounds", row.failedRounds());
            summary.add(r);
        }
        json.put("summary", summary);
        json.put("rounds", rounds);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("results.json").toFile(), json);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double min(List<Double> values) {
        OptionalDouble min = values.stream().mapToDouble(Double::doubleValue).min();
        return min.isPresent() ? min.getAsDouble() : Double.NaN;
    }

    private static double max(List<Double> values) {
        OptionalDouble max = values.stream().mapToDouble(Double::doubleValue).max();
        return max.isPresent() ? max.getAsDouble() : Double.NaN;
    }

    private static String count(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String millis(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String times(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2fx", value);
    }
}
