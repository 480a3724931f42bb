package dev.flotilla.lab.nemesis;

import java.time.Duration;
import java.util.List;

/**
 * A nemesis' schedule.
 *
 * @param interval    time between the starts of two faults (the first fault starts one interval into the run)
 * @param sizes       cluster sizes the {@code join} nemesis grows through, e.g. {@code [2, 3, 5]}; others ignore it
 * @param settleLimit longest wait for the cluster to become safe after a fault before the next step goes on
 * @param seed        picks which member each fault hits, so a schedule repeats
 */
public record NemesisSettings(Duration interval, List<Integer> sizes, Duration settleLimit, long seed) {

    /** Validates and copies. */
    public NemesisSettings {
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        sizes = List.copyOf(sizes == null ? List.of() : sizes);
        if (settleLimit == null || settleLimit.isNegative() || settleLimit.isZero()) {
            throw new IllegalArgumentException("settleLimit must be positive, was " + settleLimit);
        }
    }
}
