package dev.flotilla.lab.report;

/**
 * Latency percentiles of completed operations, in milliseconds (0 when nothing completed).
 *
 * @param p50Millis median
 * @param p99Millis 99th percentile
 * @param maxMillis slowest
 */
public record Latency(double p50Millis, double p99Millis, double maxMillis) {
}
