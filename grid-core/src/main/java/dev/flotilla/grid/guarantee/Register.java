package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;

/**
 * Keyed registers holding a long; a register never written reads as {@code null}.
 *
 * <p>Every failure is a {@link GridException}; it is definite only when the operation surely did not take effect.
 * Keys follow {@link dev.flotilla.grid.map.EntryNames#requireKey(String)}; the CP modes also refuse '@' (it names a
 * CP group in Hazelcast).
 */
public interface Register {
    /** The current value, or {@code null} when the register was never written. */
    Long read(String key);

    /** Sets the value. */
    void write(String key, long value);

    /**
     * Sets {@code newValue} only if the register holds {@code expected} ({@code null}: only if never written).
     *
     * @return true when written, false (surely not written) when the current value differs
     * @throws GridException {@link GridFailure#INVALID_KEY} (definite) for a bad key; not definite when the outcome
     *                       is unknown
     */
    boolean compareAndSet(String key, Long expected, long newValue);
}
