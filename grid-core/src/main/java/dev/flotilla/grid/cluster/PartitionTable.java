package dev.flotilla.grid.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A snapshot of every partition's owner and backups, as the local member knows it.
 *
 * <p>During a migration the table may lag the master's view by a few milliseconds; read it again once
 * {@link Safety#clusterSafe()} to see the settled assignment.
 *
 * @param stamp      the partition-state stamp: equal stamps mean equal tables
 * @param partitions one entry per partition, by partition id
 */
public record PartitionTable(long stamp, List<PartitionReplicas> partitions) {
    public PartitionTable {
        partitions = List.copyOf(partitions);
    }

    /** How many partitions each member address owns, in address order of first appearance. */
    public Map<String, Integer> ownedCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (PartitionReplicas p : partitions) {
            if (p.owner() != null) {
                counts.merge(p.owner(), 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Partitions that currently have no owner: their data is unreachable until reassigned. */
    public long unowned() {
        return partitions.stream().filter(p -> p.owner() == null).count();
    }
}
