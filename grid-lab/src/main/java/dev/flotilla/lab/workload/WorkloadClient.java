package dev.flotilla.lab.workload;

import java.util.List;

/**
 * Runs a workload's requests against one guarantee mode's operations. Thread-safe: all workers share one client.
 */
public interface WorkloadClient {

    /** Prepares the data the workload starts from (e.g. opens the bank accounts); not recorded in the history. */
    default void setUp() {
    }

    /**
     * Runs one request and says whether it took effect.
     *
     * @throws RuntimeException when the outcome is unknown or the call failed; a definite
     *                          {@link dev.flotilla.grid.GridException} is recorded as fail, anything else as info
     */
    Outcome apply(Request request);

    /**
     * Runs a batch ({@link Request#isBatch()}) as one call and says how each part completed, in the order of
     * {@code batch.parts()}; a thrown exception applies to every part. Clients of workloads without batches keep
     * this default, which refuses.
     *
     * @throws RuntimeException as {@link #apply}: a definite failure is recorded as fail for every part, anything
     *                          else as info
     */
    default List<Outcome> applyBatch(Request batch) {
        throw new UnsupportedOperationException("this client runs no batches, asked for " + batch.f());
    }
}
