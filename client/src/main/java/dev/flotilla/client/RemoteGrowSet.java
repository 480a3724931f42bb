package dev.flotilla.client;

import java.util.SortedSet;

/**
 * The grow-only set of longs of one namespace under one guarantee mode, reached over HTTP through any node
 * ({@code /sets/{namespace}}): elements are added, never removed.
 *
 * <p>Every operation keeps exactly what its mode promises during migration, member loss and split brain, no more
 * ({@code docs/guarantees.md}; the lab's {@code set} workload measures it): an add is a read-modify-write of one of
 * the set's buckets under the mode's rules, so {@code unsafe} can lose acknowledged adds under concurrency, the
 * atomic modes keep them while the cluster is stable, a crash keeps them as the mode's backups allow, and a split
 * brain keeps one side's buckets after the merge.
 *
 * <p>Failures are {@link FlotillaException}s, definite only when the add surely did not take effect; an add whose
 * outcome stays unknown after the retries is an {@link IndeterminateResultException}. Adds carry the client's
 * idempotency key (and adding an element twice changes nothing anyway).
 */
public interface RemoteGrowSet {
    /**
     * Adds the element (adding one already present changes nothing); applied at most once with the client's
     * idempotency key, and kept through migration, member loss and split brain as far as the mode promises.
     */
    void add(long element);

    /**
     * Every element, ascending; unmodifiable. Holds every add its mode kept (docs/guarantees.md); retried freely.
     */
    SortedSet<Long> readAll();
}
