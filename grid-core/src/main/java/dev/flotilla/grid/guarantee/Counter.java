package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;

/**
 * A counter that only grows, starting at 0.
 *
 * <p>Every failure is a {@link GridException}; it is definite only when the increment surely did not take effect.
 */
public interface Counter {
    /**
     * Adds {@code delta} and returns the value the mode observed right after it.
     *
     * @throws GridException {@link GridFailure#INVALID_ARGUMENT} (definite) when {@code delta <= 0}
     */
    long incrementBy(long delta);

    /** The current value (0 before the first increment). */
    long read();
}
