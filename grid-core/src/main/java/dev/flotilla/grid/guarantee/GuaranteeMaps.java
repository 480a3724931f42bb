package dev.flotilla.grid.guarantee;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;

import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/** The plain IMaps (no versioned envelope) a map-based mode works on, with the reads those modes share. */
record GuaranteeMaps(IMap<String, Long> bank, IMap<String, Long> register, IMap<String, long[]> set,
                     IMap<String, Long> counter) {

    static GuaranteeMaps of(HazelcastInstance hazelcast, GuaranteeNames names) {
        return new GuaranteeMaps(hazelcast.getMap(names.bankMap()), hazelcast.getMap(names.registerMap()),
                hazelcast.getMap(names.setMap()), hazelcast.getMap(names.counterMap()));
    }

    /** One {@code getAll}: each key read atomically, the keys together not. */
    SortedMap<String, Long> balances(Set<String> accounts) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(bank.getAll(accounts)));
    }

    /** One {@code getAll} over every bucket. */
    SortedSet<Long> readSet() {
        return SortedLongs.union(set.getAll(new HashSet<>(GuaranteeNames.buckets())).values());
    }

    long counterValue() {
        Long value = counter.get(GuaranteeNames.COUNTER_KEY);
        return value == null ? 0 : value;
    }
}
