package dev.flotilla.grid.map;

/**
 * Counters of one map on the local member since it started.
 *
 * @param name          the map
 * @param ownedEntries  entries whose primary replica is here
 * @param backupEntries backup replicas held here
 * @param gets          get operations served here
 * @param puts          put and entry-processor writes served here
 * @param removes       removals served here
 */
public record MapStatistics(String name, long ownedEntries, long backupEntries, long gets, long puts, long removes) {
}
