package dev.flotilla.lab.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.lab.history.HistoryRecorder;
import java.util.List;
import org.junit.jupiter.api.Test;

class SetCheckerTest {

    @Test
    void set_infoAddsAbsentOrPresentAndConcurrentAddAbsent_isValid() {
        CheckResult result = Checkers.set().check(GoldenHistories.load("set-good"));

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
        assertThat(result.anomalies()).isEmpty();
    }

    @Test
    void set_lostUnexpectedAndFailedPresent_isInvalidWithEach() {
        CheckResult result = Checkers.set().check(GoldenHistories.load("set-bad"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).extracting(Anomaly::toString).containsExactly(
                "lost: 1 acknowledged adds missing from the final read: 2 (process 1, ok 3)",
                "unexpected: 1 elements read that were never added: 99",
                "failed-present: 1 elements read whose add failed: 4 (process 0, fail 7)");
        assertThat(result.counterexample()).contains("2 acknowledged adds, 1 lost")
                .contains("1 info or concurrent adds, 1 of them present");
    }

    @Test
    void set_noFinalRead_isUnknown() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "add", "s", 1);
        recorder.ok(0, null);
        recorder.invoke(0, "read", "s", null);
        recorder.fail(0, null);

        CheckResult result = Checkers.set().check(recorder.history());

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void set_duplicateInRead_isInvalid() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "add", "s", 1);
        recorder.ok(0, null);
        recorder.invoke(0, "read", "s", null);
        recorder.ok(0, List.of(1, 1));

        CheckResult result = Checkers.set().check(recorder.history());

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("duplicate");
    }

    @Test
    void set_elementsAsIntAndLong_compareEqual() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "add", "s", 5);
        recorder.ok(0, null);
        recorder.invoke(0, "read", "s", null);
        recorder.ok(0, List.of(5L));

        assertThat(Checkers.set().check(recorder.history()).verdict()).isEqualTo(Verdict.VALID);
    }
}
