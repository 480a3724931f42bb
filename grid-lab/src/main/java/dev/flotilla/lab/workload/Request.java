package dev.flotilla.lab.workload;

import java.util.List;
import java.util.Objects;

/**
 * One operation a generator asks a client to run, in the history's vocabulary.
 *
 * <p>A <b>batch</b> is one call to the system that covers several keys and is not atomic (a batch get or put).
 * Its {@code parts} are the per-key operations that go into the history: {@link ClientProcess} records each part
 * under a fresh process id, invokes them all before the call and completes them all after it, so each key's
 * sub-history stays sound for per-key checking.
 *
 * @param f     the operation name written to the history, e.g. {@code incr}, {@code read}, {@code cas}; for a
 *              batch, the call's name (not recorded)
 * @param key   the key it is on, or null for single-object workloads (counter, set) and for a batch
 * @param value the invoke value: the delta, the element, the written value, {@code [expected, new]}, ...
 * @param parts a batch's per-key operations (none of them a batch); empty for a single operation
 */
public record Request(String f, String key, Object value, List<Request> parts) {

    /** Checks that the operation has a name and that no part is itself a batch. */
    public Request {
        Objects.requireNonNull(f, "f");
        parts = List.copyOf(parts);
        if (parts.stream().anyMatch(Request::isBatch)) {
            throw new IllegalArgumentException("a batch part cannot be a batch: " + f);
        }
    }

    /** A single operation on {@code key} (null for single-object workloads). */
    public Request(String f, String key, Object value) {
        this(f, key, value, List.of());
    }

    /** A batch call named {@code f} made of one operation per key; throws when {@code parts} is empty. */
    public static Request batch(String f, List<Request> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one part: " + f);
        }
        return new Request(f, null, null, parts);
    }

    /** True for a batch: one call, recorded as one operation per part. */
    public boolean isBatch() {
        return !parts.isEmpty();
    }
}
