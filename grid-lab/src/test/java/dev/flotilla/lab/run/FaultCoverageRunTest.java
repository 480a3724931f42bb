package dev.flotilla.lab.run;

import dev.flotilla.lab.check.Verdict;
import dev.flotilla.lab.report.FaultCoverage;
import dev.flotilla.lab.report.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Short real runs (in-process members) that check a run says what its faults really covered. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FaultCoverageRunTest {

    @TempDir
    Path out;

    @Test
    void crashWhoseIntervalIsLongerThanTheRun_isUnknownAndSaysTheFaultNeverFired() throws IOException {
        ExperimentSpec spec = ExperimentSpec.builder()
                .workload("set").mode("atomic-key").members(2).nemesis("crash")
                .nemesisInterval(Duration.ofSeconds(30)).duration(Duration.ofMillis(1500)).clients(2).seed(3)
                .build();

        RunResult result = ExperimentRunner.run(spec, out, ProgressListener.NONE);

        assertThat(result.verdict()).as(result.notes().toString()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.coverage().neverFired()).isTrue();
        assertThat(result.notes()).anyMatch(n -> n.startsWith("fault never fired: crash (interval 30.0 s")
                && n.endsWith("the verdict is UNKNOWN"));
        assertThat(result.shownVerdict()).isEqualTo("UNKNOWN: fault never fired");
        assertThat(result.shownNemesis()).isEqualTo("crash (never fired)");
        assertThat(Matrix.setup(spec, result)).isEqualTo("2 members, crash (never fired)");
        assertThat(Files.readString(out.resolve("report.md")))
                .contains("| crash (never fired) | **UNKNOWN: fault never fired** |");
        assertThat(Files.readString(out.resolve("result.json")))
                .contains("\"shownVerdict\" : \"UNKNOWN: fault never fired\"", "\"crash\" : 0");
    }

    @Test
    void joinWhoseLastStepCameAfterTheLoad_labelsItAfterLoad() throws IOException {
        // One join under load at 1.2 s; the schedule's second step would come at 2.4 s, after the load stopped at
        // 2 s, so the heal makes the last step with no client running.
        ExperimentSpec spec = ExperimentSpec.builder()
                .workload("set").mode("atomic-key").members(1).nemesis("join").nemesisSizes(List.of(2, 3))
                .nemesisInterval(Duration.ofMillis(1200)).duration(Duration.ofMillis(2000)).clients(2).seed(5)
                .build();

        RunResult result = ExperimentRunner.run(spec, out, ProgressListener.NONE);

        assertThat(result.coverage().fired()).containsEntry("join", 1);
        String setup = Matrix.setup(spec, result);
        assertThat(setup).as(result.clusterSizes().toString()).endsWith("3 after load) members")
                .startsWith("1").doesNotContain("-> 3 members");
        assertThat(result.clusterSizes().get(result.clusterSizes().size() - 1).members()).isEqualTo(3);
    }

    @Test
    void crashWithAcknowledgedOperationsAfterIt_staysValid() throws IOException {
        ExperimentSpec spec = ExperimentSpec.builder()
                .workload("set").mode("atomic-key").members(3).nemesis("crash")
                .nemesisInterval(Duration.ofMillis(800)).duration(Duration.ofMillis(3500)).clients(2).seed(7)
                .build();

        RunResult result = ExperimentRunner.run(spec, out, ProgressListener.NONE);

        FaultCoverage coverage = result.coverage();
        assertThat(coverage.windows()).as(result.faults().toString()).isNotEmpty();
        FaultCoverage.Window first = coverage.windows().get(0);
        assertThat(first.kind()).isEqualTo("crash");
        assertThat(first.endedUnderLoad(coverage.loadStopNanos())).isTrue();
        assertThat(first.after().ok()).isPositive();
        assertThat(coverage.covered()).as(coverage.problems().toString()).isTrue();
        assertThat(result.verdict()).as(result.summary() + " " + result.notes()).isEqualTo(Verdict.VALID);
        assertThat(result.shownVerdict()).isEqualTo("VALID");
        assertThat(result.shownNemesis()).isEqualTo("crash x" + coverage.windows().size());
        assertThat(Matrix.setup(spec, result)).startsWith("3 -> 2").endsWith("members, " + result.shownNemesis());
        assertThat(Files.readString(out.resolve("report.md"))).contains("## Operations around each fault");
    }
}
