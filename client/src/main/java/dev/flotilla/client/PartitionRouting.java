package dev.flotilla.client;

import java.time.Duration;

/**
 * Owner-aware routing: each document request ({@code get}, {@code put}, {@code delete} and their conditional forms
 * of a {@link RemoteMap}, and register operations under a non-CP mode) goes to the node whose member owns the key's
 * partition, as Hazelcast's smart client does, saving the member-to-member hop a node makes for a key it does not own.
 *
 * <p>The client computes a key's partition as Hazelcast does and learns the partition table and each endpoint's
 * member from the nodes ({@code GET /cluster/partitions}, {@code GET /cluster/members}) every {@code refreshInterval}
 * (jittered by up to a quarter), every second while any node reports a migration ({@code OUT_OF_SERVICE}), and at
 * once when a node changes state (joins, leaves, is ejected, settles) or a request to the owner fails to connect.
 *
 * <p>The routing is a hint and never changes an outcome: every node serves every key. When the client is unsure
 * it uses the {@link LoadBalancing} policy instead: before the first table, when the table is older than three
 * intervals, when the owner is not one of the client's endpoints, and when the owner is not in the best tier of
 * the balancer's choice (ejected, or degraded while another node is healthy). A retry goes to a node not tried yet
 * by that request, as without routing, and the retry rules are the same. During a migration a request may reach
 * the old owner, which forwards it; after a member crash, requests for its partitions fail over as usual until
 * the table names the promoted backups; during a split brain the table is the answering side's.
 *
 * @param refreshInterval time between two table refreshes; {@link Duration#ZERO} turns routing off
 */
public record PartitionRouting(Duration refreshInterval) {

    /** Validates the setting. */
    public PartitionRouting {
        if (refreshInterval == null || refreshInterval.isNegative()) {
            throw new IllegalArgumentException("partitionRouting refreshInterval must be zero (off) or positive, not "
                    + refreshInterval);
        }
    }

    /** Routing on, the table refreshed every 5 seconds. */
    public static PartitionRouting defaults() {
        return new PartitionRouting(Duration.ofSeconds(5));
    }

    /** Routing on, the table refreshed every {@code interval}. */
    public static PartitionRouting every(Duration interval) {
        if (interval == null || interval.isZero()) {
            throw new IllegalArgumentException("partitionRouting interval must be positive, not " + interval);
        }
        return new PartitionRouting(interval);
    }

    /** No owner-aware routing: every request is placed by the {@link LoadBalancing} policy (the default). */
    public static PartitionRouting disabled() {
        return new PartitionRouting(Duration.ZERO);
    }

    /** Whether routing is on. */
    public boolean enabled() {
        return !refreshInterval.isZero();
    }
}
