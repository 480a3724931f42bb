package dev.flotilla.lab.workload;

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
}
