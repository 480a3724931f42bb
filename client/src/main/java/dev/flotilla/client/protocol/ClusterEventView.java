package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The data of one {@code GET /cluster/events} server-sent event; the SSE {@code event:} field repeats {@link #type()}.
 *
 * <p>Types: {@code subscribed} (first event of every stream, {@code member} is the answering node's member),
 * {@code member-joined}, {@code member-left} ({@code member} set), {@code migration-started},
 * {@code migration-finished} ({@code migration} set), {@code partition-lost} ({@code partitionId},
 * {@code lostReplicaIndex}, {@code reportedBy} set), {@code split-detected} (the node removed members that had
 * not left gracefully: crashed or cut off, it cannot tell which), {@code merged} (the node's side of a split merged
 * into the other side's cluster) and {@code merge-failed} ({@code membership} set on those three). Fields that do
 * not apply are absent; events from older servers parse with {@code membership} null.
 *
 * @param type             the event kind
 * @param at               when the answering node observed it (ISO-8601)
 * @param member           the member that joined or left
 * @param migration        the migration process that started or finished
 * @param partitionId      the partition that lost replicas
 * @param lostReplicaIndex the lost replica index; 0 to backup count means data may be gone
 * @param reportedBy       address of the member that reported the loss
 * @param membership       members seen against expected, after the removal or the merge
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterEventView(String type, String at, MemberView member, MigrationView migration, Integer partitionId,
                               Integer lostReplicaIndex, String reportedBy, MembershipView membership) {
    /** An event without membership, as every type but the split and merge ones. */
    public ClusterEventView(String type, String at, MemberView member, MigrationView migration, Integer partitionId,
                            Integer lostReplicaIndex, String reportedBy) {
        this(type, at, member, migration, partitionId, lostReplicaIndex, reportedBy, null);
    }
}
