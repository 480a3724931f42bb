package dev.flotilla.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness end to end on a short run: a ceiling process and a node process on loopback, wrk against both, the
 * report written, nothing left running. wrk must be installed (.ci/run installs it).
 */
class HttpBenchProcessIT {
    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void measuresANodeAgainstTheCeilingAndLeavesNothingRunning(@TempDir Path out) throws Exception {
        assertThat(HttpBench.Wrk.available()).as("wrk on the PATH").isTrue();

        BenchReport report = HttpBench.run(BenchOptions.parse("--quick", "--keys", "1000",
                "--cases", "flotilla-get,flotilla-put-idempotent", "--out", out.toString()));
        report.write(out);

        assertThat(report.rows()).extracting(row -> row.benchCase().name())
                .containsExactly("ceiling-get", "ceiling-put", "flotilla-get", "flotilla-put-idempotent");
        for (BenchReport.Row row : report.rows()) {
            assertThat(row.failedRounds()).as(row.benchCase().name() + " answered only 2xx").isZero();
            assertThat(row.rate()).as(row.benchCase().name() + " req/s").isPositive();
        }
        assertThat(report.rows().get(2).ratio()).as("flotilla-get over ceiling-get").isPositive();
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results.get("summary")).hasSize(4);
        assertThat(Files.readString(out.resolve("summary.md"))).contains("| flotilla-put-idempotent |");
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList())
                .as("processes left running").isEmpty();
    }
}
