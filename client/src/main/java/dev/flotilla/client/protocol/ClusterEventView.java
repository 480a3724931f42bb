package dev.flotilla.client.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The data of one {@code GET /cluster/events} server-sent event; the SSE {@code event:} field repeats {@link #type()}.
 *
 * <p>Types: {@code subscribed} (first event of every stream, {@code member} is the answering node's member),
 * {@code member-joined}, {@code member-left} ({@code member} set), {@code migration-started},
 * {@code migration-finished} ({@code migration} set), {@code partition-lost} (data lost: {@code partitionId},
 * {@code lostReplicaIndex}, {@code reportedBy} and {@code maps}, the maps that lost the partition's entries, set),
 * {@code partition-promoted} (replicas lost but every map kept a backup, which took over: nothing lost;
 * {@code partitionId}, {@code lostReplicaIndex}, {@code reportedBy} set), {@code split-detected} (the node removed members that had
 * not left gracefully: crashed or cut off, it cannot tell which), {@code merged} (the node's side of a split merged
 * into the other side's cluster) and {@code merge-failed} ({@code membership} set on those three), and
 * {@code unknown-member} (a member that is not a Flotilla member of this cluster is in it; {@code member} set, its
 * attributes show what it announced, {@code /health} says why it is not recognised). Fields that do
 * not apply are absent; events from older servers parse with {@code membership} and {@code maps} null (an older
 * server's {@code partition-lost} also covers what is now {@code partition-promoted}).
 *
 * @param type             the event kind
 * @param at               when the answering node observed it (ISO-8601)
 * @param member           the member that joined, left or is not recognised
 * @param migration        the migration process that started or finished
 * @param partitionId      the partition that lost replicas
 * @param lostReplicaIndex replicas 0 to this index were lost at once
 * @param reportedBy       address of the member that reported the loss
 * @param membership       members seen against expected, after the removal or the merge
 * @param maps             on {@code partition-lost}: the maps whose backup count (sync plus async) is not above
 *                         {@code lostReplicaIndex}, which lost the partition's entries
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClusterEventView(String type, String at, MemberView member, MigrationView migration, Integer partitionId,
                               Integer lostReplicaIndex, String reportedBy, MembershipView membership,
                               List<String> maps) {
    public ClusterEventView {
        maps = maps == null ? null : List.copyOf(maps);
    }

    /** An event without maps, as every type but {@code partition-lost}. */
    public ClusterEventView(String type, String at, MemberView member, MigrationView migration, Integer partitionId,
                            Integer lostReplicaIndex, String reportedBy, MembershipView membership) {
        this(type, at, member, migration, partitionId, lostReplicaIndex, reportedBy, membership, null);
    }

    /** An event without membership, as every type but the split and merge ones. */
    public ClusterEventView(String type, String at, MemberView member, MigrationView migration, Integer partitionId,
                            Integer lostReplicaIndex, String reportedBy) {
        this(type, at, member, migration, partitionId, lostReplicaIndex, reportedBy, null);
    }
}
