package dev.flotilla.grid;

import java.time.Duration;

/**
 * Replication settings of one map (or of every map without settings of its own).
 *
 * @param backupCount      synchronous backups per entry: an acknowledged write is on this many other members too
 * @param asyncBackupCount backups written after the write is acknowledged: lost if the owner crashes first
 * @param readBackupData   whether a member may answer a read from its own backup replica (faster, may be stale)
 * @param timeToLive       default time to live of an entry; {@link Duration#ZERO} keeps entries until deleted
 */
public record MapSettings(int backupCount, int asyncBackupCount, boolean readBackupData, Duration timeToLive) {

    /** Hazelcast allows at most this many backups of each kind, together. */
    public static final int MAX_BACKUPS = 6;

    /** One synchronous backup, no asynchronous one, reads from the owner only, no expiry. */
    public static final MapSettings DEFAULT = new MapSettings(1, 0, false, Duration.ZERO);

    /** Validates like the builder does; {@code prefix} names the settings in error messages. */
    MapSettings validated(String prefix) {
        Checks.range(prefix + ".backup-count", backupCount, 0, MAX_BACKUPS);
        Checks.range(prefix + ".async-backup-count", asyncBackupCount, 0, MAX_BACKUPS);
        if (backupCount + asyncBackupCount > MAX_BACKUPS) {
            throw new InvalidConfigException(prefix + ".async-backup-count", asyncBackupCount,
                    "backup-count + async-backup-count must be at most " + MAX_BACKUPS);
        }
        if (timeToLive == null || timeToLive.isNegative()) {
            throw new InvalidConfigException(prefix + ".time-to-live-seconds", timeToLive, "must be zero or positive");
        }
        return this;
    }

    /** A copy with another synchronous backup count. */
    public MapSettings withBackupCount(int count) {
        return new MapSettings(count, asyncBackupCount, readBackupData, timeToLive);
    }

    /** A copy with another asynchronous backup count. */
    public MapSettings withAsyncBackupCount(int count) {
        return new MapSettings(backupCount, count, readBackupData, timeToLive);
    }

    /** A copy that reads (or not) from backup replicas. */
    public MapSettings withReadBackupData(boolean read) {
        return new MapSettings(backupCount, asyncBackupCount, read, timeToLive);
    }

    /** A copy with another default time to live. */
    public MapSettings withTimeToLive(Duration ttl) {
        return new MapSettings(backupCount, asyncBackupCount, readBackupData, ttl);
    }
}
