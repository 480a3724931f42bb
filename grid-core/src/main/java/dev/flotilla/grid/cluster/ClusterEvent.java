package dev.flotilla.grid.cluster;

import java.time.Instant;
import java.util.List;

/** Something that changed the cluster: membership, a migration, lost partition data, a split or a merge. */
public sealed interface ClusterEvent {

    /** A stable kebab-case name of the event kind, for example {@code member-joined}. */
    String type();

    /** When the local member observed it. */
    Instant at();

    /** A member joined the cluster. */
    record MemberJoined(Instant at, MemberInfo member) implements ClusterEvent {
        @Override
        public String type() {
            return "member-joined";
        }
    }

    /** A member left the cluster, gracefully or not. */
    record MemberLeft(Instant at, MemberInfo member) implements ClusterEvent {
        @Override
        public String type() {
            return "member-left";
        }
    }

    /** The master started rebalancing partitions. */
    record MigrationStarted(Instant at, MigrationProcess migration) implements ClusterEvent {
        @Override
        public String type() {
            return "migration-started";
        }
    }

    /** The master finished rebalancing partitions. */
    record MigrationFinished(Instant at, MigrationProcess migration) implements ClusterEvent {
        @Override
        public String type() {
            return "migration-finished";
        }
    }

    /**
     * A partition lost its replicas 0 to {@code lostReplicaIndex} at once (Hazelcast's lost backup count) and with
     * them the entries of {@code maps}: the maps whose backup count (sync plus async, as Hazelcast's
     * {@code MapPartitionLostListener} counts it) is not above {@code lostReplicaIndex}. Real data loss; a loss
     * that no map felt is a {@link PartitionPromoted}. Hazelcast's partition-lost listeners are cluster-wide, so every
     * member gets it, whichever member detected the loss; during a split brain, only the members of the side that
     * lost the replicas.
     *
     * @param maps the maps that existed when the loss was seen and lost this partition's entries, by name; never
     *             empty
     */
    record PartitionLost(Instant at, int partitionId, int lostReplicaIndex, String reportedBy, List<String> maps)
            implements ClusterEvent {
        public PartitionLost {
            maps = List.copyOf(maps);
            if (maps.isEmpty()) {
                throw new IllegalArgumentException("a lost partition names the maps that lost data");
            }
        }

        @Override
        public String type() {
            return "partition-lost";
        }
    }

    /**
     * A partition lost replicas 0 to {@code lostReplicaIndex} but every map kept a backup above that index, which
     * now serves as the primary: no entry was lost. One crash with backup count 1 gives one per partition the
     * crashed member owned. Only maps are judged: a partition-backed structure of another kind, such as a queue
     * configured in a native {@code hazelcast-config} file, may have lost its data with this event all the same.
     */
    record PartitionPromoted(Instant at, int partitionId, int lostReplicaIndex, String reportedBy)
            implements ClusterEvent {
        @Override
        public String type() {
            return "partition-promoted";
        }
    }

    /**
     * This member removed members that had not left gracefully: the cluster may have split in two, or those
     * members crashed. Follows their {@link MemberLeft} events.
     *
     * <p><b>What it can and cannot tell.</b> Hazelcast 5.4 tells no member but the master that a member is
     * shutting down (the leaving member asks only the master to move its partitions away), and removes a
     * crashed member and one behind a network partition the same way. What every member can see is its
     * partition table: a member that left gracefully holds no replica when it is removed, because the master
     * moved them all first; a crashed or cut-off member still does. So this event fires when a removed member
     * still held partition replicas in this member's table, which means a crash as often as a split. A lite member
     * or a member that had not received partitions yet holds none, so its drop counts as graceful. Members
     * removed in the same member-list update give one event. Removals while this member merges into another
     * cluster are not counted.
     *
     * @param membership members seen after the removal, against the most seen since start or the last merge;
     *                   {@link Membership#minority()} says whether this side holds at most half of them
     */
    record SplitDetected(Instant at, Membership membership) implements ClusterEvent {
        @Override
        public String type() {
            return "split-detected";
        }
    }

    /**
     * This member's side of a split brain merged into a larger cluster (Hazelcast's lifecycle event
     * {@code MERGED}): this member restarted its services and rejoined, its map entries went through each map's
     * merge policy (by default put-if-absent: entries whose key the other side also had were dropped). Only the
     * members of the side that merges get it; the other side sees {@link MemberJoined} events.
     *
     * @param membership members seen after the merge; the expected count starts again from it
     */
    record Merged(Instant at, Membership membership) implements ClusterEvent {
        @Override
        public String type() {
            return "merged";
        }
    }

    /**
     * This member reset itself to merge into another cluster and then could not join it (Hazelcast's lifecycle
     * event {@code MERGE_FAILED}); its entries were not merged. The member's log says why.
     *
     * @param membership members seen when the merge failed
     */
    record MergeFailed(Instant at, Membership membership) implements ClusterEvent {
        @Override
        public String type() {
            return "merge-failed";
        }
    }

    /**
     * A member that is not a Flotilla member of this cluster as this member knows it is in the cluster: it carries
     * no Flotilla marker (a plain Hazelcast member that knew the cluster name) or, with a member secret, no valid
     * signature of its address. Hazelcast Community cannot refuse it: it owns partitions and reads and writes maps
     * like any member until an operator removes it. Reported once per member when it joins, or when this member
     * starts and finds it already there.
     *
     * @param member the member as this member sees it, its attributes included
     * @param reason why it is not recognised
     */
    record UnknownMember(Instant at, MemberInfo member, String reason) implements ClusterEvent {
        @Override
        public String type() {
            return "unknown-member";
        }
    }
}
