package dev.flotilla.lab.workload;

import dev.flotilla.lab.check.CheckResult;
import dev.flotilla.lab.check.Checker;
import dev.flotilla.lab.history.History;
import dev.flotilla.lab.history.Operation;

import java.util.List;

/**
 * A consistency workload: a generator of requests, a client that runs them under a guarantee mode, the final
 * reads made once every fault has healed, and the checker that judges the history (Jepsen's and Maelstrom's
 * generator + client + checker). Implementations are stateless and thread-safe; get them from {@link Workloads}.
 */
public interface Workload {

    /** The registry name, e.g. {@code bank}. */
    String name();

    /** The checker's model name as {@code check --model} knows it, e.g. {@code cas-register}. */
    String model();

    /**
     * The deterministic request source of client worker {@code worker} (0-based): the same settings, seed and
     * worker always give the same sequence.
     */
    Generator generator(WorkloadSettings settings, long seed, int worker);

    /** The client that runs this workload's requests on {@code target}, under {@code settings.namespace()}. */
    WorkloadClient client(WorkloadSettings settings, Target target);

    /** The reads made after the faults healed and the cluster is safe again, in order. */
    List<Request> finalReads(WorkloadSettings settings);

    /** The checker with its parameters bound (for example the bank total). */
    Checker checker(WorkloadSettings settings);

    /**
     * One short line on what the history shows, in the workload's own terms: "lost 12 acknowledged adds",
     * "money +340", "final 980 within [975, 990]". Never null.
     */
    String summarize(WorkloadSettings settings, History history, CheckResult result);

    /**
     * The acknowledged operations whose effect the final state does not hold (an acknowledged add missing from
     * the final read), so the report can tell when each was acknowledged relative to the faults. Empty when the
     * workload cannot name lost operations one by one (a counter loses a count, not an operation).
     */
    default List<Operation> lostAcknowledged(WorkloadSettings settings, History history) {
        return List.of();
    }

    /** Whether {@link #lostAcknowledged} names lost operations (else an empty list says nothing). */
    default boolean namesLostOperations() {
        return false;
    }
}
