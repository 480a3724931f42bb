package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The body of {@code GET /cluster}.
 *
 * @param name           the cluster name
 * @param localMember    the answering node's member
 * @param memberCount    members the answering node sees
 * @param safety         whether members can be stopped without losing data
 * @param partitionCount number of partitions
 * @param migrations     migrations in brief
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterSummary(String name, MemberView localMember, int memberCount, SafetyView safety,
                             int partitionCount, MigrationSummary migrations) {
}
