package dev.flotilla.client;

/**
 * The keyed long registers of one namespace under one guarantee mode, reached over HTTP through any node
 * ({@code /registers/{namespace}/{key}}); a register never written reads as {@code null}.
 *
 * <p>Every operation keeps exactly what its mode promises during migration, member loss and split brain, no more
 * ({@code docs/guarantees.md}; the lab's {@code register} workload measures it): {@code atomic-key}, the
 * transactional and the CP modes make each operation atomic on its key, {@code unsafe} makes no promise under
 * concurrency, only {@code cp} (3+ CP members) stays linearizable through the crash of a minority, and in a split
 * brain every map-based mode keeps one side's value after the merge.
 *
 * <p>Failures are {@link FlotillaException}s, definite only when the operation surely did not take effect (bad
 * key, unknown mode or a mode the grid cannot run, such as {@code cp} without CP members: {@code 400}); a write
 * whose outcome stays unknown after the retries is an {@link IndeterminateResultException}. Writes carry the
 * client's idempotency key, so a retried write is applied at most once within the node's window.
 */
public interface RemoteRegister {
    /**
     * The register's value, or {@code null} when it was never written; as fresh as the mode allows (a read during
     * migration or after a member loss sees the acknowledged writes its mode keeps). Retried freely.
     */
    Long read(String key);

    /**
     * Sets the register; applied at most once with the client's idempotency key, and kept through migration,
     * member loss and split brain only as far as the mode promises (docs/guarantees.md).
     */
    void write(String key, long value);

    /**
     * Writes {@code newValue} only if the register holds {@code expected} ({@code null}: only if never written);
     * applied at most once with the client's idempotency key, atomic as far as the mode promises.
     *
     * @return true when written; false when surely not written (the register held another value). Under
     *         {@code atomic-key} a call Hazelcast retried after its member left mid-call can answer false although
     *         it was applied (docs/guarantees.md)
     */
    boolean compareAndSet(String key, Long expected, long newValue);
}
