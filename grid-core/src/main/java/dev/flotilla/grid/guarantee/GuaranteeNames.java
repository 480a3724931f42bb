package dev.flotilla.grid.guarantee;

import dev.flotilla.grid.GridException;
import dev.flotilla.grid.GridFailure;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Where a namespace's data lives: map names, the set's bucket keys, CP structure names.
 *
 * <p>Map names are {@code <namespace>.bank}, {@code .register}, {@code .set} and {@code .counter}; CP names use the
 * same stems, plus {@code .<key>} for a register and {@code .<bucket>} for a set bucket.
 */
record GuaranteeNames(String namespace) {
    /** Longest namespace, so that every derived map name stays within the 64-character map name limit. */
    static final int MAX_NAMESPACE_LENGTH = 48;
    /** Number of buckets the grow-only set is spread over. */
    static final int SET_BUCKETS = 16;
    /** The single key of the counter map. */
    static final String COUNTER_KEY = "value";

    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0," + (MAX_NAMESPACE_LENGTH - 1) + "}");
    private static final List<String> BUCKETS = IntStream.range(0, SET_BUCKETS)
            .mapToObj(i -> String.format("bucket-%02d", i)).toList();

    static String requireNamespace(String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "namespace must be 1-" + MAX_NAMESPACE_LENGTH
                    + " letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        return namespace;
    }

    String bankMap() {
        return namespace + ".bank";
    }

    String registerMap() {
        return namespace + ".register";
    }

    String setMap() {
        return namespace + ".set";
    }

    String counterMap() {
        return namespace + ".counter";
    }

    String cpRegister(String key) {
        return registerMap() + "." + key;
    }

    String cpSetBucket(String bucket) {
        return setMap() + "." + bucket;
    }

    /** Every bucket key of the set, in order. */
    static List<String> buckets() {
        return BUCKETS;
    }

    /** The bucket an element belongs to. */
    static String bucketOf(long element) {
        return BUCKETS.get(Math.floorMod(Long.hashCode(element * 0x9E3779B97F4A7C15L), SET_BUCKETS));
    }
}
