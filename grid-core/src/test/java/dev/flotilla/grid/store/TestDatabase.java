package dev.flotilla.grid.store;

import dev.flotilla.grid.StoreSettings;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A database server of a test's own, on loopback and in a temporary directory: what the members store persistent
 * maps in, and what the test takes down and brings back on the same port and data.
 */
interface TestDatabase extends AutoCloseable {

    /** The settings members reach this database with. */
    StoreSettings settings();

    /** A connection of the test's own, to look at what is stored. */
    Connection connect() throws SQLException;

    /** Stops: open connections are closed, new ones refused. */
    void stop();

    /** Starts (again) on the same port and data directory. */
    void start();

    /** Stops and deletes the data. */
    @Override
    void close();
}
