package dev.flotilla.grid.store;

import dev.flotilla.grid.LoopbackProfile;
import dev.flotilla.grid.StoreSettings;
import org.h2.tools.Server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An H2 TCP server in the test's JVM, on a free loopback port and a temporary directory: what the members reach over
 * TCP as they would reach the launcher's H2 process. {@link #stop()} and {@link #start()} make a database outage on
 * the same port and data.
 */
public final class H2Server implements TestDatabase {
    private final Path directory;
    private final int port = LoopbackProfile.freePort();
    private final String password = UUID.randomUUID().toString();
    private Server server;

    private H2Server() {
        try {
            directory = Files.createTempDirectory("flotilla-h2-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    /** A started server with an empty data directory. */
    public static H2Server create() {
        return new H2Server();
    }

    @Override
    public synchronized void start() {
        try {
            server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", directory.toString(),
                    "-ifNotExists").start();
        } catch (SQLException e) {
            throw new IllegalStateException("H2 did not start on port " + port, e);
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    @Override
    public StoreSettings settings() {
        return StoreSettings.of(url(), "flotilla", password);
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "flotilla", password);
    }

    private String url() {
        return "jdbc:h2:tcp://127.0.0.1:" + port + "/grid";
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
