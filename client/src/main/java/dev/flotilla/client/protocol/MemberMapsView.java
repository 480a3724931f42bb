package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * One member's map statistics in {@link ClusterMapsView}, as that member read them.
 *
 * @param member             {@code host:port} of the member
 * @param takenAt            when it read them (ISO-8601, its clock)
 * @param ownedPartitions    partitions whose primary replica it holds
 * @param migrationQueueSize migration tasks queued on it
 * @param windowSeconds      the time its {@code operationsPerSecond} cover (0: no earlier sample yet)
 * @param maps               per map, by name
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MemberMapsView(String member, String takenAt, int ownedPartitions, long migrationQueueSize,
                             double windowSeconds, List<MapStatisticsView> maps) {
}
