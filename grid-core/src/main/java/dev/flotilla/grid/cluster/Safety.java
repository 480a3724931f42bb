package dev.flotilla.grid.cluster;

/**
 * Whether members can be stopped without losing data.
 *
 * @param running          whether the local member is running
 * @param clusterSafe      every partition's backups are in sync and no migration is running: any one member may
 *                         now leave or crash without losing acknowledged data (with backup count 1 or more)
 * @param localMemberSafe  this member may leave without losing data: its partitions' backups are in sync
 * @param memberCount      members in the cluster view of this member
 */
public record Safety(boolean running, boolean clusterSafe, boolean localMemberSafe, int memberCount) {
}
