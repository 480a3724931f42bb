package dev.flotilla.lab.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flotilla.lab.check.Verdict;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.HistoryFile;
import dev.flotilla.lab.history.Operation;
import dev.flotilla.lab.report.RunResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A short real run of the list-append workload on in-process members: grid-core's map transactions, no faults. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ListAppendExperimentTest {

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(strings = {"tx-one-phase", "tx-two-phase"})
    void run_listAppendWithoutFaults_isSerializableWithFilledReadsAndUniqueElements(String mode) throws IOException {
        ExperimentSpec spec = ExperimentSpec.builder()
                .workload("list-append").mode(mode).members(2).nemesis("none")
                .duration(Duration.ofMillis(2500)).clients(3).keys(4).seed(23)
                .build();

        RunResult result = ExperimentRunner.run(spec, out, ProgressListener.NONE);

        assertThat(result.verdict()).as(result.summary() + " " + result.anomalies() + " " + result.notes())
                .isEqualTo(Verdict.VALID);
        assertThat(result.summary()).contains("committed txns").contains("no anomalies");
        History history = HistoryFile.read(out.resolve("history.jsonl"));
        List<Operation> ok = history.operations().stream().filter(Operation::isOk).toList();
        assertThat(ok).isNotEmpty().allSatisfy(op -> assertThat(op.f()).isEqualTo("txn"));
        assertThat(history.operations()).as("every txn the generator makes is one the product accepts")
                .noneMatch(op -> op.type() == EventType.FAIL);
        Set<String> appended = new HashSet<>();
        List<JsonNode> reads = new ArrayList<>();
        for (Operation op : ok) {
            for (JsonNode micro : op.completionValue()) {
                String key = micro.get(1).asText();
                if (micro.get(0).asText().equals("append")) {
                    assertThat(appended.add(key + "/" + micro.get(2).asLong())).as("unique element " + micro).isTrue();
                } else {
                    assertThat(micro.get(0).asText()).isEqualTo("r");
                    reads.add(micro.get(2));
                }
            }
        }
        assertThat(appended).isNotEmpty();
        assertThat(reads).anySatisfy(list -> assertThat(list.isArray() && !list.isEmpty()).isTrue());
        // The final read holds every acknowledged append.
        Operation finalRead = ok.get(ok.size() - 1);
        Set<String> inFinal = new HashSet<>();
        finalRead.completionValue().forEach(micro -> micro.get(2).forEach(e -> inFinal.add(micro.get(1).asText() + "/" + e.asLong())));
        assertThat(inFinal).containsAll(appended);
    }

    @Test
    void spec_listAppendUnderAModeWithoutTransactions_isRefusedNamingTheAcceptedModes() {
        assertThatThrownBy(() -> ExperimentSpecReader.read(new java.io.StringReader("workload: list-append\nmode: atomic-key\n")))
                .hasMessageContaining("tx-one-phase").hasMessageContaining("tx-two-phase");
    }
}
