package dev.flotilla.lab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.flotilla.lab.check.Verdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes lab results: per run {@code result.json}, {@code report.md} and {@code report.html}; per matrix
 * {@code matrix.json}, {@code matrix.md} and {@code matrix.html}. Every HTML page is self-contained: inline CSS
 * and inline SVG, no script, nothing fetched.
 */
public final class Reports {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Reports() {
    }

    /** Writes result.json, report.md and report.html of one run into {@code dir} (created if missing). */
    public static void writeRun(RunResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        JSON.writeValue(dir.resolve("result.json").toFile(), result);
        write(dir.resolve("report.md"), RunPage.markdown(result));
        write(dir.resolve("report.html"), RunPage.html(result));
    }

    /** The Markdown report of one run. */
    public static String runMarkdown(RunResult result) {
        return RunPage.markdown(result);
    }

    /** The self-contained HTML page of one run. */
    public static String runHtml(RunResult result) {
        return RunPage.html(result);
    }

    /** Writes matrix.json, matrix.md and matrix.html into {@code dir}; {@code command} and {@code date} head them. */
    public static void writeMatrix(List<MatrixCell> cells, Path dir, String command, String date) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command);
        json.put("date", date);
        json.put("cells", cells.stream().map(Reports::cellJson).toList());
        JSON.writeValue(dir.resolve("matrix.json").toFile(), json);
        write(dir.resolve("matrix.md"), "# Consistency lab matrix\n\n`" + command + "` on " + date + "\n\n"
                + MatrixPage.markdown(cells));
        write(dir.resolve("matrix.html"), MatrixPage.html(cells, "Consistency lab matrix", command, date));
    }

    /** The matrix as Markdown: a verdict grid, then one row per cell with its finding, throughput and p99. */
    public static String matrixMarkdown(List<MatrixCell> cells) {
        return MatrixPage.markdown(cells);
    }

    /** The self-contained HTML page of a matrix. */
    public static String matrixHtml(List<MatrixCell> cells, String command, String date) {
        return MatrixPage.html(cells, "Consistency lab matrix", command, date);
    }

    /** Writes {@code trials.json} and {@code trials.md} of repeated trials into {@code dir}. */
    public static void writeTrials(TrialSet set, Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", set.name());
        json.put("setup", set.setup());
        json.put("trials", set.trials().size());
        json.put("verdicts", Map.of("INVALID", set.count(Verdict.INVALID), "VALID", set.count(Verdict.VALID),
                "UNKNOWN", set.count(Verdict.UNKNOWN)));
        json.put("trialsWithoutFault", set.trialsWithoutFault());
        json.put("trialsWithLoss", set.trialsWithLoss());
        json.put("acknowledged", set.acknowledged());
        json.put("losses", set.losses());
        json.put("runs", set.trials().stream().map(r -> {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("seed", r.seed());
            run.put("verdict", r.verdict().name());
            run.put("summary", r.summary());
            run.put("losses", r.losses());
            run.put("shownVerdict", r.shownVerdict());
            run.put("faults", r.faults().size());
            run.put("fired", r.shownNemesis());
            run.put("notes", r.notes());
            return run;
        }).toList());
        JSON.writeValue(dir.resolve("trials.json").toFile(), json);
        write(dir.resolve("trials.md"), TrialsPage.markdown(set));
    }

    /** One table row per trial set (for docs/guarantees.md). */
    public static String trialsMarkdown(List<TrialSet> sets) {
        return TrialsPage.table(sets);
    }

    private static Map<String, Object> cellJson(MatrixCell cell) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("workload", cell.workload());
        out.put("mode", cell.mode());
        out.put("scenario", cell.scenario());
        out.put("setup", cell.setup());
        out.put("verdict", cell.result().map(r -> r.verdict().name()).orElse("n/a"));
        out.put("shownVerdict", cell.result().map(RunResult::shownVerdict).orElse("n/a"));
        out.put("finding", cell.result().map(MatrixPage::finding).orElse(cell.notApplied()));
        cell.result().ifPresent(r -> {
            out.put("counts", r.counts());
            out.put("throughput", r.throughput());
            out.put("latency", r.latency());
            out.put("anomalies", r.anomalies());
            out.put("faults", r.faults());
            out.put("notes", r.notes());
            out.put("coverage", r.coverage());
        });
        return out;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
