package dev.flotilla.grid.internal.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.flotilla.grid.StoreSettings;
import dev.flotilla.grid.map.StoreStatistics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.CRC32;

/**
 * One member's connections to the database of its persistent maps: a pool, the tables, and the one rule for how
 * long a call may take and what its failure means.
 *
 * <p>Every call runs on a thread of this class and is waited for at most {@link StoreSettings#timeout()}, because
 * a database that stops answering (a paused process, a dropped network) would otherwise hold Hazelcast's threads
 * for as long as the driver's socket waits, which for some drivers is forever. A call that outlasts the timeout is
 * interrupted and reported as not definite: the database may still apply it.
 *
 * <p>Definite failures: no connection could be had (nothing was sent), or the database answered with an error of
 * the statement itself (a single statement in auto-commit, or a batch before its commit: rolled back). Not
 * definite: the timeout, and a connection that broke while a statement or a commit was on its way.
 */
public final class StoreDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreDatabase.class);
    private static final long LOG_SPACING_MILLIS = 10_000;

    private final StoreSettings settings;
    private final AtomicLong lastLogMillis = new AtomicLong(Long.MIN_VALUE / 2);
    private final HikariDataSource pool;
    private final ExecutorService calls;
    private final Map<String, StoreTable> tables = new ConcurrentHashMap<>();
    private final Map<Operation, Map<Boolean, LongAdder>> counts = new ConcurrentHashMap<>();
    private final AtomicLong lastStoreMillis = new AtomicLong(System.currentTimeMillis());
    private final AtomicLong pendingSinceMillis = new AtomicLong(-1);
    private volatile Dialect dialect;
    private volatile boolean catalogReady;

    /** What a call does, for its statistics. */
    enum Operation {
        STORE, DELETE, LOAD;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A unit of work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Opens the pool lazily: a member whose database is down starts, and its persistent maps fail until it is up. */
    public StoreDatabase(StoreSettings settings) {
        this.settings = settings;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setPoolName("flotilla-store");
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        // Part of the call's time limit: a pool that cannot connect fails the call as definite before the limit.
        config.setConnectionTimeout(Math.max(250, settings.timeout().toMillis() / 2));
        config.setValidationTimeout(Math.max(250, settings.timeout().toMillis() / 4));
        config.setAutoCommit(true);
        this.pool = new HikariDataSource(config);
        this.calls = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "flotilla-store");
            thread.setDaemon(true);
            return thread;
        });
        for (Operation operation : Operation.values()) {
            counts.put(operation, Map.of(true, new LongAdder(), false, new LongAdder()));
        }
    }

    /** The settings this database was opened with. */
    public StoreSettings settings() {
        return settings;
    }

    /** The table of a map, created (with its catalog row) on first use. */
    StoreTable table(String map) {
        return tables.computeIfAbsent(map, name -> new StoreTable(this, name, tableName(name)));
    }

    /**
     * The table of a map: {@code flotilla_} and the map name in lower case with other characters as {@code _}, and a
     * checksum of the exact name, so that {@code a.b} and {@code a_b} get different tables; at most 63 characters
     * (PostgreSQL's limit).
     */
    static String tableName(String map) {
        String readable = map.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
        CRC32 crc = new CRC32();
        crc.update(map.getBytes(StandardCharsets.UTF_8));
        String suffix = String.format("%08x", crc.getValue());
        return "flotilla_" + readable.substring(0, Math.min(readable.length(), 44)) + "_" + suffix;
    }

    Dialect dialect(Connection connection) throws SQLException {
        Dialect known = dialect;
        if (known == null) {
            known = Dialect.of(connection.getMetaData().getDatabaseProductName());
            dialect = known;
        }
        return known;
    }

    /** Creates the catalog and one map's table when missing; called before the map's first statement. */
    void ensureTable(Connection connection, String map, String table) throws SQLException {
        Dialect sql = dialect(connection);
        // DDL in a transaction of its own: a failed create must not abort the caller's transaction (PostgreSQL).
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(true);
        try {
            if (!catalogReady) {
                createIfAbsent(connection, sql.createCatalog());
                catalogReady = true;
            }
            createIfAbsent(connection, sql.createTable(table));
            try (PreparedStatement register = connection.prepareStatement(sql.registerMap())) {
                register.setString(1, map);
                register.setString(2, table);
                register.executeUpdate();
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /**
     * Runs a {@code CREATE ... IF NOT EXISTS}, again when another member created the same table at the same moment:
     * PostgreSQL's {@code IF NOT EXISTS} does not hold against a concurrent create (measured: two members' first
     * loads failed with 23505 on {@code pg_type}); the second attempt finds the table.
     */
    private static void createIfAbsent(Connection connection, String create) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(create);
                return;
            } catch (SQLException e) {
                boolean concurrentCreate = "23505".equals(e.getSQLState()) || "42P07".equals(e.getSQLState());
                if (!concurrentCreate || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * Runs {@code work} on a pooled connection within the timeout.
     *
     * @throws StoreException definite or not, as the class comment says
     */
    <T> T call(Operation operation, String map, Work<T> work) {
        Future<T> future = calls.submit(() -> {
            Connection connection;
            try {
                connection = pool.getConnection();
            } catch (SQLException e) {
                throw failed(new StoreException("the database of map '" + map + "' cannot be reached; nothing was "
                        + "written", true, e), e);
            }
            // Not try-with-resources: the connection must still be open when a failure asks whether it broke.
            try {
                connection.setAutoCommit(true);
                return work.run(connection);
            } catch (SQLException e) {
                boolean definite = !brokenConnection(e, connection);
                if (!definite) {
                    // One broken connection after a database restart means the idle ones are broken too.
                    pool.getHikariPoolMXBean().softEvictConnections();
                }
                throw failed(new StoreException("the database of map '" + map + "' failed the " + operation.id()
                        + (definite ? "; nothing was written" : " mid-call; it may have applied it"), definite, e), e);
            } finally {
                closeQuietly(connection);
            }
        });
        boolean success = false;
        try {
            T result = future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            success = true;
            return result;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw failed(new StoreException("the database of map '" + map + "' did not answer the " + operation.id()
                    + " within " + settings.timeout().toMillis() + " ms; it may still apply it", false, e), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException store) {
                throw store;
            }
            throw new StoreException("the " + operation.id() + " of map '" + map + "' failed: " + e.getCause(), false,
                    e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while the database of map '" + map + "' ran the " + operation.id(),
                    false, e);
        } finally {
            counts.get(operation).get(success).increment();
            if (success && operation == Operation.STORE) {
                lastStoreMillis.set(System.currentTimeMillis());
            }
        }
    }

    /** Runs {@code work} in one transaction: a failure before the commit rolls everything back (definite). */
    <T> T transaction(Operation operation, String map, Work<T> work) {
        return call(operation, map, connection -> {
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback); // a broken connection: the statement's own error says more
                }
                throw e;
            }
            connection.commit();
            return result;
        });
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("closing a pooled connection failed", e);
        }
    }

    /**
     * Whether the statement failed because its connection broke, so it may have reached the database: a connection
     * error (SQLState class 08), an I/O error underneath, or a connection that no longer answers. An error on a
     * connection that still answers is the statement's own, and the database rolled it back.
     */
    private boolean brokenConnection(SQLException e, Connection connection) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        try {
            return !connection.isValid((int) Math.max(1, settings.timeout().toSeconds() / 4));
        } catch (SQLException invalid) {
            return true;
        }
    }

    /**
     * Logs a failure with the driver's reason, which callers never see (it can name hosts and data): the first one,
     * then at most one every {@link #LOG_SPACING_MILLIS}, so an outage does not flood the log.
     */
    private StoreException failed(StoreException failure, Throwable reason) {
        long now = System.currentTimeMillis();
        long last = lastLogMillis.get();
        if (now - last >= LOG_SPACING_MILLIS && lastLogMillis.compareAndSet(last, now)) {
            String message = String.valueOf(reason.getMessage()).strip();
            int newline = message.indexOf('\n');
            LOG.warn("{} ({}: {}); further failures for {} s are counted, not logged", failure.getMessage(),
                    reason.getClass().getSimpleName(), newline < 0 ? message : message.substring(0, newline),
                    LOG_SPACING_MILLIS / 1000);
        }
        return failure;
    }

    /**
     * This member's store statistics, {@code queued} being the write-behind entries its maps hold unstored now.
     * The lag is how long entries have been waiting with no store succeeding: 0 when none waits.
     */
    public StoreStatistics statistics(long queued) {
        long now = System.currentTimeMillis();
        double lagSeconds = 0;
        if (queued == 0) {
            pendingSinceMillis.set(-1);
        } else {
            pendingSinceMillis.compareAndSet(-1, now);
            lagSeconds = Math.max(0, now - Math.max(pendingSinceMillis.get(), lastStoreMillis.get())) / 1000.0;
        }
        return new StoreStatistics(settings.printableUrl(), count(Operation.STORE, true), count(Operation.STORE, false),
                count(Operation.LOAD, true), count(Operation.LOAD, false), count(Operation.DELETE, true),
                count(Operation.DELETE, false), queued, lagSeconds);
    }

    private long count(Operation operation, boolean success) {
        return counts.get(operation).get(success).sum();
    }

    /** Closes the pool; calls in flight are interrupted. Idempotent. */
    @Override
    public void close() {
        calls.shutdownNow();
        pool.close();
    }
}
