package dev.flotilla.grid;


import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.flotilla.grid.cluster.ClusterView;
import dev.flotilla.grid.guarantee.GuaranteeMode;
import dev.flotilla.grid.internal.ClusterMapStatisticsTask;
import dev.flotilla.grid.internal.HazelcastClusterView;
import dev.flotilla.grid.internal.HazelcastConfigMapper;
import dev.flotilla.grid.internal.HazelcastMapTransaction;
import dev.flotilla.grid.internal.HazelcastVersionedMap;
import dev.flotilla.grid.internal.MapStatisticsSampler;
import dev.flotilla.grid.internal.store.StoreDatabase;
import dev.flotilla.grid.map.ClusterMapStatistics;
import dev.flotilla.grid.map.EntryNames;
import dev.flotilla.grid.map.MapStatistics;
import dev.flotilla.grid.map.MemberMapStatistics;
import dev.flotilla.grid.map.StoreStatistics;
import dev.flotilla.grid.map.TxOperation;
import dev.flotilla.grid.map.TxResult;
import dev.flotilla.grid.map.VersionedMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One embedded grid member: start it, use its maps and views, close it.
 *
 * <pre>{@code
 * try (Grid grid = Grid.start(GridConfig.defaults())) {
 *     long version = grid.map("orders").put("o-1", "{\"total\":12}");
 * }
 * }</pre>
 *
 * <p>Everything Hazelcast already does (SQL, topics, CP structures, ...) is reachable through {@link #hazelcast()}.
 */
public final class Grid implements AutoCloseable {
    private final GridConfig config;
    private final HazelcastInstance hazelcast;
    private final HazelcastClusterView cluster;
    private static final Logger LOG = LoggerFactory.getLogger(Grid.class);
    private final ConcurrentMap<String, VersionedMap> maps = new ConcurrentHashMap<>();
    private final HazelcastMapTransaction transactions;
    private final MapStatisticsSampler sampler;
    private final StoreDatabase database;

    private Grid(GridConfig config, HazelcastInstance hazelcast, StoreDatabase database) {
        this.config = config;
        this.hazelcast = hazelcast;
        this.database = database;
        int replicasShown = config.maps().values().stream()
                .mapToInt(s -> s.backupCount() + s.asyncBackupCount())
                .reduce(config.mapDefaults().backupCount() + config.mapDefaults().asyncBackupCount(), Math::max);
        this.cluster = new HazelcastClusterView(hazelcast, replicasShown, config.memberSecret());
        this.transactions = new HazelcastMapTransaction(hazelcast);
        this.sampler = MapStatisticsSampler.of(hazelcast);
    }

    /**
     * Starts a member and joins (or forms) the cluster named in the config; returns once the member has joined.
     *
     * <p>Logs the effective member config (the {@code hazelcast-config} file with Flotilla's keys on top) as one
     * line once started. With {@code port-auto-increment} off (the default) a member whose port is taken does not start.
     *
     * @throws InvalidConfigException naming {@code hazelcast-config} when that file is not a Hazelcast config
     * @throws GridException {@link GridFailure#NOT_RUNNING} when the member cannot start (for example its port is
     *                       taken)
     */
    public static Grid start(GridConfig config) {
        StoreDatabase database = config.store().configured() ? new StoreDatabase(config.store()) : null;
        Config hazelcastConfig = HazelcastConfigMapper.toHazelcast(config, database);
        try {
            HazelcastInstance hazelcast = Hazelcast.newHazelcastInstance(hazelcastConfig);
            if (database != null) {
                // However the member ends (close, terminate, Hazelcast's own shutdown), its pool goes with it, after
                // the shutdown has flushed the write-behind queues through it.
                hazelcast.getLifecycleService().addLifecycleListener(event -> {
                    if (event.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.SHUTDOWN) {
                        database.close();
                    }
                });
            }
            Grid grid = new Grid(config, hazelcast, database);
            LOG.info("grid member started: {}{}", HazelcastConfigMapper.summary(hazelcastConfig),
                    database == null ? "" : ", store " + config.store().printableUrl());
            return grid;
        } catch (RuntimeException e) {
            if (database != null) {
                database.close();
            }
            throw new GridException(GridFailure.NOT_RUNNING, "the grid member could not start: " + startFailure(config, e), e);
        }
    }

    /** Why a member did not start, in a user's words where the cause is known. */
    private static String startFailure(GridConfig config, RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.BindException) {
                return "member port " + config.bindAddress() + ":" + config.port() + " is taken"
                        + (config.portAutoIncrement() ? " (and so are the next 100)" : " (port-auto-increment is off)");
            }
        }
        return e.getMessage();
    }

    /** The config this member started with. */
    public GridConfig config() {
        return config;
    }

    /** The underlying Hazelcast member, for everything Flotilla does not wrap. */
    public HazelcastInstance hazelcast() {
        return hazelcast;
    }

    /** Read-only views of members, partitions, migrations and safety, and a stream of cluster events. */
    public ClusterView cluster() {
        return cluster;
    }

    /**
     * The versioned map of that name, created on first use; see {@link VersionedMap} for its guarantees.
     *
     * @throws GridException {@link GridFailure#INVALID_MAP_NAME} for a name outside {@link EntryNames}' rules
     */
    public VersionedMap map(String name) {
        VersionedMap known = name == null ? null : maps.get(name);
        if (known != null) {
            return known; // only names that passed the check are kept
        }
        EntryNames.requireMapName(name);
        return maps.computeIfAbsent(name, n -> new HazelcastVersionedMap(hazelcast, n));
    }

    /**
     * Applies gets, puts, appends and deletes on keys of one or more versioned maps atomically, in one Hazelcast transaction
     * under {@code mode}; blocks until it commits and answers one result per operation, in order.
     *
     * <p>Every key touched is locked with {@code getForUpdate} in (map, key) order, then each operation's
     * {@code ifVersion} is checked against the state seen so far (a get after a put of the same key sees the put),
     * versions are bumped as {@link VersionedMap} does (put and append: current + 1, absent: 1), and the transaction
     * commits. An append adds its value as the last element of the key's JSON array ({@code [value]} when absent);
     * it is the key's one write. The guarantees below hold for appends exactly as for puts.
     * Plain {@link VersionedMap} writes to a locked key wait for the transaction to end. At most
     * {@value TxOperation#MAX_OPERATIONS} operations, each key written at most once.
     *
     * <p><b>Modes:</b> {@link GuaranteeMode#TX_ONE_PHASE} (no prepare phase, no replicated commit log) and
     * {@link GuaranteeMode#TX_TWO_PHASE} (prepare, the commit log copied to one other member, then commit). Every
     * other mode is refused. <b>Migration</b> and graceful leave: transactional operations are retried on the new
     * owner; commits keep their atomicity. <b>Member loss</b>: ONE_PHASE can commit partially when a member dies
     * mid-commit (some keys written, others not); TWO_PHASE's log backup lets the remaining member complete the
     * commit after the coordinator's crash (two crashes at once can still leave a partial commit). A write
     * acknowledged here survives a crash only with {@code backup-count >= 1}. Reads outside a transaction can see
     * a commit half applied. <b>Split brain</b>: both sides commit; when they merge, the merge policy keeps one
     * side's entry per key, so the other side's commits are lost, possibly for some keys of a transaction only. With
     * split-brain protection on the maps, a too-small side refuses the transaction before it writes (definite
     * {@code no-quorum}) unless the refusal comes at the commit, which is never definite.
     *
     * @throws GridException {@link GridFailure#INVALID_ARGUMENT} (definite) for an unsupported mode, no or too many
     *                       operations, a key written twice or a bad {@code ifVersion}; also (definite: rolled
     *                       back, nothing written) an append to a document that is not a JSON array;
     *                       {@link GridFailure#INVALID_MAP_NAME}, {@link GridFailure#INVALID_KEY},
     *                       {@link GridFailure#INVALID_VALUE} (definite) for bad names and documents, all checked
     *                       before the transaction begins; {@link VersionMismatchException} (definite: rolled back,
     *                       nothing written) naming the first map and key whose version differs; a failure of the
     *                       commit itself is never definite, and failures before the commit keep the
     *                       classification of their cause (a lost member is not definite)
     */
    public List<TxResult> transaction(GuaranteeMode mode, List<TxOperation> operations) {
        return transactions.run(mode, operations);
    }

    /**
     * Local counters of every user map (names starting with '_' are internal and left out), by name: the maps of
     * {@link #localMapStatistics()}, with its guarantees.
     */
    public List<MapStatistics> mapStatistics() {
        return localMapStatistics().maps();
    }

    /**
     * This member's statistics of every user map, its owned partitions and migration queue, read now from its local
     * state (no other member is asked). Rates cover the time since an earlier read (see
     * {@link MemberMapStatistics#windowSeconds()}).
     *
     * <p><b>Migration</b>: entries move between owned and backup counts, or leave, as partitions move; a partition
     * being copied can be counted here and on its new owner. <b>Member loss</b>: promoted backups turn into owned
     * entries here once the partition table is updated. <b>Split brain</b>: numbers of this side only.
     */
    public MemberMapStatistics localMapStatistics() {
        return sampler.read();
    }

    /**
     * Map statistics of every member, asked through a Hazelcast executor service task; blocks until all members
     * answered or {@code deadline} passed. A member that did not answer in time, failed, or joined after the request
     * went out is listed in {@link ClusterMapStatistics#missing()}, never silently dropped.
     *
     * <p>Each member reads its own counters when the request reaches it: not a consistent cut. <b>Migration</b>: a
     * partition in flight can be counted on both its old and its new owner, or on neither, so sums can double-count
     * or miss entries for a moment. <b>Member loss</b>: the lost member is missing (or its request fails); its
     * entries reappear as owned entries elsewhere once backups are promoted, and are lost with backup count 0.
     * Operation counts restart at 0 on a restarted member. <b>Split brain</b>: only this side's members are asked
     * and summed; the other side is neither counted nor listed as missing.
     *
     * @throws GridException {@link GridFailure#INVALID_ARGUMENT} for a deadline that is not positive
     */
    public ClusterMapStatistics clusterMapStatistics(Duration deadline) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new GridException(GridFailure.INVALID_ARGUMENT, "deadline must be positive: " + deadline);
        }
        return ClusterMapStatisticsTask.gather(hazelcast, deadline);
    }

    /**
     * This member's calls to the database of its persistent maps, and the write-behind entries of the partitions it
     * owns that are not stored yet; {@link StoreStatistics#NONE} without a database. Read from local state.
     *
     * <p><b>Migration</b>: queued entries move with their partitions. <b>Member loss</b>: a lost member's queue
     * survives on the backups that take its partitions over, which store it; with backup count 0 it is lost.
     * <b>Split brain</b>: each side stores its own writes to the one database, last writer winning per key.
     */
    public StoreStatistics storeStatistics() {
        if (database == null) {
            return StoreStatistics.NONE;
        }
        long queued = 0;
        for (com.hazelcast.core.DistributedObject object : hazelcast.getDistributedObjects()) {
            if (object instanceof com.hazelcast.map.IMap<?, ?> map) {
                queued += map.getLocalMapStats().getDirtyEntryCount();
            }
        }
        return database.statistics(queued);
    }

    /** Whether the local member is running. */
    public boolean isRunning() {
        return hazelcast.getLifecycleService().isRunning();
    }

    /**
     * Leaves gracefully: waits (bounded by Hazelcast's graceful-shutdown timeout) until this member's partitions
     * have been handed to others, so no acknowledged data is lost with backup count 1 or more. Idempotent.
     */
    @Override
    public void close() {
        if (isRunning()) {
            hazelcast.shutdown();
        }
    }

    /** Stops at once without handing over partitions, like a crash: the others detect it and promote backups. */
    public void terminate() {
        hazelcast.getLifecycleService().terminate();
    }

    @Override
    public String toString() {
        return "Grid[" + config.clusterName() + " " + (isRunning() ? cluster.localMember().address() : "stopped") + "]";
    }

}
