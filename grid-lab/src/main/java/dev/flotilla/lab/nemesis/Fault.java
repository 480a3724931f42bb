package dev.flotilla.lab.nemesis;

/**
 * One fault window, on the run's clock (nanoseconds since the history started).
 *
 * @param kind       {@code join}, {@code leave}, {@code crash}, {@code lose-majority}, ...
 * @param detail     what was done, for people (which member, sizes before and after)
 * @param startNanos when the fault was injected
 * @param endNanos   when the cluster was safe again after it (or when the nemesis gave up waiting)
 */
public record Fault(String kind, String detail, long startNanos, long endNanos) {
}
