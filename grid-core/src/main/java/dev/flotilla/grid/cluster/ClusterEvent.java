package dev.flotilla.grid.cluster;

import java.time.Instant;

/** Something that changed the cluster: membership, a migration, or lost partition data. */
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
     * A partition lost its replicas 0 to {@code lostReplicaIndex} at once (Hazelcast's lost backup count). A map
     * whose backup count is above {@code lostReplicaIndex} still has the data (a backup was promoted); a map
     * with backup count {@code lostReplicaIndex} or less lost that partition's entries. A single crash with one
     * backup reports {@code lostReplicaIndex} 0: nothing lost.
     */
    record PartitionLost(Instant at, int partitionId, int lostReplicaIndex, String reportedBy) implements ClusterEvent {
        @Override
        public String type() {
            return "partition-lost";
        }
    }
}
