package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /cluster/partitions}.
 *
 * @param stamp          the partition-state stamp: equal stamps mean equal tables
 * @param partitionCount number of partitions
 * @param ownedCounts    partitions owned per member address
 * @param unowned        partitions without an owner (their data is unreachable)
 * @param partitions     every partition, by id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartitionsView(long stamp, int partitionCount, Map<String, Integer> ownedCounts, long unowned,
                             List<PartitionView> partitions) {
}
