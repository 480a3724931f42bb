package dev.flotilla.lab.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import dev.flotilla.lab.history.Event;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.HistoryRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LinearizabilityCheckerTest {

    private static final Duration BUDGET = Duration.ofSeconds(30);

    private static CheckResult casRegister(History history) {
        return Checkers.casRegister(BUDGET).check(history);
    }

    @Test
    void register_goodHistoryWithInfoAndFail_isValid() {
        CheckResult result = Checkers.register(BUDGET).check(GoldenHistories.load("register-good"));

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
        assertThat(result.anomalies()).isEmpty();
        assertThat(result.counterexample()).isEmpty();
        assertThat(result.operations()).isEqualTo(10);
    }

    @Test
    void register_staleRead_isInvalidWithMinimalWindow() {
        CheckResult result = Checkers.register(BUDGET).check(GoldenHistories.load("register-bad-stale-read"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo("nonlinearizable"))
                .satisfies(a -> assertThat(a.message()).contains("ok read -> 1 by process 2 (invoke 6, ok 9)"));
        // Every write but the info write of 3 completed before both reads began, and 3 is never
        // read, so two overlapping reads seeing 1 and 2 are already impossible from any value.
        assertThat(result.counterexample())
                .contains("These 2 operations cannot be linearized from any initial value")
                .contains("p2    read -> 1").contains("p4    read -> 2")
                .doesNotContain("write");
    }

    @Test
    void register_readOfInfoWriteBeforeItsInvoke_isInvalid() {
        CheckResult result = Checkers.register(BUDGET).check(GoldenHistories.load("register-bad-read-before-write"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.counterexample()).contains("read -> 2");
    }

    @Test
    void register_overlappingWritesReadBackAsFirst_isValidOnlyInOneOrder() {
        CheckResult result = Checkers.register(BUDGET).check(GoldenHistories.load("register-overlapping-writes-one-order"));

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void register_overlappingWritesReadInBothOrders_isInvalid() {
        CheckResult result = Checkers.register(BUDGET).check(GoldenHistories.load("register-bad-overlapping-writes-flip"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        // Both writes completed before the reads: one process reading 1 then 2 with no write
        // in between is the whole contradiction.
        assertThat(result.counterexample()).contains("These 2 operations cannot be linearized from any initial value")
                .contains("read -> 1").contains("read -> 2").doesNotContain("write");
    }

    @Test
    void casRegister_goodHistoryWithOverlappingCasAndInfoCas_isValid() {
        CheckResult result = casRegister(GoldenHistories.load("cas-register-good"));

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void casRegister_lostCompareAndSet_isInvalidOnThatKeyOnly() {
        CheckResult result = casRegister(GoldenHistories.load("cas-register-bad-lost-cas"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).singleElement()
                .satisfies(a -> assertThat(a.message()).startsWith("key k1:").contains("cas 1 -> 3"));
        assertThat(result.counterexample()).startsWith("key k1:")
                .contains("cas 1 -> 2").contains("cas 1 -> 3").doesNotContain("k2");
    }

    @Test
    void casRegister_infoWriteObservedAfterItsInvoke_isValid() {
        CheckResult result = casRegister(GoldenHistories.load("cas-register-info-write-late"));

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void register_casOperation_isUnknownAsUnsupported() {
        CheckResult result = Checkers.register(BUDGET).check(GoldenHistories.load("cas-register-good"));

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.anomalies()).singleElement().satisfies(a -> assertThat(a.kind()).isEqualTo("unsupported"));
    }

    @Test
    void casRegister_zeroBudgetOnNontrivialHistory_isUnknownNeverValid() {
        History history = History.of(SyntheticHistories.casRegister(7, 2_000, 4, 5, 0.01));

        CheckResult result = Checkers.casRegister(Duration.ZERO).check(history);

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.anomalies()).isNotEmpty().allSatisfy(a -> assertThat(a.kind()).isEqualTo("undecided"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void casRegister_randomLinearizableHistory_isValid(long seed) {
        History history = History.of(SyntheticHistories.casRegister(seed, 5_000, 10, 6, 0.01));

        CheckResult result = casRegister(history);

        assertThat(result.verdict()).as(result.toString()).isEqualTo(Verdict.VALID);
        assertThat(result.operations()).isEqualTo(5_000);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void casRegister_randomHistoryWithOneStaleRead_isInvalid(long seed) {
        List<Event> events = SyntheticHistories.withStaleRead(SyntheticHistories.casRegister(seed, 3_000, 3, 5, 0.01));

        CheckResult result = casRegister(History.of(events));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).hasSize(1);
        assertThat(result.counterexample()).contains("cannot be linearized");
    }

    @Test
    void casRegister_deepSingleKeyHistory_doesNotOverflowTheStack() {
        // 50,000 sequential writes and reads: a recursive search would be 50,000 frames deep.
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 25_000; i++) {
            events.add(new Event(events.size(), 0, 0, EventType.INVOKE, "write", null, IntNode.valueOf(i)));
            events.add(new Event(events.size(), 0, 0, EventType.OK, "write", null, IntNode.valueOf(i)));
            events.add(new Event(events.size(), 0, 1, EventType.INVOKE, "read", null, null));
            events.add(new Event(events.size(), 0, 1, EventType.OK, "read", null, IntNode.valueOf(i)));
        }

        CheckResult result = casRegister(History.of(events));

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void casRegister_emptyHistory_isUnknownNotAPass() {
        CheckResult result = casRegister(History.of(List.of()));

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("nothing-acknowledged");
    }

    @Test
    void casRegister_nothingAcknowledged_isUnknownNotAPass() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "write", "k", 1);
        recorder.info(0, null);
        recorder.invoke(1, "cas", "k", List.of(1, 2));
        recorder.fail(1, null);

        CheckResult result = casRegister(recorder.history());

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("nothing-acknowledged");
    }

    @Test
    void casRegister_casAnsweredFalseWhileTheRegisterSurelyHeldTheExpectedValue_isInvalid() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "write", "k", 1);
        recorder.ok(0, 1);
        recorder.invoke(1, "cas", "k", List.of(1, 2));
        recorder.ok(1, false); // it says the register did not hold 1, but nothing else ever wrote
        recorder.invoke(0, "read", "k", null);
        recorder.ok(0, 1);

        CheckResult result = casRegister(recorder.history());

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.counterexample()).contains("cas 1 -> 2 = false");
    }

    @Test
    void casRegister_casAnsweredFalseWhileAnotherValueWasThere_isValid() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "write", "k", 1);
        recorder.ok(0, 1);
        recorder.invoke(2, "write", "k", 3); // concurrent with the cas: it may have come first
        recorder.invoke(1, "cas", "k", List.of(1, 2));
        recorder.ok(1, false);
        recorder.ok(2, 3);
        recorder.invoke(0, "read", "k", null);
        recorder.ok(0, 3);

        assertThat(casRegister(recorder.history()).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void casRegister_casFalseThenTheExpectedValueRead_needsAWriteBetween() {
        // The register held 1, the cas saw something else, so only the info write of 5 can explain it; once the
        // read after it shows 1 again, the info write must have landed before the cas and been overwritten: that
        // needs a second write of 1, which there is not.
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "write", "k", 1);
        recorder.ok(0, 1);
        recorder.invoke(2, "write", "k", 5);
        recorder.info(2, null);
        recorder.invoke(1, "cas", "k", List.of(1, 2));
        recorder.ok(1, false);
        recorder.invoke(0, "read", "k", null);
        recorder.ok(0, 1);

        assertThat(casRegister(recorder.history()).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void casRegister_casAppliedAnsweredTrue_isTheSameAsTheOldFormat() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "write", "k", 1);
        recorder.ok(0, 1);
        recorder.invoke(1, "cas", "k", List.of(1, 2));
        recorder.ok(1, true);
        recorder.invoke(0, "read", "k", null);
        recorder.ok(0, 2);

        assertThat(casRegister(recorder.history()).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    @Timeout(60)
    void casRegister_chainOfInfoCas_prePassIsLinearAndTheSearchStopsAtItsBudget() {
        // 80,000 info cas, each expecting the value the previous one wrote: the pre-pass used to drop one link per
        // pass over the history (quadratic: 32 s against a 1 s budget). A final read of the start value is legal
        // (no cas need have happened), so the verdict is VALID, decided after linear pruning. The budget is 5 s:
        // 1 s ran out once on a loaded machine with two test JVMs, linear pruning needs a fraction of it.
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "write", "k", 0);
        recorder.ok(0, 0);
        for (int i = 0; i < 80_000; i++) {
            recorder.invoke(i + 1, "cas", "k", List.of(i, i + 1));
            recorder.info(i + 1, null);
        }
        recorder.invoke(0, "read", "k", null);
        recorder.ok(0, 0);

        CheckResult result = Checkers.casRegister(Duration.ofSeconds(5)).check(recorder.history());

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    }
}
