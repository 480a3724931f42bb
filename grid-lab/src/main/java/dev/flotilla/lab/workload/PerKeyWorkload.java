package dev.flotilla.lab.workload;

import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.check.Checker;
import dev.flotilla.lab.check.CheckerOptions;
import dev.flotilla.lab.check.Checkers;
import dev.flotilla.lab.history.History;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A workload of independent keys {@code <prefix>0..<prefix>(n-1)} whose history is checked for linearizability
 * per key: what the register and documents workloads share (the keys, one final read per key, the checker of
 * {@link #model()} with its budget, the summary).
 */
abstract class PerKeyWorkload implements Workload {
    /** Per-key searches of these short runs decide in milliseconds; a larger budget only delays an UNKNOWN. */
    private static final Duration CHECK_BUDGET = Duration.ofSeconds(30);

    private final String keyPrefix;

    PerKeyWorkload(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    /** The name of key {@code index}. */
    final String key(int index) {
        return keyPrefix + index;
    }

    /** Every key of a run, in order. */
    final List<String> keys(WorkloadSettings settings) {
        return IntStream.range(0, settings.keys()).mapToObj(this::key).toList();
    }

    @Override
    public final List<Request> finalReads(WorkloadSettings settings) {
        return keys(settings).stream().map(key -> new Request("read", key, null)).toList();
    }

    @Override
    public final Checker checker(WorkloadSettings settings) {
        return Checkers.byName(model(), CheckerOptions.defaults().withBudget(CHECK_BUDGET));
    }

    @Override
    public final String summarize(WorkloadSettings settings, History history, CheckResult result) {
        return FinalRead.summarizePerKey(history, result, keys(settings));
    }
}
