package dev.flotilla.lab.workload;

import dev.flotilla.grid.guarantee.Accounts;
import dev.flotilla.grid.guarantee.Counter;
import dev.flotilla.grid.guarantee.GrowSet;
import dev.flotilla.grid.guarantee.Register;
import dev.flotilla.grid.map.TxOperation;

import java.util.List;

/**
 * What a workload's client runs against: one guarantee mode's operation families and the document API, on one
 * cluster (members in the lab's JVM, or node processes reached through the product's HTTP client).
 *
 * <p>The families are grid-core's own interfaces, so a workload is written once for both cluster kinds. Every call
 * may throw a {@link dev.flotilla.grid.GridException} or a {@link dev.flotilla.client.FlotillaException}; either
 * says with {@code definite()} whether the operation surely did not take effect.
 */
public interface Target {

    /** Bank accounts under the target's mode, inside {@code namespace}. */
    Accounts accounts(String namespace);

    /** Keyed long registers under the target's mode, inside {@code namespace}. */
    Register register(String namespace);

    /** The grow-only set under the target's mode, inside {@code namespace}. */
    GrowSet set(String namespace);

    /** The counter under the target's mode, inside {@code namespace}. */
    Counter counter(String namespace);

    /** The versioned document map of that name (the product's document API; the mode does not apply). */
    Documents documents(String map);

    /**
     * Runs {@code operations} as one product map transaction under the target's mode ({@code tx-one-phase} or
     * {@code tx-two-phase}; the product refuses the others); answers, per operation in order, a get's document
     * as JSON text (null when absent) and null for writes.
     */
    List<String> transaction(List<TxOperation> operations);
}
