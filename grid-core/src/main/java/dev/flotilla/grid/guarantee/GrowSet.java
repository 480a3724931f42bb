package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.GridException;

import java.util.SortedSet;

/**
 * A grow-only set of longs: elements are added, never removed.
 *
 * <p>Elements live in a fixed number of buckets (one map entry or one CP reference each), so an add is a
 * read-modify-write of one bucket under the mode's rules: that is what makes the modes differ here. Every failure
 * is a {@link GridException}; it is definite only when the add surely did not take effect.
 */
public interface GrowSet {
    /** Adds the element; adding an element already present changes nothing. */
    void add(long element);

    /** Every element, ascending; unmodifiable. */
    SortedSet<Long> readAll();
}
