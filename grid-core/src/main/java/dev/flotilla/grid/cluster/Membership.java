package dev.flotilla.grid.cluster;

/**
 * How many members the local member sees against how many the cluster had: what a node can know of a split brain.
 *
 * <p>Hazelcast cannot tell a crashed member from one cut off by a network partition: both stop answering
 * heartbeats and are removed. So {@code seen < expected} means "members were lost without leaving gracefully",
 * whether they died or form a cluster of their own on the other side of a partition.
 *
 * @param seen     members in the local member's view now, itself included
 * @param expected the most members this member saw since it started or last merged, less those that left
 *                 gracefully since; never below {@code seen}
 */
public record Membership(int seen, int expected) {
    public Membership {
        if (seen < 0 || expected < seen) {
            throw new IllegalArgumentException("membership needs 0 <= seen <= expected, got seen " + seen
                    + " and expected " + expected);
        }
    }

    /**
     * Whether this member sees at most half of the expected members ({@code seen * 2 <= expected}): in a split
     * it is on the minority side, or on one of two equal halves; after crashes, it is what is left.
     */
    public boolean minority() {
        return seen * 2 <= expected;
    }
}
