package dev.flotilla.lab.nemesis;

import java.util.List;

/**
 * One fault window, on the run's clock (nanoseconds since the history started).
 *
 * @param kind          {@code join}, {@code leave}, {@code crash}, {@code kill}, {@code pause}, {@code restart}, ...
 * @param nodes         the members it hit, by label (empty for none, e.g. a join names the newcomers)
 * @param detail        what was done, for people (sizes before and after, whether it settled)
 * @param startNanos    when the fault was injected
 * @param reportedNanos when the cluster had reported it (the survivors removed the member and every partition had
 *                      an owner again), or -1 when that was never seen or does not apply (a join)
 * @param endNanos      when the cluster was safe again after it (or when the nemesis gave up waiting)
 */
public record Fault(String kind, List<String> nodes, String detail, long startNanos, long reportedNanos,
                    long endNanos) {

    /** Copies the node list. */
    public Fault {
        nodes = List.copyOf(nodes == null ? List.of() : nodes);
    }

    /** A window with no reported moment (a join, a replacement). */
    public Fault(String kind, List<String> nodes, String detail, long startNanos, long endNanos) {
        this(kind, nodes, detail, startNanos, -1, endNanos);
    }

    /** Whether the operation completing at {@code nanos} completed inside this window, before the report. */
    public boolean beforeReported(long nanos) {
        return nanos >= startNanos && (reportedNanos < 0 ? nanos <= endNanos : nanos < reportedNanos);
    }
}
