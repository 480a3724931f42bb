package dev.flotilla.grid.map;

import java.io.Serializable;

/**
 * Counters of one map on one member since that member started, read from Hazelcast's local map statistics.
 *
 * @param name                the map
 * @param ownedEntries        entries whose primary replica is on the member
 * @param backupEntries       backup replicas held on the member
 * @param ownedEntryMemory    bytes of the owned entries (keys, values and Hazelcast's per-entry records)
 * @param backupEntryMemory   bytes of the backup entries
 * @param gets                get operations served there
 * @param puts                put and entry-processor writes served there
 * @param removes             removals served there
 * @param operationsPerSecond gets, puts and removes per second over the member's recent window (see
 *                            {@link MemberMapStatistics#windowSeconds()}); 0 when the window is empty
 */
public record MapStatistics(String name, long ownedEntries, long backupEntries, long ownedEntryMemory,
                            long backupEntryMemory, long gets, long puts, long removes, double operationsPerSecond)
        implements Serializable {

    /** Gets, puts and removes served since the member started. */
    public long operations() {
        return gets + puts + removes;
    }

    /** The sums of both, field by field, under this one's name: a map's numbers over several members. */
    public MapStatistics plus(MapStatistics other) {
        return new MapStatistics(name, ownedEntries + other.ownedEntries, backupEntries + other.backupEntries,
                ownedEntryMemory + other.ownedEntryMemory, backupEntryMemory + other.backupEntryMemory,
                gets + other.gets, puts + other.puts, removes + other.removes,
                operationsPerSecond + other.operationsPerSecond);
    }
}
