package dev.flotilla.lab.nemesis;

import java.time.Duration;
import java.util.List;

/**
 * A nemesis' schedule.
 *
 * @param interval    time between the starts of two faults (the first fault starts one interval into the run)
 * @param sizes       cluster sizes the {@code join} nemesis grows through, e.g. {@code [2, 3, 5]}; others ignore it
 * @param settleLimit longest wait for the cluster to become safe after a fault before the next step goes on
 * @param pauseFor    how long the {@code pause} nemesis keeps a node stopped; others ignore it
 * @param seed        picks which member each fault hits, so a schedule repeats
 * @param shape       the sides of each cut of the {@code partition} nemesis; others ignore it
 * @param partitionFor how long the {@code partition} nemesis keeps the sides apart before it heals; others ignore it
 */
public record NemesisSettings(Duration interval, List<Integer> sizes, Duration settleLimit, Duration pauseFor,
                              long seed, PartitionShape shape, Duration partitionFor) {

    /** Validates and copies. */
    public NemesisSettings {
        positive("interval", interval);
        sizes = List.copyOf(sizes == null ? List.of() : sizes);
        positive("settleLimit", settleLimit);
        positive("pauseFor", pauseFor);
        positive("partitionFor", partitionFor);
        if (shape == null) {
            throw new IllegalArgumentException("shape must be set");
        }
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
