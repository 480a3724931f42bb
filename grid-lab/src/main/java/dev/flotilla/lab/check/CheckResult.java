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

    /** Returns true only for VALID; UNKNOWN is not a pass. */
    public boolean isValid() {
        return verdict == Verdict.VALID;
    }
}
