package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The body of {@code GET /cluster/partitions/key/{key}}: where a map key lives, as the answering node's table says.
 *
 * @param key            the key, as given
 * @param partitionId    its partition, from 0; the same on every member and for every map
 * @param partitionCount number of partitions
 * @param owner          member address of the partition's primary replica, or null while unowned
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeyPartitionView(String key, int partitionId, int partitionCount, String owner) {
}
