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

    /** Owner and backup replicas of every partition. */
    PartitionTable partitions();

    /** Migration processes running and recently finished. */
    Migrations migrations();

    /**
     * Members seen now against the most seen since this member started or last merged (less graceful leaves):
     * {@code seen < expected} after a crash or a split, which this member cannot tell apart. Local, never blocks.
     */
    Membership membership();

    /** Whether the cluster and the local member can lose a member without losing data. */
    Safety safety();

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
