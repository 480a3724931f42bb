package dev.flotilla.lab.check;

import java.util.List;
import java.util.Objects;

/**
 * What a checker decided about a history.
 *
 * @param verdict valid, invalid or unknown
 * @param anomalies what was wrong or undecided; empty when valid
 * @param counterexample a short readable explanation of the first violation; empty when there is none
 * @param operations how many operations the checker looked at
 * @param elapsedMillis how long the check took
 */
public record CheckResult(Verdict verdict, List<Anomaly> anomalies, String counterexample, int operations,
                          long elapsedMillis) {

    /** Validates the fields and copies the anomaly list. */
    public CheckResult {
        Objects.requireNonNull(verdict, "verdict");
        anomalies = List.copyOf(anomalies);
        counterexample = counterexample == null ? "" : counterexample;
    }

    /**
     * An UNKNOWN result with one anomaly and no counterexample: the checker could not decide (an unsupported
     * operation, a malformed value, nothing to check).
     */
    static CheckResult unknown(String kind, String message, int operations, long startNanos) {
        return new CheckResult(Verdict.UNKNOWN, List.of(new Anomaly(kind, message)), "", operations,
                millisSince(startNanos));
    }

    /** Milliseconds since {@code startNanos} ({@link System#nanoTime()}): a checker's elapsed time. */
    static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** Returns true only for VALID; UNKNOWN is not a pass. */
    public boolean isValid() {
        return verdict == Verdict.VALID;
    }
}
