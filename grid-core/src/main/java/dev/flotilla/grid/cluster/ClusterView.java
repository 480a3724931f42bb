package dev.flotilla.grid.cluster;

import java.util.List;
import java.util.function.Consumer;

/**
 * Read-only views of the cluster as the local member sees it.
 *
 * <p>Every view is a snapshot; none blocks on other members. During a split brain each side sees only its own
 * members and assigns itself every partition, so views on the two sides disagree until they merge.
 */
public interface ClusterView {

    /** The cluster name members join under. */
    String clusterName();

    /** The local member. */
    MemberInfo localMember();

    /** Members in join order (the first is the master), as the local member sees them. */
    List<MemberInfo> members();

    /**
     * Members in the local view that are not Flotilla members of this cluster (see {@link ClusterEvent.UnknownMember}),
     * each with the reason; empty when every member is recognised. Local, never blocks. During a split brain it
     * covers this side's members only.
     */
    java.util.Map<MemberInfo, String> unknownMembers();

    /** Owner and backup replicas of every partition. */
    PartitionTable partitions();

    /**
     * The partition of a map key ({@code IMap<String, ...>}, the key as it is) and its owner in the local table; a
     * partition lookup, never blocks.
     *
     * <p>The partition id is stable; the owner is a snapshot. During a migration the local table may lag the
     * master's by a few milliseconds, so the owner named here may already be handing the partition over; after a
     * member crash it names the crashed member until the member is removed and a backup is promoted. During a split
     * brain each side names its own members. Use it as a routing hint and a measure: an operation on the key goes to
     * the owner whatever this says.
     */
    KeyPartition partitionOf(String key);

    /** Migration processes running and recently finished. */
    Migrations migrations();

    /**
     * Members seen now against the most seen since this member started or last merged (less graceful leaves):
     * {@code seen < expected} after a crash or a split, which this member cannot tell apart. Local, never blocks.
     */
    Membership membership();

    /**
     * Whether the cluster and the local member can lose a member without losing data, as every member answers.
     *
     * <p>It asks every member and may block: Hazelcast waits for their answers up to
     * {@code hazelcast.graceful.shutdown.max.wait} (600 s by default), and a member that crashed but is not removed
     * yet, or a master that does not answer, holds the call until it is removed or the invocation times out.
     * During a migration and until the backups of a lost member are re-created it answers not safe. Never call it
     * where a caller waits; {@link #coverage()} is the local, non-blocking part of the same question.
     */
    Safety safety();

    /**
     * Partitions with an owner and their backups on current members, from the local table; never blocks.
     *
     * <p>During a migration it says {@code migrating} on the members taking part; after a member crash it counts
     * the crashed member's replicas as live until the member is removed, then as missing until the master
     * re-creates them. During a split brain each side counts its own members only: a side that reassigned every
     * partition among itself is covered, whatever the other side holds.
     */
    BackupCoverage coverage();

    /**
     * The local member's own lifecycle and join state; never blocks. Unchanged by migrations and by other members'
     * loss; while this member merges into another cluster after a split brain it is not joined.
     */
    MemberState memberState();

    /**
     * Calls {@code listener} for every later event until the returned handle is closed.
     *
     * <p>The listener runs on a Hazelcast event thread: it must return quickly and must not block.
     */
    Subscription subscribe(Consumer<ClusterEvent> listener);

    /** Stops a subscription; closing twice is harmless. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
