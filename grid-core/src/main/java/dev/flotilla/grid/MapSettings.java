package dev.flotilla.grid;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of one map (or of every map without settings of its own): replication, expiry, what a merge after a
 * split brain keeps, and whether a too-small side of a split refuses operations.
 *
 * @param backupCount          synchronous backups per entry: an acknowledged write is on this many other members too
 * @param asyncBackupCount     backups written after the write is acknowledged: lost if the owner crashes first
 * @param readBackupData       whether a member may answer a read from its own backup replica (faster, may be stale)
 * @param timeToLive           default time to live of an entry; {@link Duration#ZERO} keeps entries until deleted
 * @param mergePolicy          what a key both sides of a healed split hold keeps
 * @param splitBrainProtection when a side of a split refuses the map's operations; {@link SplitBrainProtection#OFF}
 *                             never
 * @param persistence          whether and how entries are kept in the database of {@link GridConfig#store()}
 */
public record MapSettings(int backupCount, int asyncBackupCount, boolean readBackupData, Duration timeToLive,
                          MergePolicy mergePolicy, SplitBrainProtection splitBrainProtection,
                          Persistence persistence) {

    /** Hazelcast allows at most this many backups of each kind, together. */
    public static final int MAX_BACKUPS = 6;

    /**
     * One synchronous backup, no asynchronous one, reads from the owner only, no expiry, Hazelcast's default
     * {@link MergePolicy#PUT_IF_ABSENT} merge, no split-brain protection, in memory only.
     */
    public static final MapSettings DEFAULT = new MapSettings(1, 0, false, Duration.ZERO, MergePolicy.PUT_IF_ABSENT,
            SplitBrainProtection.OFF, Persistence.OFF);

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
        Checks.notNull(prefix + ".merge-policy", mergePolicy);
        Checks.notNull(prefix + ".split-brain-min-size", splitBrainProtection).validate(prefix);
        Checks.notNull(prefix + ".store-mode", persistence).validated(prefix);
        return this;
    }

    /**
     * These settings as the keys a node file writes under {@code map-defaults} or {@code maps.<name>}
     * (config/README.md), in the table's order; the split-brain keys only when protection is on, the store keys only
     * when persistence is. Reading them back gives these settings.
     */
    public Map<String, Object> configKeys() {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("backup-count", backupCount);
        keys.put("async-backup-count", asyncBackupCount);
        keys.put("read-backup-data", readBackupData);
        keys.put("time-to-live-seconds", timeToLive.toSeconds());
        keys.put("merge-policy", mergePolicy.id());
        if (splitBrainProtection.enabled()) {
            keys.put("split-brain-min-size", splitBrainProtection.minSize());
            keys.put("split-brain-function", splitBrainProtection.function().id());
            keys.put("split-brain-tolerance-millis", splitBrainProtection.tolerance().toMillis());
            keys.put("split-brain-protect-on", splitBrainProtection.protectOn().id());
        }
        if (persistence.enabled()) {
            keys.put("store-mode", persistence.mode().id());
            keys.put("store-write-delay-seconds", persistence.writeDelay().toSeconds());
            keys.put("store-write-batch-size", persistence.writeBatchSize());
            keys.put("store-write-coalescing", persistence.writeCoalescing());
            keys.put("store-initial-load", persistence.initialLoad().id());
        }
        return keys;
    }

    /** A copy with another synchronous backup count. */
    public MapSettings withBackupCount(int count) {
        return new MapSettings(count, asyncBackupCount, readBackupData, timeToLive, mergePolicy, splitBrainProtection,
                persistence);
    }

    /** A copy with another asynchronous backup count. */
    public MapSettings withAsyncBackupCount(int count) {
        return new MapSettings(backupCount, count, readBackupData, timeToLive, mergePolicy, splitBrainProtection,
                persistence);
    }

    /** A copy that reads (or not) from backup replicas. */
    public MapSettings withReadBackupData(boolean read) {
        return new MapSettings(backupCount, asyncBackupCount, read, timeToLive, mergePolicy, splitBrainProtection,
                persistence);
    }

    /** A copy with another default time to live. */
    public MapSettings withTimeToLive(Duration ttl) {
        return new MapSettings(backupCount, asyncBackupCount, readBackupData, ttl, mergePolicy, splitBrainProtection,
                persistence);
    }

    /** A copy with another merge policy. */
    public MapSettings withMergePolicy(MergePolicy policy) {
        return new MapSettings(backupCount, asyncBackupCount, readBackupData, timeToLive, policy, splitBrainProtection,
                persistence);
    }

    /** A copy with other split-brain protection ({@link SplitBrainProtection#OFF} for none). */
    public MapSettings withSplitBrainProtection(SplitBrainProtection protection) {
        return new MapSettings(backupCount, asyncBackupCount, readBackupData, timeToLive, mergePolicy, protection,
                persistence);
    }

    /** A copy with other persistence ({@link Persistence#OFF} for memory only). */
    public MapSettings withPersistence(Persistence newPersistence) {
        return new MapSettings(backupCount, asyncBackupCount, readBackupData, timeToLive, mergePolicy,
                splitBrainProtection, newPersistence);
    }
}
