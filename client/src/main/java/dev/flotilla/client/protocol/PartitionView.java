package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * Who holds one partition.
 *
 * @param id      the partition id, from 0
 * @param owner   member address of the primary replica, or null while no member owns it
 * @param backups member addresses of the backup replicas, in replica order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PartitionView(int id, String owner, List<String> backups) {
}
