package dev.flotilla.lab.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;
import dev.flotilla.lab.history.HistoryFile;
import dev.flotilla.lab.history.HistoryRecorder;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Compares the real checker with a brute-force search on thousands of tiny random histories. */
class LinearizabilityCrossCheckTest {

    @Test
    void linearizabilityChecker_tinyRandomHistories_agreesWithBruteForce() {
        Checker checker = Checkers.casRegister(Duration.ofSeconds(10));
        Random random = new Random(42);
        int valid = 0;
        int invalid = 0;
        for (int round = 0; round < 10_000; round++) {
            History history = randomHistory(random, 2 + random.nextInt(7));
            boolean expected = BruteForceLinearizability.isLinearizable(history);

            CheckResult result = checker.check(history);

            assertThat(result.verdict())
                    .as(() -> "round " + result + "\n" + lines(history))
                    .isEqualTo(history.operations().stream().noneMatch(Operation::isOk) ? Verdict.UNKNOWN
                            : expected ? Verdict.VALID : Verdict.INVALID);
            if (expected) {
                valid++;
            } else {
                invalid++;
            }
        }
        // Both kinds must be well represented, or the comparison proves little.
        assertThat(valid).isGreaterThan(1_000);
        assertThat(invalid).isGreaterThan(1_000);
    }

    /** Random operations with random results on one key: often not linearizable, sometimes is. */
    private static History randomHistory(Random random, int operations) {
        HistoryRecorder recorder = HistoryRecorder.start();
        int processes = 1 + random.nextInt(3);
        int[] process = new int[processes];
        String[] f = new String[processes];
        boolean[] busy = new boolean[processes];
        for (int p = 0; p < processes; p++) {
            process[p] = p;
        }
        int next = processes;
        int invoked = 0;
        int inFlight = 0;
        while (invoked < operations || inFlight > 0) {
            int p = random.nextInt(processes);
            if (!busy[p]) {
                if (invoked == operations) {
                    continue;
                }
                int dice = random.nextInt(3);
                f[p] = dice == 0 ? "read" : dice == 1 ? "write" : "cas";
                Object value = switch (f[p]) {
                    case "read" -> null;
                    case "write" -> value(random);
                    default -> JsonNodeFactory.instance.arrayNode().add(value(random)).add(value(random));
                };
                recorder.invoke(process[p], f[p], null, value);
                busy[p] = true;
                invoked++;
                inFlight++;
            } else {
                int outcome = random.nextInt(10);
                if (outcome == 0) {
                    recorder.info(process[p], null);
                    process[p] = next++;
                } else if (outcome == 1 && !f[p].equals("read")) {
                    recorder.fail(process[p], null);
                } else {
                    recorder.ok(process[p], f[p].equals("read") ? readValue(random) : null);
                }
                busy[p] = false;
                inFlight--;
            }
        }
        return recorder.history();
    }

    private static IntNode value(Random random) {
        return IntNode.valueOf(1 + random.nextInt(3));
    }

    private static Object readValue(Random random) {
        return random.nextInt(5) == 0 ? NullNode.getInstance() : value(random);
    }

    private static String lines(History history) {
        StringBuilder out = new StringBuilder();
        history.events().forEach(e -> out.append(HistoryFile.toLine(e)).append('\n'));
        return out.toString();
    }
}
