package dev.flotilla.grid.guarantee;

import com.hazelcast.core.IFunction;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** A set bucket: a sorted {@code long[]} without duplicates ({@code null} is the empty bucket). */
final class SortedLongs {
    private SortedLongs() {
    }

    static boolean contains(long[] bucket, long element) {
        return bucket != null && Arrays.binarySearch(bucket, element) >= 0;
    }

    /** The bucket with the element inserted in order; the same array when it is already there. */
    static long[] with(long[] bucket, long element) {
        if (bucket == null) {
            return new long[]{element};
        }
        int at = Arrays.binarySearch(bucket, element);
        if (at >= 0) {
            return bucket;
        }
        int insertion = -at - 1;
        long[] grown = new long[bucket.length + 1];
        System.arraycopy(bucket, 0, grown, 0, insertion);
        grown[insertion] = element;
        System.arraycopy(bucket, insertion, grown, insertion + 1, bucket.length - insertion);
        return grown;
    }

    /** The union of the buckets, ascending and unmodifiable. */
    static SortedSet<Long> union(Collection<long[]> buckets) {
        TreeSet<Long> all = new TreeSet<>();
        for (long[] bucket : buckets) {
            if (bucket != null) {
                for (long element : bucket) {
                    all.add(element);
                }
            }
        }
        return Collections.unmodifiableSortedSet(all);
    }

    /** Adds one element to a bucket held by a CP reference: runs inside the (Raft) state machine, so deterministic. */
    record Add(long element) implements IFunction<long[], long[]> {
        @Override
        public long[] apply(long[] bucket) {
            return with(bucket, element);
        }
    }
}
