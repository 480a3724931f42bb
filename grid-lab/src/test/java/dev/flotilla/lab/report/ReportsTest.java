package dev.flotilla.lab.report;

import dev.flotilla.lab.check.Anomaly;
import dev.flotilla.lab.check.Verdict;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.HistoryRecorder;
import dev.flotilla.lab.nemesis.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReportsTest {

    private static RunResult result(String name, Verdict verdict) {
        return result(name, verdict, null);
    }

    static RunResult result(String name, Verdict verdict, FaultCoverage coverage) {
        HistoryRecorder recorder = HistoryRecorder.start();
        for (int p = 0; p < 20; p++) {
            recorder.invoke(p, "incr", null, 1);
            if (p % 5 == 4) {
                recorder.info(p, 1);
            } else {
                recorder.ok(p, null);
            }
        }
        History history = recorder.history();
        RunMetrics metrics = RunMetrics.of(history, 1_000_000_000L, 100_000_000L);
        return new RunResult(name, Map.of("workload", "counter"), "counter", "unsafe", "crash", 1, verdict,
                List.of(new Anomaly("lost-increment", "final read 3 <script> is 2 below")), "ce", "lost 2",
                LossTiming.NOT_NAMED, metrics.counts(), metrics.throughput(), metrics.latency(), 1_000_000_000L, metrics.timeline(),
                List.of(new Fault("crash", List.of("member 2"), "member 2: 3 -> 2 members", 200_000_000L, 300_000_000L, 500_000_000L)),
                List.of(new SizeSample(0, 3), new SizeSample(200_000_000L, 2), new SizeSample(500_000_000L, 3)),
                List.of("a note"), coverage);
    }

    @Test
    void runMetrics_smallHistory_countsEveryCompletion() {
        RunResult r = result("x", Verdict.VALID);
        assertThat(r.counts()).isEqualTo(new Counts(20, 16, 0, 4));
        assertThat(r.timeline()).hasSize(10);
        assertThat(r.latency().p99Millis()).isGreaterThanOrEqualTo(r.latency().p50Millis());
    }

    @Test
    void writeRun_result_writesJsonMarkdownAndSelfContainedHtml(@TempDir Path dir) throws IOException {
        Reports.writeRun(result("counter-unsafe-crash", Verdict.INVALID), dir);

        String html = Files.readString(dir.resolve("report.html"));
        assertThat(html).contains("<svg", "<style>", "INVALID", "Throughput", "Latency", "Cluster size")
                .doesNotContain("<script").doesNotContain("http://cdn").doesNotContain("<link");
        assertThat(html).contains("&lt;script&gt;");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("**INVALID**", "| crash |");
        assertThat(Files.readString(dir.resolve("result.json"))).contains("\"verdict\" : \"INVALID\"");
    }

    @Test
    void writeMatrix_cells_writesGridAndNotAppliedCells(@TempDir Path dir) throws IOException {
        List<MatrixCell> cells = List.of(
                new MatrixCell("counter", "unsafe", "crash", "3 members", Optional.of(result("a", Verdict.INVALID)), ""),
                new MatrixCell("counter", "cp", "crash", "3 members", Optional.empty(), "needs 3 CP members"));

        Reports.writeMatrix(cells, dir, "lab matrix --quick", "2025-01-01");

        String md = Files.readString(dir.resolve("matrix.md"));
        assertThat(md).contains("| counter | unsafe | **INVALID** lost 2", "n/a", "needs 3 CP members");
        assertThat(Files.readString(dir.resolve("matrix.html"))).contains("<svg", "class=\"INVALID\"", "class=\"NA\"");
        assertThat(Files.readString(dir.resolve("matrix.json"))).contains("\"verdict\" : \"n/a\"");
    }
}
