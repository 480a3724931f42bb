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

    @Test
    void g0_writeCycle() {
        // x order says T0 before T1, y order says T1 before T0.
        CheckResult result = check(new TxnHistory()
                .txn(0, append("x", 1), append("y", 4))
                .txn(1, append("x", 2), append("y", 3))
                .txn(2, read("x", 1, 2), read("y", 3, 4)));

        assertThat(only(result, "G0").message()).startsWith("T0 ").contains("-ww x-> T1 (").contains("-ww y-> T0 where");
    }

    @Test
    void gSingle_readSkew() {
        // T1 saw x before T0's append but y after it: one anti-dependency closes the cycle.
        CheckResult result = check(new TxnHistory()
                .txn(0, append("x", 1), append("y", 2))
                .txn(1, read("x"), read("y", 2))
                .txn(2, read("x", 1)));

        assertThat(only(result, "G-single").message()).startsWith("T1 ").contains("-rw x-> T0 (")
                .contains("-wr y-> T1 where").contains("T1 read x = [] and T0 appended the next element 1");
    }

    @Test
    void g2_writeSkew() {
        CheckResult result = check(new TxnHistory()
                .txn(0, read("x"), append("y", 1))
                .txn(1, read("y"), append("x", 2))
                .txn(2, read("x", 2), read("y", 1)));

        Anomaly g2 = only(result, "G2");
        assertThat(g2.message()).contains("-rw x-> T1").contains("-rw y-> T0");
    }

    @Test
    void g1a_abortedRead() {
        CheckResult result = check(new TxnHistory()
                .invoke(0, append("x", 1)).fail(0, append("x", 1))
                .txn(1, read("x", 1)));

        assertThat(only(result, "G1a").message()).startsWith("T1 ").contains("appended by the failed T0");
    }

    @Test
    void g1b_intermediateRead() {
        CheckResult result = check(new TxnHistory()
                .txn(0, append("x", 1), append("x", 2))
                .txn(1, read("x", 1)));

        assertThat(only(result, "G1b").message()).startsWith("T1 ").contains("intermediate append of T0")
                .contains("was 2");
    }

    @Test
    void internal_readContradictsOwnAppend() {
        CheckResult result = check(new TxnHistory().txn(0, read("x"), append("x", 1), read("x")));

        assertThat(only(result, "internal").message()).startsWith("T0 ").contains("expected [1]");
    }

    @Test
    void incompatibleOrder_neitherReadIsAPrefix() {
        CheckResult result = check(new TxnHistory()
                .txn(0, append("x", 1)).txn(1, append("x", 2))
                .txn(2, read("x", 1, 2)).txn(3, read("x", 2, 1)));

        assertThat(only(result, "incompatible-order").message()).contains("[2 1]").contains("[1 2]");
    }

    @Test
    void duplicateElements_inOneRead() {
        CheckResult result = check(new TxnHistory().txn(0, append("x", 1)).txn(1, read("x", 1, 1)));

        assertThat(only(result, "duplicate-elements").message()).startsWith("T1 ").contains("1 more than once");
    }

    @Test
    void unexpectedElement_nobodyAppendedIt() {
        CheckResult result = check(new TxnHistory().txn(0, append("x", 1)).txn(1, read("x", 1, 9)));

        assertThat(only(result, "unexpected-element").message()).startsWith("T1 ").contains("read 9 in x");
    }

    @Test
    void duplicateAppend_isAnAnomalyNotACrash() {
        CheckResult result = check(new TxnHistory().txn(0, append("x", 1)).txn(1, append("x", 1)).txn(2, read("x", 1)));

        assertThat(only(result, "duplicate-append").message()).startsWith("T1 ").contains("which T0");
    }

    @Test
    void noOkTransaction_isUnknownEmpty() {
        CheckResult result = check(new TxnHistory().invoke(0, append("x", 1)).info(0, append("x", 1)));

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("empty");
    }

    @Test
    void infoTransaction_seenByARead_joinsTheGraph() {
        // T0 is info, but reads show its elements, so it happened: T0 -wr x-> T1 and T1 -rw y-> T0.
        CheckResult result = check(new TxnHistory()
                .invoke(0, append("x", 1), append("y", 2)).info(0, append("x", 1), append("y", 2))
                .txn(1, read("x", 1), read("y"))
                .txn(2, read("y", 2)));

        assertThat(only(result, "G-single").message()).contains("-rw y-> T0");
    }

    @Test
    void strictSerializable_findsRealtimeCycle() {
        // T1 completed before T0 was invoked, yet T0 is ordered before T1 by x's version order... serial order
        // T0, T1 is allowed by serializability only.
        TxnHistory history = new TxnHistory()
                .txn(1, read("x"))
                .txn(0, append("x", 1))
                .txn(2, read("x", 1));
        assertThat(check(history).verdict()).isEqualTo(Verdict.VALID);
        CheckResult strict = new ListAppendChecker(Consistency.STRICT_SERIALIZABLE, Duration.ofSeconds(5))
                .check(history.history());
        assertThat(strict.verdict()).isEqualTo(Verdict.VALID);

        TxnHistory stale = new TxnHistory()
                .txn(0, append("x", 1))
                .txn(1, read("x"));
        assertThat(check(stale).verdict()).isEqualTo(Verdict.VALID);
        CheckResult staleStrict = new ListAppendChecker(Consistency.STRICT_SERIALIZABLE, Duration.ofSeconds(5))
                .check(stale.txn(2, read("x", 1)).history());
        assertThat(only(staleStrict, "G-single-realtime").message()).contains("-rw x-> T0").contains("-rt-> T1");
    }

    @Test
    void budgetRunOutBeforeTheCycleSearch_isUnknownUndecided() {
        TxnHistory g1c = new TxnHistory()
                .invoke(0, append("x", 1), TxnHistory.unknownRead("y"))
                .invoke(1, append("y", 2), TxnHistory.unknownRead("x"))
                .ok(0, append("x", 1), read("y", 2))
                .ok(1, append("y", 2), read("x", 1));

        CheckResult result = new ListAppendChecker(Consistency.SERIALIZABLE, Duration.ZERO).check(g1c.history());

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("undecided");
    }

    @Test
    void otherOperations_areUnsupported() {
        CheckResult result = Checkers.listAppend(Duration.ofSeconds(1)).check(dev.flotilla.lab.history.History.of(
                List.of(new dev.flotilla.lab.history.Event(0, 0, 0, dev.flotilla.lab.history.EventType.INVOKE,
                        "read", "x", null))));

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("unsupported");
    }
}
