package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * The body of {@code GET /cluster/maps}: every member's map statistics, gathered by the answering node with a
 * deadline. Not a consistent cut: while partitions migrate, sums can count an entry twice or not at all; a lost or
 * slow member is in {@code missing}; in a split brain only the answering node's side is asked.
 *
 * @param takenAt when the answering node asked (ISO-8601)
 * @param members members that answered in time, in member-list order
 * @param missing {@code host:port} of members that did not answer in time
 * @param maps    per map, summed over the members that answered
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterMapsView(String takenAt, List<MemberMapsView> members, List<String> missing,
                              List<MapStatisticsView> maps) {
}
