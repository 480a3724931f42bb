package dev.flotilla.lab.report;

import dev.flotilla.lab.history.Event;
import dev.flotilla.lab.history.EventType;
import dev.flotilla.lab.history.History;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts, throughput and latency of a history, overall and per time slice. Pure: computed from the events alone.
 *
 * @param counts     how operations completed
 * @param throughput ok completions per second over {@code runNanos}
 * @param latency    percentiles over every completed operation
 * @param timeline   per-slice completions and latency percentiles, by completion time
 */
public record RunMetrics(Counts counts, double throughput, Latency latency, List<TimeBucket> timeline) {

    /** The metrics of {@code history} for a run of {@code runNanos}, in slices of {@code sliceNanos}. */
    public static RunMetrics of(History history, long runNanos, long sliceNanos) {
        if (sliceNanos <= 0) {
            throw new IllegalArgumentException("sliceNanos must be positive, was " + sliceNanos);
        }
        int slices = (int) Math.max(1, (runNanos + sliceNanos - 1) / sliceNanos);
        List<List<Long>> latencies = new ArrayList<>();
        int[][] kinds = new int[slices][3];
        for (int i = 0; i < slices; i++) {
            latencies.add(new ArrayList<>());
        }
        List<Long> all = new ArrayList<>();
        Map<Integer, Long> invokedAt = new HashMap<>();
        int invoked = 0;
        int ok = 0;
        int fail = 0;
        int okInRun = 0;
        for (Event event : history.events()) {
            if (event.type() == EventType.INVOKE) {
                invoked++;
                invokedAt.put(event.process(), event.time());
                continue;
            }
            long latency = event.time() - invokedAt.getOrDefault(event.process(), event.time());
            all.add(latency);
            int kind = switch (event.type()) {
                case OK -> 0;
                case FAIL -> 1;
                default -> 2;
            };
            ok += kind == 0 ? 1 : 0;
            fail += kind == 1 ? 1 : 0;
            int slice = (int) (event.time() / sliceNanos);
            if (slice < slices) {
                kinds[slice][kind]++;
                latencies.get(slice).add(latency);
                okInRun += kind == 0 ? 1 : 0;
            }
        }
        List<TimeBucket> timeline = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            long[] sorted = sorted(latencies.get(i));
            timeline.add(new TimeBucket(i * sliceNanos, kinds[i][0], kinds[i][1], kinds[i][2],
                    millis(percentile(sorted, 50)), millis(percentile(sorted, 99))));
        }
        long[] sortedAll = sorted(all);
        Latency latency = new Latency(millis(percentile(sortedAll, 50)), millis(percentile(sortedAll, 99)),
                millis(sortedAll.length == 0 ? 0 : sortedAll[sortedAll.length - 1]));
        // Operations that never completed are info too.
        Counts counts = new Counts(invoked, ok, fail, invoked - ok - fail);
        double throughput = runNanos <= 0 ? 0 : okInRun / (runNanos / 1e9);
        return new RunMetrics(counts, throughput, latency, timeline);
    }

    private static long[] sorted(List<Long> values) {
        long[] out = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(out);
        return out;
    }

    /** Nearest-rank percentile; 0 for no values. */
    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e4) / 100.0;
    }
}
