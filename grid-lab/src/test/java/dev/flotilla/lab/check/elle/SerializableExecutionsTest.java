package dev.flotilla.lab.check.elle;

import static dev.flotilla.lab.check.elle.TxnHistory.append;
import static dev.flotilla.lab.check.elle.TxnHistory.read;
import static dev.flotilla.lab.check.elle.TxnHistory.unknownRead;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.check.Verdict;
import dev.flotilla.lab.history.Event;
import dev.flotilla.lab.history.History;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Random strictly serializable executions are VALID under both levels; one planted anomaly is found by kind. */
class SerializableExecutionsTest {

    private static final ListAppendChecker SERIALIZABLE =
            new ListAppendChecker(Consistency.SERIALIZABLE, Duration.ofSeconds(30));
    private static final ListAppendChecker STRICT =
            new ListAppendChecker(Consistency.STRICT_SERIALIZABLE, Duration.ofSeconds(30));

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void randomSerializableExecution_isValid(long seed) {
        History history = History.of(SyntheticTransactions.generate(seed, 2_000, 8, 6));

        CheckResult serializable = SERIALIZABLE.check(history);
        CheckResult strict = STRICT.check(history);

        assertThat(serializable.verdict()).as("%s", serializable.anomalies()).isEqualTo(Verdict.VALID);
        assertThat(strict.verdict()).as("%s", strict.anomalies()).isEqualTo(Verdict.VALID);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void plantedG1c_isFoundWithItsTransactions(long seed) {
        List<Event> events = SyntheticTransactions.generate(seed, 2_000, 8, 6);
        int first = events.size() / 2; // transaction ids are invoke order; the planted pair comes last
        TxnHistory planted = new TxnHistory(events)
                .invoke(100, append("px", 1_000_001), unknownRead("py"))
                .invoke(101, append("py", 1_000_002), unknownRead("px"))
                .ok(100, append("px", 1_000_001), read("py", 1_000_002))
                .ok(101, append("py", 1_000_002), read("px", 1_000_001));

        CheckResult result = SERIALIZABLE.check(planted.history());

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("G1c");
            assertThat(a.message()).startsWith("T" + first + " ").contains("-wr px-> T" + (first + 1) + " (")
                    .contains("-wr py-> T" + first + " where");
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 1234})
    void plantedWriteSkew_isG2(long seed) {
        List<Event> events = SyntheticTransactions.generate(seed, 2_000, 8, 6);
        int first = events.size() / 2;
        TxnHistory planted = new TxnHistory(events)
                .invoke(100, unknownRead("px"), append("py", 1_000_001))
                .invoke(101, unknownRead("py"), append("px", 1_000_002))
                .ok(100, read("px"), append("py", 1_000_001))
                .ok(101, read("py"), append("px", 1_000_002))
                .txn(102, read("px", 1_000_002), read("py", 1_000_001));

        CheckResult result = SERIALIZABLE.check(planted.history());

        assertThat(result.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("G2");
            assertThat(a.message()).contains("T" + first + " ").contains("T" + (first + 1) + " ");
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void plantedStaleRead_isOnlyAStrictSerializabilityAnomaly(long seed) {
        List<Event> events = SyntheticTransactions.generate(seed, 2_000, 8, 6);
        TxnHistory planted = new TxnHistory(events)
                .txn(100, append("px", 1_000_001))
                .txn(101, read("px"))
                .txn(102, read("px", 1_000_001));

        assertThat(SERIALIZABLE.check(planted.history()).verdict()).isEqualTo(Verdict.VALID);
        CheckResult strict = STRICT.check(planted.history());
        assertThat(strict.anomalies()).singleElement()
                .satisfies(a -> assertThat(a.kind()).isEqualTo("G-single-realtime"));
    }
}
