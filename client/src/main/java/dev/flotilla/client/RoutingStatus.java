package dev.flotilla.client;

import java.time.Instant;

/**
 * What the client knows of the partition table for owner-aware routing ({@link PartitionRouting}); a snapshot.
 *
 * @param enabled          whether routing is on
 * @param usable           whether requests are routed now: a table is known and not stale
 * @param stamp            the partition-state stamp of the table in use (0 before the first)
 * @param partitionCount   partitions in that table (0 before the first)
 * @param routedPartitions partitions whose owner is one of this client's endpoints
 * @param refreshes        tables learned since the client started
 * @param refreshedAt      when the table in use was learned, or null
 * @param lastFailure      why the last refresh failed, or null when it succeeded
 */
public record RoutingStatus(boolean enabled, boolean usable, long stamp, int partitionCount, int routedPartitions,
                            long refreshes, Instant refreshedAt, String lastFailure) {
}
