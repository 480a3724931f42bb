package dev.flotilla.server.labprocess;

import dev.flotilla.lab.check.Verdict;
import dev.flotilla.lab.history.Event;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.HistoryFile;
import dev.flotilla.lab.nemesis.Fault;
import dev.flotilla.lab.report.RunResult;
import dev.flotilla.lab.run.ExperimentRunner;
import dev.flotilla.lab.run.ExperimentSpec;
import dev.flotilla.lab.run.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static dev.flotilla.server.labprocess.NodeProcesses.naming;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short lab run with persistent maps: a grid-server node process write-through to the H2 database the fleet
 * starts for the run, and {@code restart-all} stops it with SIGTERM and starts it again with empty memory. What
 * they load back from the database must hold every acknowledged add, and neither a node nor the database may be
 * left running (the database's files, hence its command line, are under the node directory).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PersistentLabProcessIT {
    @RegisterExtension
    final NodeProcesses processes = new NodeProcesses();

    @TempDir
    Path out;

    @Test
    void restartAll_setWriteThrough_everyAcknowledgedAddSurvivesTheRestart() throws IOException {
        // One node, for the test budget: measured on 2 loaded cores, two nodes took 20 s from SIGTERM to safe (each
        // JVM starts in ~14 s there) and the test 51 s. With one, 16 s of load hold one restart, fired 7 s in, with
        // acknowledged adds on both sides of it; every add after it reads and extends the set the database kept.
        // Exactly one: a restart took 5.6 s in CI, so the next would come after the load (7 + 5.6 + 7 > 16), and a
        // second one ending with the load would leave no acknowledged add after it (UNKNOWN, seen with 2 s).
        ExperimentSpec spec = ExperimentSpec.builder().name("persistent-restart-all").workload("set")
                .mode("atomic-key").cluster("processes").members(1).store("write-through").nemesis("restart-all")
                .nemesisInterval(Duration.ofSeconds(7)).settleLimit(Duration.ofSeconds(30))
                .duration(Duration.ofSeconds(16)).clients(4).keys(5).safeTimeout(Duration.ofSeconds(30)).build();
        Path nodes = processes.watch(out.resolve("nodes"));

        RunResult result = ExperimentRunner.run(spec, out, ProgressListener.NONE);
        System.out.println(result.name() + ": " + result.verdict() + ", " + result.summary() + "; notes "
                + result.notes() + "; ops " + result.counts());
        result.faults().forEach(f -> System.out.println("  " + f));

        assertThat(naming(nodes)).as("node or database processes left after the run").isEmpty();
        Fault restart = result.faults().stream().filter(f -> f.kind().equals("restart-all")).findFirst().orElseThrow();
        assertThat(restart.startNanos()).as(restart.detail()).isLessThan(result.runNanos());
        assertThat(restart.nodes()).containsExactly("n1 127.0.0.2");
        assertThat(restart.detail()).contains("SIGTERM").contains("restarted on the same addresses: 1 members");
        assertThat(restart.reportedNanos()).as("every node had exited").isGreaterThan(restart.startNanos());
        List<Event> events = HistoryFile.read(out.resolve("history.jsonl")).events();
        assertThat(events).as("adds acknowledged before the restart: the database had something to keep")
                .anyMatch(e -> e.type() == EventType.OK && e.f().equals("add") && e.time() < restart.startNanos());
        assertThat(result.coverage().covered()).as(String.join("; ", result.notes())).isTrue();
        assertThat(result.verdict()).as(result.summary() + "; " + result.notes()).isEqualTo(Verdict.VALID);
        assertThat(result.summary()).containsPattern("all \\d+ acknowledged adds present");
    }
}
