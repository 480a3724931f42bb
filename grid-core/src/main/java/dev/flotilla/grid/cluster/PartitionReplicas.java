package dev.flotilla.grid.cluster;

import java.util.List;

/**
 * Who holds one partition.
 *
 * @param partitionId the partition, from 0
 * @param owner       address of the primary replica's member, or null while no member owns it (before the first
 *                    assignment, or after it was lost)
 * @param backups     addresses of the backup replicas in replica order; shorter than the backup count while the
 *                    cluster has too few members or is still migrating
 */
public record PartitionReplicas(int partitionId, String owner, List<String> backups) {
    public PartitionReplicas {
        backups = List.copyOf(backups);
    }
}
