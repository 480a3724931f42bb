package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One map's numbers on one member, or summed over members, in {@link ClusterMapsView}.
 *
 * @param map                 the map
 * @param ownedEntries        entries whose primary replica is there
 * @param backupEntries       backup replicas held there
 * @param ownedEntryMemory    bytes of the owned entries
 * @param backupEntryMemory   bytes of the backup entries
 * @param gets                gets served since the member started
 * @param puts                puts and entry-processor writes served since the member started
 * @param removes             removals served since the member started
 * @param operationsPerSecond gets, puts and removes per second over the member's recent window
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MapStatisticsView(String map, long ownedEntries, long backupEntries, long ownedEntryMemory,
                                long backupEntryMemory, long gets, long puts, long removes,
                                double operationsPerSecond) {
}
