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
                "lost: 1 elements missing from every later read: 2 (add invoked 1, ok 3, never read; missing from"
                        + " read 8)",
                "unexpected: 1 elements read that no add could have written: 99 never added (read 8)",
                "failed-present: 1 elements read whose every add failed: 4 (every add failed; read 8)");
        assertThat(result.counterexample()).isEqualTo("1 ok reads, 4 elements attempted: 1 ok, 0 stale, 1 lost,"
                + " 0 never-read, 1 info or failed-and-unseen");
    }

    @Test
    void setFull_elementReadBeforeItsAddWasInvoked_isUnexpectedNamingTheRead() {
        CheckResult result = Checkers.byName("set-full").check(GoldenHistories.load("set-full-bad-read-before-add"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).extracting(Anomaly::toString).containsExactly("unexpected: 1 elements read"
                + " that no add could have written: 1 read before its add was invoked (read 0, ok 1; add invoked 2)");
    }

    @Test
    void setFull_seenByOneReadThenGoneFromLaterOnes_isLost() {
        CheckResult result = Checkers.byName("set-full").check(GoldenHistories.load("set-full-bad-seen-then-gone"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).extracting(Anomaly::toString).containsExactly("lost: 1 elements missing from"
                + " every later read: 1 (add invoked 0, ok 1, first read 4, last read 4; missing from read 8)");
        assertThat(result.counterexample()).contains("1 ok, 0 stale, 1 lost, 0 never-read");
    }

    @Test
    void setFull_readAfterTheAckMissesItButALaterOneShowsIt_isStale() {
        CheckResult result = Checkers.byName("set-full").check(GoldenHistories.load("set-full-bad-stale"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).extracting(Anomaly::toString).containsExactly("stale: 1 elements missed by a"
                + " read that began after they were acknowledged: 1 (add invoked 0, ok 1, first read 4, last read 4;"
                + " missed by read 2)");
    }

    @Test
    void setFull_concurrentReadMayMissAndInfoAddMayShow_isValidAndCountsTheAddNoReadFollowed() {
        CheckResult result = Checkers.byName("set-full")
                .check(GoldenHistories.load("set-full-good-reads-throughout"));

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
        assertThat(result.counterexample()).isEqualTo("3 ok reads, 3 elements attempted: 1 ok, 0 stale, 0 lost,"
                + " 1 never-read, 1 info or failed-and-unseen");
    }

    @Test
    void setFull_onlyAddsNoReadAfterThem_isUnknownNeverRead() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(1, "read", "s", null);
        recorder.invoke(0, "add", "s", 1);
        recorder.ok(0, null);
        recorder.ok(1, List.of());

        CheckResult result = Checkers.byName("set").check(recorder.history());

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("never-read");
    }

    @Test
    void setFull_largeHistory_checksEveryReadOnce() {
        HistoryRecorder recorder = HistoryRecorder.start();
        int adds = 100_000;
        List<Integer> present = new java.util.ArrayList<>();
        for (int element = 0; element < adds; element++) {
            recorder.invoke(0, "add", "s", element);
            recorder.ok(0, null);
            present.add(element);
            if (element % 500 == 499) {
                recorder.invoke(1, "read", "s", null);
                recorder.ok(1, List.copyOf(present));
            }
        }
        present.remove(Integer.valueOf(7));
        recorder.invoke(1, "read", "s", null);
        recorder.ok(1, present);

        CheckResult result = Checkers.byName("set-full").check(recorder.history());

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("lost");
        assertThat(result.counterexample()).contains(" 99999 ok, 0 stale, 1 lost, 0 never-read");
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
