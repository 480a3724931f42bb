package dev.flotilla.client;

/**
 * The counter of one namespace under one guarantee mode, reached over HTTP through any node
 * ({@code /counters/{namespace}}): it only grows, starting at 0.
 *
 * <p>Every operation keeps exactly what its mode promises during migration, member loss and split brain, no more
 * ({@code docs/guarantees.md}; the lab's {@code counter} workload measures it): {@code unsafe} loses increments
 * under concurrency, the map-based atomic modes can apply an increment twice when its member dies mid-call, only
 * {@code cp} (3+ CP members) applies each increment once or not at all through the crash of a minority, and a
 * split brain keeps one side's count after the merge.
 *
 * <p>Failures are {@link FlotillaException}s, definite only when the increment surely did not take effect
 * ({@code delta <= 0}, an unknown or unfit mode: {@code 400}); an increment whose outcome stays unknown after the
 * retries is an {@link IndeterminateResultException}. Increments carry the client's idempotency key, so a retried
 * increment is applied at most once within the node's window.
 */
public interface RemoteCounter {
    /**
     * Adds {@code delta} (1 or more) and returns the value its mode observed right after it; applied at most once
     * with the client's idempotency key, and kept through migration, member loss and split brain as far as the
     * mode promises (docs/guarantees.md).
     */
    long incrementBy(long delta);

    /** The current value (0 before the first increment), as fresh as the mode allows; retried freely. */
    long read();
}
