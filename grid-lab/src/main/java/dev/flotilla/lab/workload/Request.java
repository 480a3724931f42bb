package dev.flotilla.lab.workload;

import java.util.Objects;

/**
 * One operation a generator asks a client to run, in the history's vocabulary.
 *
 * @param f     the operation name written to the history, e.g. {@code incr}, {@code read}, {@code cas}
 * @param key   the key it is on, or null for single-object workloads (counter, set)
 * @param value the invoke value: the delta, the element, the written value, {@code [expected, new]}, ...
 */
public record Request(String f, String key, Object value) {

    /** Checks that the operation has a name. */
    public Request {
        Objects.requireNonNull(f, "f");
    }
}
