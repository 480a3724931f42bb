package dev.flotilla.grid.map;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * One member's statistics of every user map (names starting with '_' are internal and left out), as that member
 * read them at {@code takenAt}.
 *
 * @param member                {@code host:port} of the member
 * @param takenAt               when the member read its counters (its clock)
 * @param ownedPartitions       partitions whose primary replica the member holds
 * @param migrationQueueSize    migration tasks queued on the member (non-zero mostly on the master, while it
 *                              rebalances)
 * @param windowSeconds         the time the {@link MapStatistics#operationsPerSecond()} rates cover: from the
 *                              member's previous sample at least {@link #WINDOW_SECONDS} old (or its oldest) to
 *                              {@code takenAt}; 0 on the first read
 * @param maps                  per map, by name
 */
public record MemberMapStatistics(String member, Instant takenAt, int ownedPartitions, long migrationQueueSize,
                                  double windowSeconds, List<MapStatistics> maps)
        implements Serializable {
    /** The rates aim at the last this many seconds. */
    public static final int WINDOW_SECONDS = 10;

    public MemberMapStatistics {
        maps = List.copyOf(maps);
    }
}
