package dev.flotilla.lab.check.elle;

import static dev.flotilla.lab.check.elle.TxnHistory.append;
import static dev.flotilla.lab.check.elle.TxnHistory.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.lab.check.Anomaly;
import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.check.Checkers;
import dev.flotilla.lab.check.CheckerOptions;
import dev.flotilla.lab.check.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListAppendCheckerTest {

    private static CheckResult check(TxnHistory history) {
        return Checkers.byName("list-append", CheckerOptions.defaults()).check(history.history());
    }

    private static Anomaly only(CheckResult result, String kind) {
        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        List<Anomaly> ofKind = result.anomalies().stream().filter(a -> a.kind().equals(kind)).toList();
        assertThat(ofKind).as("%s in %s", kind, result.anomalies()).hasSize(1);
        return ofKind.get(0);
    }

    @Test
    void serialHistory_isValid() {
        CheckResult result = check(new TxnHistory()
                .txn(0, append("x", 1), read("y"))
                .txn(1, read("x", 1), append("y", 2))
                .txn(0, read("x", 1), read("y", 2), append("x", 3)));

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
        assertThat(result.anomalies()).isEmpty();
    }

    @Test
    void concurrentSerializableHistory_isValid() {
        // T0 and T1 overlap; T1 read x before T0's append, so T1 -rw-> T0, consistent with order T1, T0.
        CheckResult result = check(new TxnHistory()
                .invoke(0, append("x", 1))
                .invoke(1, TxnHistory.unknownRead("x"), append("y", 5))
                .ok(1, read("x"), append("y", 5))
                .ok(0, append("x", 1))
                .txn(2, read("x", 1), read("y", 5)));

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void g1c_reportsTheCycleWithExplainedEdges() {
        // T0 appends x 1 and reads y = [2]; T1 appends y 2 and reads x = [1]: each read the other's write.
        CheckResult result = check(new TxnHistory()
                .invoke(0, append("x", 1), TxnHistory.unknownRead("y"))
                .invoke(1, append("y", 2), TxnHistory.unknownRead("x"))
                .ok(0, append("x", 1), read("y", 2))
                .ok(1, append("y", 2), read("x", 1)));

        Anomaly g1c = only(result, "G1c");
        assertThat(g1c.message()).startsWith("T0 (ok index 2: append x 1, r y [2]) -wr x-> T1")
                .contains("-wr y-> T0 where")
                .contains("T1 read x = [1], the last element 1 was appended by T0");
        assertThat(result.counterexample()).contains("G1c x1").contains("1 strongly connected component");
    }

    @Test
    void unregisteredBudgetZero_stillFindsNonCycleAnomalies() {
        CheckResult result = new ListAppendChecker(Consistency.SERIALIZABLE, Duration.ZERO).check(new TxnHistory()
                .invoke(0, append("x", 1)).fail(0, append("x", 1)).txn(1, read("x", 1)).history());
        assertThat(result.anomalies()).extracting(Anomaly::kind).contains("G1a");
    }
}
