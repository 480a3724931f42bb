package dev.flotilla.bench.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The study's smoke run on one real node process ({@code bin/flotilla start}, the packaged server jar): vertical and
 * horizontal cells at one node, in quick mode. It checks the run's outputs, not its speeds, and that no node process
 * outlives it.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ScalingStudyProcessIT {

    @TempDir
    Path tmp;

    @Test
    void quickRun_oneNode_writesReportAndResultsWithThroughputInEveryCell() throws Exception {
        Path out = tmp.resolve("scaling");
        int code = ScalingStudy.execute(new String[]{"--quick", "--out", out.toString(), "--sections",
                "vertical,horizontal", "--sizes", "1"});

        assertThat(code).isZero();
        assertThat(out.resolve("index.html")).content().contains("Vertical", "Horizontal", "<svg");
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        JsonNode cells = results.get("cells");
        assertThat(cells).hasSizeGreaterThanOrEqualTo(6);
        for (JsonNode cell : cells) {
            assertThat(cell.get("opsPerSecond").asDouble()).as(cell.toString()).isPositive();
            assertThat(cell.get("ok").asLong()).as(cell.toString()).isPositive();
        }
        assertThat(cells.findValuesAsText("section")).contains("vertical", "horizontal");
        assertThat(cells.findValuesAsText("routing")).contains("round-robin", "least-outstanding");
        // Nothing left behind: no node process (each runs its node file under the out directory) survives the run.
        List<ProcessHandle> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(out.toString())).toList();
        assertThat(left).isEmpty();
        assertThat(Files.exists(out.resolve("nodes/n1.log"))).isTrue();
    }
}
