package dev.flotilla.lab.report;

/**
 * The cluster's member count from {@code nanos} on (until the next sample).
 *
 * @param nanos   time on the run's clock
 * @param members running members
 */
public record SizeSample(long nanos, int members) {
}
