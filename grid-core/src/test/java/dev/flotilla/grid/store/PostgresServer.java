package dev.flotilla.grid.store;

import dev.flotilla.grid.LoopbackProfile;
import dev.flotilla.grid.StoreSettings;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A PostgreSQL server of the test's own: the machine's server binaries, a fresh data directory in a temporary
 * directory, a free loopback port, a superuser with a random password (scram-sha-256), fsync off. {@link #stop()}
 * (a fast shutdown) and {@link #start()} make a database outage on the same port and data; {@link #close()} stops it
 * and deletes the directory, and a shutdown hook does the same for a JVM that exits without closing it.
 *
 * <p>PostgreSQL refuses to run as root: a JVM running as root runs the server as the system user {@code postgres}
 * (the Debian package's) and gives it the directory.
 *
 * <p>Without server binaries the test is skipped, or fails when {@code CI=true}: {@code .ci/run} installs them.
 */
public final class PostgresServer implements TestDatabase {
    private static final String USER = "flotilla";
    private static final String SYSTEM_USER = "postgres";
    private static final Duration START_LIMIT = Duration.ofSeconds(30);
    private static final long STOP_LIMIT_SECONDS = 30;

    private final Path binaries;
    private final Path directory;
    private final Path data;
    private final Path sockets;
    private final Path log;
    private final boolean asSystemUser = "root".equals(System.getProperty("user.name"));
    private final int port = LoopbackProfile.freePort();
    private final String password = UUID.randomUUID().toString();
    private final Thread shutdownHook = new Thread(this::destroy, "postgres-server-cleanup");
    private Process server;

    private PostgresServer(Path binaries) throws IOException {
        this.binaries = binaries;
        directory = Files.createTempDirectory("flotilla-pg-");
        data = directory.resolve("data");
        sockets = directory.resolve("socket");
        log = directory.resolve("postgres.log");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * A started server with an empty database; skips the test (fails it when {@code CI=true}) on a machine without
     * PostgreSQL's server binaries.
     */
    public static PostgresServer create() {
        Optional<Path> binaries = binaries();
        String missing = "PostgreSQL server binaries not found (pg_config --bindir, /usr/lib/postgresql/*/bin); "
                + "install them with: apt-get install postgresql";
        if (binaries.isEmpty() && "true".equals(System.getenv("CI"))) {
            fail(missing + " (.ci/run does)");
        }
        assumeTrue(binaries.isPresent(), missing);
        PostgresServer server;
        try {
            server = new PostgresServer(binaries.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            server.initialize();
            server.start();
            return server;
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /** {@code pg_config --bindir}, else the highest {@code /usr/lib/postgresql/<version>/bin}: where both are. */
    private static Optional<Path> binaries() {
        List<Path> candidates = new ArrayList<>();
        try {
            Process pgConfig = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String output = new String(pgConfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (pgConfig.waitFor(10, TimeUnit.SECONDS) && pgConfig.exitValue() == 0 && !output.isEmpty()) {
                candidates.add(Path.of(output));
            }
        } catch (IOException e) {
            // no pg_config on the path
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.filter(path -> path.getFileName().toString().matches("\\d+"))
                    .sorted(Comparator.comparingInt((Path path) -> Integer.parseInt(path.getFileName().toString()))
                            .reversed())
                    .forEach(version -> candidates.add(version.resolve("bin")));
        } catch (IOException e) {
            // no Debian layout
        }
        return candidates.stream()
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres"))
                        && Files.isExecutable(bin.resolve("pg_ctl")))
                .findFirst();
    }

    /** initdb into the data directory, with the superuser's password in a file that is deleted afterwards. */
    private void initialize() {
        try {
            Path passwordFile = directory.resolve("password");
            Files.writeString(passwordFile, password + "\n");
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            Files.createDirectory(sockets);
            if (asSystemUser) {
                UserPrincipal owner = directory.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName(SYSTEM_USER);
                for (Path path : List.of(directory, passwordFile, sockets)) {
                    Files.setOwner(path, owner);
                }
            }
            Process initdb = new ProcessBuilder(command("initdb", "-D", data.toString(), "-U", USER,
                    "--pwfile=" + passwordFile, "--auth=scram-sha-256", "--locale=C", "--encoding=UTF8", "--no-sync",
                    "--no-instructions"))
                    .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
            boolean done = initdb.waitFor(60, TimeUnit.SECONDS);
            if (!done) {
                initdb.destroyForcibly();
            }
            Files.delete(passwordFile);
            if (!done || initdb.exitValue() != 0) {
                throw new IllegalStateException("initdb failed in " + data + ":\n" + logText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during initdb", e);
        }
    }

    /** A PostgreSQL program of {@link #binaries}, run as {@code postgres} when the JVM is root. */
    private List<String> command(String program, String... arguments) {
        List<String> command = new ArrayList<>();
        if (asSystemUser) {
            command.addAll(List.of("runuser", "-u", SYSTEM_USER, "--"));
        }
        command.add(binaries.resolve(program).toString());
        command.addAll(List.of(arguments));
        return command;
    }

    /** Starts (again) on the same port and data directory, and waits until a connection succeeds. */
    @Override
    public synchronized void start() {
        if (server != null && server.isAlive()) {
            return;
        }
        Process started;
        try {
            // A socket directory of its own: the default (/var/run/postgresql) may be missing or another server's.
            started = new ProcessBuilder(command("postgres", "-D", data.toString(), "-p", Integer.toString(port),
                    "-k", sockets.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"))
                    .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = started;
        try {
            await("PostgreSQL accepting connections on 127.0.0.1:" + port).atMost(START_LIMIT)
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        if (!started.isAlive()) {
                            throw new IllegalStateException("PostgreSQL exited with " + started.exitValue() + ":\n"
                                    + logText());
                        }
                        return accepts();
                    });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("PostgreSQL did not accept connections within " + START_LIMIT + ":\n"
                    + logText(), e);
        }
    }

    private boolean accepts() {
        try (Connection ignored = connect()) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** A fast shutdown ({@code pg_ctl stop -m fast}): sessions are ended, new connections refused. */
    @Override
    public synchronized void stop() {
        Process running = server;
        if (running == null) {
            return;
        }
        server = null;
        try {
            if (running.isAlive()) {
                Process pgCtl = new ProcessBuilder(command("pg_ctl", "-D", data.toString(), "stop", "-m", "fast",
                        "-w", "-t", Long.toString(STOP_LIMIT_SECONDS)))
                        .redirectErrorStream(true).redirectOutput(Redirect.appendTo(log.toFile())).start();
                pgCtl.waitFor(STOP_LIMIT_SECONDS + 5, TimeUnit.SECONDS);
            }
            if (!running.waitFor(STOP_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                kill(running);
                throw new IllegalStateException("PostgreSQL did not stop within " + STOP_LIMIT_SECONDS + " s; killed");
            }
        } catch (IOException e) {
            kill(running);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            kill(running);
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the server and its sessions; when run as {@code postgres}, the server is a child of runuser. */
    private static void kill(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : tree) {
            handle.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(timeout -> handle).join();
        }
    }

    /** The URL of the server's {@code postgres} database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** The superuser. */
    public String user() {
        return USER;
    }

    /** The superuser's password. */
    public String password() {
        return password;
    }

    @Override
    public StoreSettings settings() {
        return StoreSettings.of(jdbcUrl(), USER, password);
    }

    @Override
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), USER, password);
    }

    private String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Stops the server (killing it if it does not stop) and deletes the directory. */
    @Override
    public void close() {
        try {
            stop();
        } finally {
            destroy();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is exiting: the hook runs destroy() again, which finds nothing left
            }
        }
    }

    /** What is left: the server killed, the directory deleted. The shutdown hook's work too. */
    private synchronized void destroy() {
        if (server != null) {
            kill(server);
            server = null;
        }
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
