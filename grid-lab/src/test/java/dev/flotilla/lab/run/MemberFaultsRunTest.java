package dev.flotilla.lab.run;

import dev.flotilla.grid.MapSettings;
import dev.flotilla.lab.check.Verdict;
import dev.flotilla.lab.nemesis.Fault;
import dev.flotilla.lab.report.RunResult;
import dev.flotilla.lab.report.TrialSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared fault loop on in-process members, and what a run says about faults that did or did not happen. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MemberFaultsRunTest {

    @TempDir
    Path out;

    @Test
    void killTwo_setWithoutBackups_losesAcknowledgedAddsAndTimesThem() throws IOException {
        // Backup count 0: every partition owned by the two killed members is gone, so losing adds is certain.
        ExperimentSpec spec = ExperimentSpec.builder().workload("set").mode("atomic-key").map(MapSettings.DEFAULT
                        .withBackupCount(0)).members(3).nemesis("kill-two").nemesisInterval(Duration.ofMillis(1200))
                .duration(Duration.ofMillis(3000)).clients(2).seed(3).build();

        RunResult result = ExperimentRunner.run(spec, out, null);

        assertThat(result.verdict()).as(result.summary() + " " + result.notes()).isEqualTo(Verdict.INVALID);
        Fault kill = result.faults().stream().filter(f -> f.kind().equals("kill-two")).findFirst().orElseThrow();
        assertThat(kill.nodes()).hasSize(2);
        assertThat(kill.reportedNanos()).isBetween(kill.startNanos(), kill.endNanos());
        assertThat(result.losses().lost()).isPositive()
                .isEqualTo(result.losses().beforeFault() + result.losses().duringFault() + result.losses().afterReported());
        assertThat(result.summary()).startsWith("lost " + result.losses().lost() + " of ")
                .contains("acknowledged " + result.losses().beforeFault() + " before the first fault");
        assertThat(result.faults()).extracting(Fault::kind).contains("join"); // replacements restore 3 members
    }

    @Test
    void crash_intervalLongerThanTheRun_isReportedAsNeverFiredAndNotValid() throws IOException {
        ExperimentSpec spec = ExperimentSpec.builder().workload("counter").mode("atomic-key").members(2)
                .nemesis("crash").nemesisInterval(Duration.ofSeconds(30)).duration(Duration.ofMillis(1500))
                .clients(2).build();

        RunResult result = ExperimentRunner.run(spec, out, null);

        assertThat(result.faults()).isEmpty();
        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.notes()).anySatisfy(n -> assertThat(n).contains("never fired"));
    }

    @Test
    void trials_twoSeeds_eachTrialInItsOwnDirectoryWithRates() throws IOException {
        ExperimentSpec spec = ExperimentSpec.builder().workload("counter").mode("atomic-key").members(1)
                .duration(Duration.ofMillis(800)).clients(2).seed(40).build();

        TrialSet set = Trials.run(spec, 2, out, null);

        assertThat(set.trials()).extracting(RunResult::seed).containsExactly(40L, 41L);
        assertThat(set.count(Verdict.VALID)).isEqualTo(2);
        assertThat(set.lossRate()).isEqualTo("no acknowledged operation named lost in 2 trials");
        assertThat(out.resolve("trial-1/result.json")).exists();
        assertThat(out.resolve("trial-2/result.json")).exists();
        assertThat(out.resolve("trials.md")).content().contains("INVALID 0, VALID 2, UNKNOWN 0 of 2");
    }
}
