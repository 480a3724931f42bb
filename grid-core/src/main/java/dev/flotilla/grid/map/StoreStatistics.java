package dev.flotilla.grid.map;

/**
 * One member's calls to the database of its persistent maps since it started, and its write-behind backlog now.
 *
 * @param database        the JDBC URL without its parameters; null when no database is configured
 * @param stores          store calls (one entry, or one batch) that succeeded
 * @param storeFailures   store calls that failed (write-through: the write failed too; write-behind: retried)
 * @param loads           load calls that succeeded (a missing key, a batch, the key list of an initial load)
 * @param loadFailures    load calls that failed
 * @param deletes         delete calls that succeeded
 * @param deleteFailures  delete calls that failed
 * @param queuedEntries   write-behind entries of the partitions this member owns that are not stored yet
 * @param lagSeconds      how long entries have been waiting with no store succeeding; 0 when none waits
 */
public record StoreStatistics(String database, long stores, long storeFailures, long loads, long loadFailures,
                              long deletes, long deleteFailures, long queuedEntries, double lagSeconds) {

    /** The statistics of a member without a database. */
    public static final StoreStatistics NONE = new StoreStatistics(null, 0, 0, 0, 0, 0, 0, 0, 0);
}
