package dev.flotilla.grid;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Whether and how a map's entries are kept in the database of {@link GridConfig#store()} as well as in memory.
 *
 * <p>The database is one system every member reaches (each member stores the entries whose primary replica it owns),
 * so what is in it outlives every member: a cluster stopped and started again loads it back. What Flotilla stores
 * is the entry as the grid holds it, version and operation id included, so versions, compare-and-set and retries
 * stay correct across a restart.
 *
 * <p>During a migration or after a member loss the new owner of a partition stores to and loads from the same
 * database (write-behind queues are replicated to the partition's backups, so they survive one crash with one
 * backup). During a split brain both sides store to it and each key's last writer wins there; the merge then stores
 * only values it changes, so where it keeps the value memory holds, the database may keep the other side's last
 * write, and a cluster restarted from the database brings that write back.
 *
 * @param mode            off, write-through or write-behind
 * @param writeDelay      write-behind only: how long a write waits in memory before it is stored; at least 1 s
 * @param writeBatchSize  write-behind only: the most entries stored in one database batch
 * @param writeCoalescing write-behind only: keep only the latest of several writes to one key still waiting (one
 *                        store per key per delay); off: every write is stored, in order, and the queue is bounded by
 *                        {@link StoreSettings#writeBehindQueueCapacity()}
 * @param initialLoad     when a member loads the stored entries: {@link InitialLoad#EAGER} when the map is first used
 *                        (the call waits until every partition is loaded), {@link InitialLoad#LAZY} partition by
 *                        partition as operations touch them
 */
public record Persistence(Mode mode, Duration writeDelay, int writeBatchSize, boolean writeCoalescing,
                          InitialLoad initialLoad) {

    /** Entries live in memory only: lost when every replica's member is gone. */
    public static final Persistence OFF = new Persistence(Mode.OFF, Duration.ofSeconds(1), 100, true, InitialLoad.EAGER);
    /** Every write is acknowledged only after the database has it. */
    public static final Persistence WRITE_THROUGH = OFF.withMode(Mode.WRITE_THROUGH);
    /** Writes are acknowledged from memory and stored one second later, coalesced per key. */
    public static final Persistence WRITE_BEHIND = OFF.withMode(Mode.WRITE_BEHIND);

    /** Hazelcast stores write-behind entries in whole seconds (a delay of 0 means write-through to it). */
    static final int MAX_WRITE_DELAY_SECONDS = 3600;

    /** When an acknowledged write is in the database. */
    public enum Mode {
        /** Never: memory only. */
        OFF,
        /** Before the write is acknowledged; a database that refuses or does not answer fails the write. */
        WRITE_THROUGH,
        /** After {@code writeDelay}, from a queue on the owning member (and its backups). */
        WRITE_BEHIND;

        /** The config spelling: {@code off}, {@code write-through}, {@code write-behind}. */
        public String id() {
            return Checks.id(this);
        }

        /** The mode of that spelling, or null. */
        public static Mode fromId(String id) {
            return Arrays.stream(values()).filter(mode -> mode.id().equals(id)).findFirst().orElse(null);
        }

        /** Every spelling, in order. */
        public static List<String> ids() {
            return Arrays.stream(values()).map(Mode::id).toList();
        }
    }

    /** When stored entries are loaded into memory. */
    public enum InitialLoad {
        /** All of them, the first time the map is used on the cluster. */
        EAGER,
        /** Each partition's, the first time an operation touches it. */
        LAZY;

        /** The config spelling: {@code eager}, {@code lazy}. */
        public String id() {
            return Checks.id(this);
        }
    }

    /** Whether entries are stored at all. */
    public boolean enabled() {
        return mode != Mode.OFF;
    }

    Persistence validated(String prefix) {
        Checks.notNull(prefix + ".store-mode", mode);
        Checks.notNull(prefix + ".store-initial-load", initialLoad);
        if (writeDelay == null || writeDelay.toSeconds() < 1 || writeDelay.toSeconds() > MAX_WRITE_DELAY_SECONDS
                || writeDelay.toMillis() % 1000 != 0) {
            throw new InvalidConfigException(prefix + ".store-write-delay-seconds",
                    writeDelay == null ? null : writeDelay.toMillis() / 1000.0,
                    "must be a whole number of seconds from 1 to " + MAX_WRITE_DELAY_SECONDS);
        }
        Checks.range(prefix + ".store-write-batch-size", writeBatchSize, 1, 10_000);
        return this;
    }

    /** A copy with another mode. */
    public Persistence withMode(Mode newMode) {
        return new Persistence(newMode, writeDelay, writeBatchSize, writeCoalescing, initialLoad);
    }

    /** A copy with another write-behind delay (whole seconds). */
    public Persistence withWriteDelay(Duration delay) {
        return new Persistence(mode, delay, writeBatchSize, writeCoalescing, initialLoad);
    }

    /** A copy with another write-behind batch size. */
    public Persistence withWriteBatchSize(int size) {
        return new Persistence(mode, writeDelay, size, writeCoalescing, initialLoad);
    }

    /** A copy that coalesces (or not) waiting writes to one key. */
    public Persistence withWriteCoalescing(boolean coalescing) {
        return new Persistence(mode, writeDelay, writeBatchSize, coalescing, initialLoad);
    }

    /** A copy with another initial load. */
    public Persistence withInitialLoad(InitialLoad load) {
        return new Persistence(mode, writeDelay, writeBatchSize, writeCoalescing, load);
    }
}
