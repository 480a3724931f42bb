package dev.flotilla.lab.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.HistoryRecorder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BankCheckerTest {

    @Test
    void bank_readsConserveTotalDespiteInfoAndFailedTransfers_isValid() {
        CheckResult result = Checkers.bank(100).check(GoldenHistories.load("bank-good"));

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
        assertThat(result.anomalies()).isEmpty();
        assertThat(result.operations()).isEqualTo(6);
    }

    @Test
    void bank_badReads_reportMoneyCreatedDestroyedAndNegativeBalances() {
        CheckResult result = Checkers.bank(100).check(GoldenHistories.load("bank-bad"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).extracting(Anomaly::toString).containsExactly(
                "money: read by process 2 (invoke 3, ok 4): balances sum to 130, expected 100: money +30",
                "negative: read by process 0 (invoke 8, ok 9): account c has balance -30",
                "negative: final read by process 4 (invoke 10, ok 11): account a has balance -10",
                "money: final read by process 4 (invoke 10, ok 11): balances sum to 80, expected 100: money -20");
        assertThat(result.counterexample()).contains("sums to 130 instead of 100 (money +30)");
    }

    @Test
    void bank_wrongTotal_flagsEveryRead() {
        CheckResult result = Checkers.bank(90).check(GoldenHistories.load("bank-good"));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).hasSize(3).allSatisfy(a -> assertThat(a.message()).endsWith("money +10"));
    }

    @Test
    void bank_noOkRead_isUnknown() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "transfer", null, Map.of("from", "a", "to", "b", "amount", 1));
        recorder.ok(0, null);
        recorder.invoke(1, "read", null, null);
        recorder.info(1, null);

        CheckResult result = Checkers.bank(10).check(recorder.history());

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("no-read");
    }

    @Test
    void bank_readValueNotAMap_isUnknown() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "read", null, null);
        recorder.ok(0, List.of(1, 2));

        History history = recorder.history();

        assertThat(Checkers.bank(3).check(history).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void bank_unopenedAccountInARead_isUnexpected() {
        CheckResult result = Checkers.bank(10, List.of("a0", "a1")).check(read(Map.of("a0", 5, "a1", 3, "zz", 2)));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("unexpected");
        assertThat(result.anomalies().get(0).message()).contains("account zz");
    }

    @Test
    void bank_openedAccountMissingFromARead_isMissing() {
        CheckResult result = Checkers.bank(10, List.of("a0", "a1", "a2")).check(read(Map.of("a0", 5, "a1", 5)));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("missing");
        assertThat(result.anomalies().get(0).message()).contains("account a2");
    }

    @Test
    void bank_withoutAccountList_aLaterReadLosingAnAccountOfTheFirstRead_isMissing() {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "read", null, null);
        recorder.ok(0, Map.of("a0", 5, "a1", 5));
        recorder.invoke(0, "read", null, null);
        recorder.ok(0, Map.of("a0", 10));

        CheckResult result = Checkers.bank(10).check(recorder.history());

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("missing");
    }

    @Test
    void bank_nullBalance_isInvalidNotUnknown() {
        Map<String, Object> balances = new LinkedHashMap<>();
        balances.put("a0", 10);
        balances.put("a1", null);

        CheckResult result = Checkers.bank(10, List.of("a0", "a1")).check(read(balances));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("malformed-balance");
    }

    private static History read(Map<String, ?> balances) {
        HistoryRecorder recorder = HistoryRecorder.start();
        recorder.invoke(0, "read", null, null);
        recorder.ok(0, balances);
        return recorder.history();
    }
}
