package dev.flotilla.grid.internal.store;

import java.util.Locale;

/**
 * The SQL that differs between the databases Flotilla stores maps in: how a row is written whatever is there
 * (an upsert). Everything else is standard SQL that both run as it is.
 */
enum Dialect {
    POSTGRESQL {
        @Override
        String upsert(String table) {
            return "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (k) DO UPDATE SET "
                    + "kind = EXCLUDED.kind, version = EXCLUDED.version, op_id = EXCLUDED.op_id, "
                    + "doc = EXCLUDED.doc, expires_at = EXCLUDED.expires_at";
        }

        @Override
        String registerMap() {
            return "INSERT INTO " + CATALOG + " (map_name, table_name) VALUES (?, ?) ON CONFLICT (map_name) DO NOTHING";
        }
    },
    H2 {
        @Override
        String upsert(String table) {
            return "MERGE INTO " + table + " (" + COLUMNS + ") KEY (k) VALUES (?, ?, ?, ?, ?, ?)";
        }

        @Override
        String registerMap() {
            return "MERGE INTO " + CATALOG + " (map_name, table_name) KEY (map_name) VALUES (?, ?)";
        }
    };

    /** The table that names each persistent map's table, for people looking at the database. */
    static final String CATALOG = "flotilla_maps";
    /** A row's columns, in the order the statements bind them. */
    static final String COLUMNS = "k, kind, version, op_id, doc, expires_at";

    /** Writes one row: inserted, or replacing the row with the same key. */
    abstract String upsert(String table);

    /** Adds a map to the catalog unless it is there. */
    abstract String registerMap();

    String createCatalog() {
        return "CREATE TABLE IF NOT EXISTS " + CATALOG
                + " (map_name VARCHAR(64) PRIMARY KEY, table_name VARCHAR(63) NOT NULL)";
    }

    /**
     * One map's table. The key is the map key ({@code VARCHAR(256)}, the grid's key limit); {@code expires_at} is
     * the entry's expiry in epoch milliseconds (null: never), so an entry with a time to live does not come back
     * after its time.
     */
    String createTable(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (k VARCHAR(256) PRIMARY KEY, kind CHAR(1) NOT NULL, "
                + "version BIGINT, op_id BIGINT, doc VARCHAR NOT NULL, expires_at BIGINT)";
    }

    /** The dialect of a database, by the product name its driver reports. */
    static Dialect of(String productName) {
        String name = productName.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (name.equals("h2")) {
            return H2;
        }
        throw new StoreException("persistent maps support PostgreSQL and H2, not " + productName, true, null);
    }
}
