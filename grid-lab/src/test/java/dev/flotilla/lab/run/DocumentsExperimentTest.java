package dev.flotilla.lab.run;

import dev.flotilla.lab.check.Verdict;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.HistoryFile;
import dev.flotilla.lab.history.Operation;
import dev.flotilla.lab.report.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** A short real run of the documents workload on in-process members: grid-core's VersionedMap, no faults. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DocumentsExperimentTest {

    @TempDir
    Path out;

    @Test
    void run_documentsWithoutFaults_isLinearizableWithEveryKindAcknowledged() throws IOException {
        ExperimentSpec spec = ExperimentSpec.builder()
                .workload("documents").mode("atomic-key").members(2).nemesis("none")
                .duration(Duration.ofMillis(2500)).clients(3).keys(3).seed(17)
                .build();

        RunResult result = ExperimentRunner.run(spec, out, ProgressListener.NONE);

        assertThat(result.verdict()).as(result.summary() + " " + result.anomalies() + " " + result.notes())
                .isEqualTo(Verdict.VALID);
        assertThat(result.faults()).isEmpty();
        assertThat(result.summary()).startsWith("linearizable");
        History history = HistoryFile.read(out.resolve("history.jsonl"));
        List<Operation> ok = history.operations().stream().filter(Operation::isOk).toList();
        assertThat(ok).extracting(Operation::f)
                .contains("read", "write", "cas", "create", "delete", "delete-if");
        // A batch part runs under a process of its own; only a batch part stays open while another event is
        // recorded (final reads run one at a time, and a worker's process makes many operations).
        Map<Integer, Long> perProcess = history.operations().stream()
                .collect(Collectors.groupingBy(Operation::process, Collectors.counting()));
        List<Operation> batchParts = ok.stream()
                .filter(op -> perProcess.get(op.process()) == 1 && op.completeIndex() > op.invokeIndex() + 1)
                .toList();
        assertThat(batchParts).extracting(Operation::f).contains("read", "write");
        // Every key was read at the end, by one GET each.
        Map<String, Operation> finals = ok.stream().filter(op -> op.f().equals("read"))
                .collect(Collectors.toMap(Operation::key, Function.identity(), (a, b) -> b));
        assertThat(finals).containsOnlyKeys("d0", "d1", "d2");
    }
}
