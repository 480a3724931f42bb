package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The data of one {@code GET /cluster/events} server-sent event; the SSE {@code event:} field repeats {@link #type()}.
 *
 * <p>Types: {@code subscribed} (first event of every stream, {@code member} is the answering node's member),
 * {@code member-joined}, {@code member-left} ({@code member} set), {@code migration-started},
 * {@code migration-finished} ({@code migration} set), {@code partition-lost} ({@code partitionId},
 * {@code lostReplicaIndex}, {@code reportedBy} set). Fields that do not apply are absent.
 *
 * @param type             the event kind
 * @param at               when the answering node observed it (ISO-8601)
 * @param member           the member that joined or left
 * @param migration        the migration process that started or finished
 * @param partitionId      the partition that lost replicas
 * @param lostReplicaIndex the lost replica index; 0 to backup count means data may be gone
 * @param reportedBy       address of the member that reported the loss
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterEventView(String type, String at, MemberView member, MigrationView migration, Integer partitionId,
                               Integer lostReplicaIndex, String reportedBy) {
}
