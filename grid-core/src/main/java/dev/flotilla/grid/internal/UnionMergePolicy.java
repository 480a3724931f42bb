package dev.flotilla.grid.internal;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * The {@code union} merge policy ({@link dev.flotilla.grid.MergePolicy#UNION}): when a split brain heals, a key
 * both sides hold as {@code long[]} gets the union of both arrays' elements, ascending and without duplicates.
 *
 * <p>That is the merge a grow-only set needs, and the set of the map-based guarantee modes is stored so: an
 * {@code IMap<String, long[]>} of sorted buckets, each only ever grown. With {@code put-if-absent} every element
 * added on the smaller side to a bucket the larger side also holds is lost; with the union, an add acknowledged on
 * either side survives. (The {@code cp} and {@code cp-unsafe} modes keep their set in CP references, not in a map:
 * no map merge policy reaches them.)
 *
 * <p>Anything else is merged as {@code put-if-absent} merges it, on purpose: a key only the merging side holds is
 * added, and for every other pair of values (documents in their versioned envelopes, numbers, a {@code long[]} met by
 * another type) the destination's value stays and the merging one is dropped. Nothing else Flotilla stores is a set,
 * and a union of values that are not sets (two versions of one document) would invent a value neither side wrote.
 * Do not give this policy to a map of {@code long[]} that are not sets (ordered readings, say): it would sort and
 * deduplicate them. Deletes are not seen, as by every policy; a grow-only set has none.
 *
 * <p>Hazelcast creates the policy from its class name (public, no-argument constructor) and sends it between
 * members inside its merge operations, as an {@link IdentifiedDataSerializable} of {@link GridSerialization}'s
 * factory (stateless: nothing written). It asks only for {@link MergingValue}, so the map needs no per-entry
 * statistics: Hazelcast's validator demands them from any policy typed on {@code MapMergeTypes} itself, which
 * extends the statistics-backed merge types.
 *
 * @param <V> the value type Hazelcast's generics carry; only {@code long[]} is merged
 * @param <T> what Hazelcast hands over for each side
 */
public final class UnionMergePolicy<V, T extends MergingValue<V>>
        implements SplitBrainMergePolicy<V, T, Object>, IdentifiedDataSerializable {

    /** For Hazelcast, which creates merge policies by class name. */
    public UnionMergePolicy() {
    }

    /**
     * The value to store: the union when both sides hold a {@code long[]}, the merging value when the destination
     * holds none, else the destination's value.
     */
    @Override
    public Object merge(T merging, T existing) {
        if (existing == null) {
            return merging == null ? null : merging.getRawValue();
        }
        if (merging != null && merging.getDeserializedValue() instanceof long[] incoming
                && existing.getDeserializedValue() instanceof long[] kept) {
            return union(incoming, kept);
        }
        return existing.getRawValue();
    }

    /** Every element of either array, ascending, each once; whatever order the arrays hold. */
    static long[] union(long[] a, long[] b) {
        return LongStream.concat(Arrays.stream(a), Arrays.stream(b)).sorted().distinct().toArray();
    }

    @Override
    public int getFactoryId() {
        return GridSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return GridSerialization.UNION_MERGE_POLICY;
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // Stateless.
    }

    @Override
    public void readData(ObjectDataInput in) {
        // Stateless.
    }
}
