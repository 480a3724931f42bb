package dev.flotilla.bench.scaling;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import com.hazelcast.internal.serialization.impl.DefaultSerializationServiceBuilder;
import com.hazelcast.internal.util.HashUtil;
import dev.flotilla.client.protocol.PartitionView;
import dev.flotilla.client.protocol.PartitionsView;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The partition of a key as a member computes it, without a member: Hazelcast serializes the key and takes its
 * partition hash modulo the partition count (the default partitioning strategy; grid-core sets no other). With
 * {@code GET /cluster/partitions} this tells the bench which node owns a key, so it can send a request to the
 * owner or, on purpose, to a node that must forward it.
 */
final class KeyPartitions {
    private final InternalSerializationService serialization = new DefaultSerializationServiceBuilder().build();
    private final int partitionCount;

    KeyPartitions(int partitionCount) {
        if (partitionCount < 1) {
            throw new IllegalArgumentException("partition count must be positive, was " + partitionCount);
        }
        this.partitionCount = partitionCount;
    }

    int partitionOf(String key) {
        Data data = serialization.toData(key);
        return HashUtil.hashToIndex(data.getPartitionHash(), partitionCount);
    }

    /** The keys grouped by the member address that owns their partition in {@code table}. */
    Map<String, List<String>> byOwner(List<String> keys, PartitionsView table) {
        if (table.partitionCount() != partitionCount) {
            throw new IllegalStateException("the cluster has " + table.partitionCount() + " partitions, not "
                    + partitionCount);
        }
        String[] owners = new String[partitionCount];
        for (PartitionView p : table.partitions()) {
            owners[p.id()] = p.owner();
        }
        Map<String, List<String>> byOwner = new HashMap<>();
        for (String key : keys) {
            String owner = owners[partitionOf(key)];
            if (owner == null) {
                throw new IllegalStateException("partition " + partitionOf(key) + " has no owner");
            }
            byOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(key);
        }
        return byOwner;
    }
}
