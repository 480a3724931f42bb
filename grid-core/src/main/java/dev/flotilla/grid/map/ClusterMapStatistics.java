package dev.flotilla.grid.map;

import java.time.Instant;
import java.util.List;

/**
 * Map statistics gathered from every member: what each member that answered in time reported, who did not, and
 * the sums per map over the members that answered.
 *
 * <p>Not a consistent cut: each member reads its own counters when the request reaches it. While partitions
 * migrate, an entry can be counted on both its old and new owner, or on neither; after a member loss its entries
 * are counted again only once backups are promoted. Each side of a split brain sees only its own members.
 *
 * @param takenAt  when the request was sent (this member's clock)
 * @param members  members that answered before the deadline, in member-list order
 * @param missing  {@code host:port} of members that did not answer before the deadline or failed
 * @param maps     per map, by name: the members' numbers summed
 */
public record ClusterMapStatistics(Instant takenAt, List<MemberMapStatistics> members, List<String> missing,
                                   List<MapStatistics> maps) {
    public ClusterMapStatistics {
        members = List.copyOf(members);
        missing = List.copyOf(missing);
        maps = List.copyOf(maps);
    }
}
