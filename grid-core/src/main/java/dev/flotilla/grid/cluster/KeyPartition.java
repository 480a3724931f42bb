package dev.flotilla.grid.cluster;

/**
 * The partition a map key belongs to and who owns it, as the local member's table says now.
 *
 * @param partitionId the partition of the key, from 0: fixed for a key while the partition count is (it never
 *                    changes while the cluster runs)
 * @param partitionCount number of partitions
 * @param owner       address of the member that owns the partition's primary replica, or null while none does
 * @param local       whether that member is the local one
 */
public record KeyPartition(int partitionId, int partitionCount, String owner, boolean local) {
}
