package dev.flotilla.lab.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.HistoryRecorder;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VersionedRegisterCheckerTest {

    private static final Duration BUDGET = Duration.ofSeconds(30);

    private static CheckResult check(History history) {
        return Checkers.byName("versioned-register", CheckerOptions.defaults().withBudget(BUDGET)).check(history);
    }

    @Test
    void check_goodHistoryWithDeletesInfoFailAndBatches_isValid() {
        CheckResult result = check(GoldenHistories.load("versioned-register-good"));

        assertThat(result.verdict()).as(result.anomalies() + "\n" + result.counterexample()).isEqualTo(Verdict.VALID);
        assertThat(result.anomalies()).isEmpty();
        assertThat(result.operations()).isEqualTo(22);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // The read saw version 1 after the write of version 2 had been acknowledged.
            "versioned-register-bad-stale-read        | ok read -> {\"version\":1,\"value\":\"a\"} by process 1",
            // Two overlapping acknowledged writes both claim version 2: only one can have made it.
            "versioned-register-bad-same-version      | ok write \"c\" = 2 by process 1",
            // The value stayed, its version went from 2 back to 1 with no delete in between.
            "versioned-register-bad-version-backwards | ok read -> {\"version\":1,\"value\":\"b\"} by process 1",
            // The key only ever held version 1, yet a cas on version 2 applied.
            "versioned-register-bad-cas-wrong-version | ok cas 2 -> \"b\" = 3 by process 1",
            // The key was present (process 1 read it), yet a create succeeded.
            "versioned-register-bad-create-while-present | ok create \"b\" = 1 by process 2",
            // Two acknowledged writes, no delete, and the last read finds the key absent.
            "versioned-register-bad-lost-write        | ok read -> null by process 2",
    })
    void check_badHistory_isInvalidAtTheAnomaly(String name, String stuck) {
        CheckResult result = check(GoldenHistories.load(name));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo("nonlinearizable"))
                .satisfies(a -> assertThat(a.message()).startsWith("key k1: ").contains(stuck));
        assertThat(result.counterexample()).contains("Operations around it:").contains(stuck.substring(3,
                stuck.indexOf(" by process")));
    }

    @Test
    void check_writeAfterDelete_startsOverAtVersionOne() {
        assertThat(verdict(recorder -> {
            run(recorder, 0, "write", "a", 1L);
            run(recorder, 0, "write", "b", 2L);
            run(recorder, 0, "delete", null, true);
            run(recorder, 0, "write", "c", 1L);
            run(recorder, 0, "read", null, Map.of("version", 1, "value", "c"));
        })).isEqualTo(Verdict.VALID);
    }

    @Test
    void check_writeAfterDeleteKeepingTheOldVersion_isInvalid() {
        assertThat(verdict(recorder -> {
            run(recorder, 0, "write", "a", 1L);
            run(recorder, 0, "delete", null, true);
            run(recorder, 0, "write", "b", 2L);
        })).isEqualTo(Verdict.INVALID);
    }

    @Test
    void check_infoWriteSeenLater_movesTheVersionOfLaterWrites() {
        assertThat(verdict(recorder -> {
            run(recorder, 0, "create", "a", 1L);
            recorder.invoke(1, "write", "k", "b");
            recorder.info(1, "b");
            // Only if the info write applied can this write be version 3.
            run(recorder, 2, "write", "c", 3L);
        })).isEqualTo(Verdict.VALID);
    }

    @Test
    void check_deleteThatFoundNothingWhilePresent_isInvalid() {
        assertThat(verdict(recorder -> {
            run(recorder, 0, "create", "a", 1L);
            run(recorder, 1, "delete", null, false);
        })).isEqualTo(Verdict.INVALID);
    }

    @Test
    void check_unknownOperation_isUnknownUnsupported() {
        CheckResult result = check(recorded(recorder -> run(recorder, 0, "incr", 1, null)));

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.anomalies()).extracting(Anomaly::kind).containsExactly("unsupported");
    }

    @Test
    void check_readWithoutAVersion_isUnknownUnsupported() {
        CheckResult result = check(recorded(recorder -> run(recorder, 0, "read", null, "a")));

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.anomalies().get(0).message()).contains("{\"version\":n,\"value\":v}");
    }

    @ParameterizedTest
    @CsvSource({
        // f, invoke value as JSON, the version the key surely has (0: absent), expected verdict of "ok false"
        "cas, '[1, \"x\"]', 1, INVALID",
        "cas, '[2, \"x\"]', 1, VALID",
        "cas, '[0, \"x\"]', 0, INVALID",
        "create, '\"x\"', 1, VALID",
        "create, '\"x\"', 0, INVALID",
        "delete-if, '1', 1, INVALID",
        "delete-if, '3', 1, VALID"})
    void check_conditionalWriteAnsweredOkFalse_isAnObservationOfAnotherVersion(String f, String value, int version,
                                                                              Verdict expected) throws Exception {
        Object call = new ObjectMapper().readTree(value);
        Verdict verdict = verdict(recorder -> {
            if (version == 1) {
                run(recorder, 0, "write", "a", 1);
            }
            run(recorder, 1, f, call, false);
            run(recorder, 0, "read", null, version == 1 ? Map.of("version", 1, "value", "a") : null);
        });

        assertThat(verdict).isEqualTo(expected);
    }

    private static Verdict verdict(Consumer<HistoryRecorder> script) {
        return check(recorded(script)).verdict();
    }

    private static History recorded(Consumer<HistoryRecorder> script) {
        HistoryRecorder recorder = HistoryRecorder.start();
        script.accept(recorder);
        return History.of(recorder.events());
    }

    private static void run(HistoryRecorder recorder, int process, String f, Object value, Object answer) {
        recorder.invoke(process, f, "k", value);
        recorder.ok(process, answer);
    }
}
