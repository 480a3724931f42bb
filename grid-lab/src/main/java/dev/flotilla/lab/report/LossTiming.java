package dev.flotilla.lab.report;

import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;
import dev.flotilla.lab.nemesis.Fault;

import java.util.List;
import java.util.Map;

/**
 * When the lost acknowledged operations were acknowledged, relative to the fault windows: before any fault, during a
 * fault (after it was injected, before the cluster reported it), or after the cluster had reported it (the
 * survivors had removed the member and every partition had an owner again). A loss of the last kind is not
 * explained by backup counts: the survivors had acknowledged it on a membership without the lost member.
 *
 * @param named         whether the workload names lost operations one by one (the set does; a counter loses a count,
 *                      and a linearizability checker judges the whole history): when false, every count is 0 and
 *                      says nothing
 * @param lost          lost acknowledged operations in all
 * @param beforeFault   acknowledged before the first fault was injected
 * @param duringFault   acknowledged inside a fault window, before the cluster reported it (or before the window
 *                      ended, for a window without a reported moment)
 * @param afterReported acknowledged after the cluster had reported the latest fault before it
 * @param invokedAfterFault of those acknowledged during or after a fault, the ones invoked after that fault began:
 *                      not a write that was in flight (applied by the doomed replicas, answered late) but one
 *                      the survivors took on afterwards
 */
public record LossTiming(boolean named, long lost, long beforeFault, long duringFault, long afterReported,
                         long invokedAfterFault) {
    /** The workload cannot name lost operations one by one. */
    public static final LossTiming NOT_NAMED = new LossTiming(false, 0, 0, 0, 0, 0);
    /** Lost operations are named, and none was lost. */
    public static final LossTiming NONE = new LossTiming(true, 0, 0, 0, 0, 0);

    /** Classifies each lost operation by the time of its ok line against the windows of every fault but heals and merges. */
    public static LossTiming of(List<Operation> lost, History history, List<Fault> faults) {
        if (lost.isEmpty()) {
            return NONE;
        }
        Map<Long, Long> timeByIndex = FaultCoverage.timeByIndex(history.events());
        // A merge window follows its partition: what was acknowledged then counts against the partition.
        List<Fault> windows = faults.stream().filter(f -> !f.kind().equals("heal") && !f.kind().equals("merge")).toList();
        long before = 0;
        long during = 0;
        long after = 0;
        long invokedAfter = 0;
        for (Operation op : lost) {
            long acknowledgedAt = timeByIndex.getOrDefault(op.completeIndex(), Long.MAX_VALUE);
            long invokedAt = timeByIndex.getOrDefault(op.invokeIndex(), Long.MIN_VALUE);
            Fault latest = null;
            for (Fault f : windows) {
                if (f.startNanos() <= acknowledgedAt && (latest == null || f.startNanos() >= latest.startNanos())) {
                    latest = f;
                }
            }
            if (latest == null) {
                before++;
                continue;
            }
            if (latest.beforeReported(acknowledgedAt)) {
                during++;
            } else {
                after++;
            }
            if (invokedAt >= latest.startNanos()) {
                invokedAfter++;
            }
        }
        return new LossTiming(true, lost.size(), before, during, after, invokedAfter);
    }

    /** "acknowledged 3 before the first fault, 5 during a fault, 4 after the cluster had reported it; 2 invoked ...", or "". */
    public String describe() {
        if (lost == 0) {
            return "";
        }
        return "acknowledged " + beforeFault + " before the first fault, " + duringFault + " during a fault, "
                + afterReported + " after the cluster had reported it; " + invokedAfterFault
                + " invoked after the fault began";
    }
}
