package dev.flotilla.lab.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.lab.history.HistoryRecorder;
import org.junit.jupiter.api.Test;

class CounterCheckerTest {

    @Test
    void counter_finalReadWithinAcknowledgedAndAttempted_isValid() {
        CheckResult result = Checkers.counter().check(GoldenHistories.load("counter-good"));

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
        assertThat(result.anomalies()).isEmpty();
    }

    @Test
    void counter_readsOutsideBounds_reportByHowMuch() {
        CheckResult result = Checkers.counter().check(GoldenHistories.load("counter-bad"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).extracting(Anomaly::toString).containsExactly(
                "extra-increment: read 10 by process 0 (invoke 6, ok 7) is 2 above the attempted 8 (allowed [3, 8])",
                "lost-increment: final read 2 by process 0 (invoke 8, ok 9) is 1 below the acknowledged 3 (allowed [3, 8])",
                "nonmonotonic: read 2 by process 0 (invoke 8, ok 9) is below the earlier read 10 by process 0 (ok 7),"
                        + " which completed before it was invoked; every delta is positive, so the counter went backwards");
        assertThat(result.counterexample()).startsWith("final read 2");
    }

    @Test
    void counter_readThreeThenTwo_withinBoundsButNotMonotonic_isInvalid() {
        HistoryRecorder recorder = HistoryRecorder.start();
        for (int p = 0; p < 3; p++) {
            recorder.invoke(p, "incr", null, 1);
        }
        recorder.invoke(5, "read", null, null);
        recorder.ok(5, 3);
        recorder.invoke(6, "read", null, null);
        recorder.ok(6, 2); // both reads lie in [0, 3], but the second began after the first returned 3
        for (int p = 0; p < 3; p++) {
            recorder.ok(p, null);
        }

        CheckResult result = Checkers.counter().check(recorder.history());

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("nonmonotonic");
    }

    @Test
    void counter_concurrentReadsInEitherOrder_areMonotonic() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "incr", null, 1);
        recorder.invoke(5, "read", null, null);
        recorder.invoke(6, "read", null, null);
        recorder.ok(5, 1);
        recorder.ok(6, 0); // concurrent with the read of 1: it may have been first
        recorder.ok(0, null);

        assertThat(Checkers.counter().check(recorder.history()).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void counter_negativeDeltaInFlight_widensLowerBound() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "incr", null, 10);
        recorder.ok(0, null);
        recorder.invoke(1, "incr", null, -4);
        recorder.info(1, null);
        recorder.invoke(0, "read", null, null);
        recorder.ok(0, 6);

        assertThat(Checkers.counter().check(recorder.history()).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void counter_noRead_isUnknown() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "incr", null, 1);
        recorder.ok(0, null);

        assertThat(Checkers.counter().check(recorder.history()).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void counter_unknownOperation_isUnknown() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "decr", null, 1);
        recorder.ok(0, null);

        CheckResult result = Checkers.counter().check(recorder.history());

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("unsupported");
    }
}
