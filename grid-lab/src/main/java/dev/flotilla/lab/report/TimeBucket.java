package dev.flotilla.lab.report;

/**
 * What completed during one slice of the run (by completion time).
 *
 * @param startNanos slice start on the run's clock
 * @param ok         ok completions in the slice
 * @param fail       fail completions
 * @param info       info completions
 * @param p50Millis  median latency of the slice's completions (0 when none)
 * @param p99Millis  99th percentile latency (0 when none)
 */
public record TimeBucket(long startNanos, int ok, int fail, int info, double p50Millis, double p99Millis) {
}
