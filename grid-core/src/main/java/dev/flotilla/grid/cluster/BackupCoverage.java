package dev.flotilla.grid.cluster;

/**
 * How well the local member's partition table covers every partition with live replicas, counted from local state
 * only: it never waits on another member, so it answers at once even while members are unreachable.
 *
 * <p>It sees what the table says: a member that crashed but is not removed yet still counts as a live replica
 * until the failure detector removes it; and a member that coordinates no migration sees only the migrations it
 * takes part in. So a complete coverage is necessary for safety, not sufficient: {@link Safety#clusterSafe()}
 * asks every member.
 *
 * @param partitions      partitions in the table
 * @param backupsExpected backups each partition should have now: the most any map keeps, capped by the data
 *                        members there are to hold them
 * @param unowned         partitions with no primary replica on a current member
 * @param underBackedUp   owned partitions with fewer than {@code backupsExpected} backups on current members
 * @param migrating       whether this member runs or takes part in a migration now
 */
public record BackupCoverage(int partitions, int backupsExpected, int unowned, int underBackedUp, boolean migrating) {
    /** Whether every partition has an owner and every backup it should have, and nothing migrates here. */
    public boolean complete() {
        return unowned == 0 && underBackedUp == 0 && !migrating;
    }
}
