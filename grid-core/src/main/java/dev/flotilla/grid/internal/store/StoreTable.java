package dev.flotilla.grid.internal.store;

import com.hazelcast.map.EntryLoader.MetadataAwareValue;
import com.hazelcast.map.EntryStore;
import dev.flotilla.grid.internal.store.StoreDatabase.Operation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The table of one persistent map, as Hazelcast's store of that map: Hazelcast calls it on the member that owns
 * the entry's partition (write-through: before the write is acknowledged; write-behind: from its queue), and to
 * load entries when the map is first used or a key is missing from memory.
 *
 * <p>Batches ({@link #storeAll}, {@link #deleteAll}) run in one transaction, so a batch is stored whole or not at
 * all, and Hazelcast's retry of a failed batch cannot leave half of it behind. An entry with a time to live keeps
 * its expiry in the table and is not loaded once it has passed.
 */
final class StoreTable implements EntryStore<String, Object> {
    /** Keys per {@code IN (...)} list when loading many. */
    private static final int LOAD_CHUNK = 500;

    private final StoreDatabase database;
    private final String map;
    private final String table;
    private volatile boolean created;

    StoreTable(StoreDatabase database, String map, String table) {
        this.database = database;
        this.map = map;
        this.table = table;
    }

    @Override
    public void store(String key, MetadataAwareValue<Object> value) {
        StoredRow row = StoredRow.of(map, value.getValue());
        database.call(Operation.STORE, map, connection -> {
            try (PreparedStatement upsert = prepared(connection).prepareStatement(database.dialect(connection).upsert(table))) {
                bind(upsert, key, row, value.getExpirationTime());
                return upsert.executeUpdate();
            }
        });
    }

    @Override
    public void storeAll(Map<String, MetadataAwareValue<Object>> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Map<String, StoredRow> rows = new HashMap<>();
        entries.forEach((key, value) -> rows.put(key, StoredRow.of(map, value.getValue())));
        database.transaction(Operation.STORE, map, connection -> {
            try (PreparedStatement upsert = prepared(connection).prepareStatement(database.dialect(connection).upsert(table))) {
                for (Map.Entry<String, StoredRow> row : rows.entrySet()) {
                    bind(upsert, row.getKey(), row.getValue(), entries.get(row.getKey()).getExpirationTime());
                    upsert.addBatch();
                }
                return upsert.executeBatch();
            }
        });
    }

    @Override
    public void delete(String key) {
        database.call(Operation.DELETE, map, connection -> {
            try (PreparedStatement delete = prepared(connection).prepareStatement("DELETE FROM " + table + " WHERE k = ?")) {
                delete.setString(1, key);
                return delete.executeUpdate();
            }
        });
    }

    @Override
    public void deleteAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        database.transaction(Operation.DELETE, map, connection -> {
            try (PreparedStatement delete = prepared(connection).prepareStatement("DELETE FROM " + table + " WHERE k = ?")) {
                for (String key : keys) {
                    delete.setString(1, key);
                    delete.addBatch();
                }
                return delete.executeBatch();
            }
        });
    }

    @Override
    public MetadataAwareValue<Object> load(String key) {
        return loadAll(List.of(key)).get(key);
    }

    @Override
    public Map<String, MetadataAwareValue<Object>> loadAll(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        List<String> all = new ArrayList<>(keys);
        return database.call(Operation.LOAD, map, connection -> {
            Map<String, MetadataAwareValue<Object>> loaded = new HashMap<>();
            long now = System.currentTimeMillis();
            for (int from = 0; from < all.size(); from += LOAD_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + LOAD_CHUNK));
                String sql = "SELECT k, kind, version, op_id, doc, expires_at FROM " + table + " WHERE k IN ("
                        + "?, ".repeat(chunk.size() - 1) + "?)";
                try (PreparedStatement select = prepared(connection).prepareStatement(sql)) {
                    for (int i = 0; i < chunk.size(); i++) {
                        select.setString(i + 1, chunk.get(i));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            long expires = rows.getLong(6);
                            boolean never = rows.wasNull();
                            if (never || expires > now) {
                                StoredRow row = new StoredRow(rows.getString(2), nullable(rows, 3), nullable(rows, 4),
                                        rows.getString(5));
                                loaded.put(rows.getString(1), new MetadataAwareValue<>(row.value(map),
                                        never ? MetadataAwareValue.NO_TIME_SET : expires));
                            }
                        }
                    }
                }
            }
            return loaded;
        });
    }

    /** Every stored key that has not expired; expired rows are deleted on the way. */
    @Override
    public Iterable<String> loadAllKeys() {
        return database.transaction(Operation.LOAD, map, connection -> {
            long now = System.currentTimeMillis();
            try (PreparedStatement purge = prepared(connection).prepareStatement(
                    "DELETE FROM " + table + " WHERE expires_at IS NOT NULL AND expires_at <= ?")) {
                purge.setLong(1, now);
                purge.executeUpdate();
            }
            List<String> keys = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT k FROM " + table)) {
                select.setFetchSize(1000);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
            }
            return keys;
        });
    }

    /** The connection, with this map's table created on the first call that reaches the database. */
    private Connection prepared(Connection connection) throws SQLException {
        if (!created) {
            database.ensureTable(connection, map, table);
            created = true;
        }
        return connection;
    }

    private void bind(PreparedStatement statement, String key, StoredRow row, long expirationTime) throws SQLException {
        statement.setString(1, key);
        statement.setString(2, row.kind());
        setNullable(statement, 3, row.version());
        setNullable(statement, 4, row.operation());
        statement.setString(5, row.value());
        setNullable(statement, 6, expirationTime == MetadataAwareValue.NO_TIME_SET ? null : expirationTime);
    }

    private static void setNullable(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static Long nullable(ResultSet rows, int index) throws SQLException {
        long value = rows.getLong(index);
        return rows.wasNull() ? null : value;
    }
}
